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
    static let standardError = LogWriter(fileDescriptor: 2)

    private let fileDescriptor: Int32
    private let capacity: Int
    private let state = Mutex(State())
    /// Held while writing, so that lines from the thread and from ``flush()`` never interleave.
    private let writing = Mutex(())
    private let wake = DispatchSemaphore(value: 0)

    init(fileDescriptor: Int32, capacity: Int = 4 << 20) {
        self.fileDescriptor = fileDescriptor
        self.capacity = capacity
        do {
            try PosixThread.start(name: "log-writer") { [self] in
                while true {
                    wake.wait()
                    flush()
                }
            }
            atexit { LogWriter.standardError.flush() }
        } catch {
            // No thread: lines are written by ``flush()`` at each write instead.
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
        if first { wake.signal() }
    }

    /// Writes what waits now, on the calling thread.
    func flush() {
        writing.withLock { _ in
            let (bytes, dropped) = state.withLock { state -> ([UInt8], Int) in
                defer { state = State() }
                return (state.pending, state.dropped)
            }
            writeAll(bytes)
            if dropped > 0 {
                writeAll(Array("[log] \(dropped) lines dropped: standard error was not read fast enough\n".utf8))
            }
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
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
