import Dispatch
import Synchronization
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// Writes log lines to standard error from a thread of its own, so that a slow reader of the
/// process's standard error (a full pipe, a stalled terminal) never stalls the thread that
/// logs — above all the socket thread, which logs an access line per request. At most
/// `capacity` bytes wait; a line past that is dropped and counted, and the count is written
/// once there is room. Whatever waits is written at exit (``flush()`` runs from `atexit`).
final class LogWriter: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var dropped = 0
    }

    /// The process's standard error, behind one writer thread.
    static let standardError = LogWriter()

    private let capacity: Int
    private let state = Mutex(State())
    /// Held while writing, so that lines from the thread and from ``flush()`` never interleave.
    private let writing = Mutex(())
    private let wake = DispatchSemaphore(value: 0)
    /// Whether the writer thread runs; without it each line is written where it is logged.
    private let threaded = Atomic(false)

    private init(capacity: Int = 4 << 20) {
        self.capacity = capacity
        do {
            try PosixThread.start(name: "log-writer") { [self] in
                while true {
                    wake.wait()
                    flush()
                }
            }
            threaded.store(true, ordering: .releasing)
            atexit { LogWriter.standardError.flush() }
        } catch {
            // No thread: ``write(_:)`` writes each line itself.
        }
    }

    /// Queues one whole line (or several) to be written.
    func write(_ text: String) {
        let first = state.withLock { state -> Bool in
            guard state.pending.count + text.utf8.count <= capacity else {
                state.dropped += 1
                return false
            }
            let wasEmpty = state.pending.isEmpty
            state.pending.append(contentsOf: text.utf8)
            return wasEmpty
        }
        if !threaded.load(ordering: .acquiring) {
            flush()
        } else if first {
            wake.signal()
        }
    }

    /// Writes what waits now, on the calling thread.
    func flush() {
        writing.withLock { _ in
            let (bytes, dropped) = state.withLock { state -> ([UInt8], Int) in
                defer { state = State() }
                return (state.pending, state.dropped)
            }
            StandardError.write(bytes: bytes)
            if dropped > 0 {
                StandardError.write("[log] \(dropped) lines dropped: standard error was not read fast enough\n")
            }
        }
    }
}

/// swift-log's text handler's output, through a ``LogWriter``: it hands over one whole line per
/// call.
struct LogWriterStream: TextOutputStream, Sendable {
    let writer: LogWriter

    mutating func write(_ string: String) {
        writer.write(string)
    }
}
