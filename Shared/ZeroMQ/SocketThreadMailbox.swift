import CZeroMQ
import Dispatch
import Logging
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A command for the I/O thread.
enum SocketCommand: Sendable {
    case open(
        socket: Int, spec: SocketSpec, streams: SocketStreams,
        reply: CheckedContinuation<[String], any Error>)
    case send(socket: Int, frames: [Data])
    case close(socket: Int)
    /// Stops reading the socket and finishes its `messages` stream; sending still works.
    case stopReceiving(socket: Int)
    /// Stops polling the socket for now (its reader has as much in hand as it may take).
    case pauseReceiving(socket: Int)
    /// Reads the socket again: its consumer caught up after its ``ReceiveLimit`` paused it.
    case resumeReceiving(socket: Int)
    /// Hands the socket's messages to `reader` on the thread from now on.
    case startReading(socket: Int, reader: any SocketReader, handle: SocketHandle)
    case stop(done: CheckedContinuation<Void, Never>)
    /// A job of a task or actor running on the thread's ``SocketThreadExecutor``.
    case run(UnownedJob)
}

/// The continuations a socket's streams are fed through.
struct SocketStreams: Sendable {
    let messages: MessageQueue
    let failures: AsyncStream<SendFailure>.Continuation
    let disconnects: AsyncStream<Void>.Continuation

    func finish() {
        messages.finish()
        failures.finish()
        disconnects.finish()
    }
}

/// The only state the I/O thread shares with other threads: a locked command queue and the
/// eventfd that wakes the thread's wait (`poll(2)`). The eventfd is written only when the thread is
/// (about to be) blocked in its wait: commands posted while it is awake, including every
/// command posted from the thread itself, cost no system call.
final class SocketThreadMailbox: Sendable {
    private struct State {
        var commands: [SocketCommand] = []
        var stopped = false
        /// The thread is blocked in its wait (or about to be) and needs the eventfd to wake.
        var sleeping = false
    }

    let wakeFD: Int32
    private let state = Mutex(State())
    /// The thread's alarms (made rarely, kept for the thread's life).
    private let alarmList = Mutex<[SocketThreadAlarm]>([])
    private let socketNumbers = Atomic<Int>(0)
    /// The thread's sockets: for the loop, and through ``tableIfOnThread`` for code it runs.
    let table: SocketTable
    /// `pthread_self()` of the I/O thread, once it runs.
    private let thread = Atomic<UInt>(0)
    /// Runs jobs that arrive after the thread stopped, one at a time, so that actors isolated
    /// to the thread stay isolated during shutdown.
    private let afterStop = DispatchQueue(label: "zmq-io.after-stop")

    init(logger: Logger) throws {
        table = SocketTable(logger: logger)
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw ZMQError(operation: "eventfd", code: errno) }
        wakeFD = fd
    }

    deinit { close(wakeFD) }

    func nextSocketNumber() -> Int {
        socketNumbers.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Records the calling thread as the I/O thread (called once, by that thread).
    func enterThread() {
        thread.store(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))), ordering: .releasing)
    }

    /// Whether the caller runs on the I/O thread.
    var isOnThread: Bool {
        thread.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// The socket table, to a caller on the I/O thread; `nil` on any other thread.
    var tableIfOnThread: SocketTable? {
        isOnThread ? table : nil
    }

    /// Queues a command and wakes the thread if it sleeps in its wait. After the thread has
    /// stopped, commands are answered here instead: opens fail, stops return at once, jobs run
    /// on a serial queue.
    func post(_ command: SocketCommand) {
        let (mustWake, stopped) = state.withLock { state -> (Bool, Bool) in
            if state.stopped { return (false, true) }
            state.commands.append(command)
            guard state.sleeping else { return (false, false) }
            state.sleeping = false
            return (true, false)
        }
        if stopped {
            answerAfterStop(command)
        } else if mustWake {
            wake()
        }
    }

    func answerAfterStop(_ command: SocketCommand) {
        switch command {
        case .open(_, _, let streams, let reply):
            streams.finish()
            reply.resume(throwing: ZMQError(operation: "open socket", code: czmq_eterm()))
        case .stop(let done): done.resume()
        case .run(let job):
            afterStop.async { job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor()) }
        case .send, .close, .stopReceiving, .pauseReceiving, .resumeReceiving, .startReading: break
        }
    }

    /// Called by the thread before `zmq_poll`: `true` if nothing is queued, in which case the
    /// thread is marked sleeping and may block until the eventfd is written.
    func prepareToSleep() -> Bool {
        state.withLock { state in
            guard state.commands.isEmpty else { return false }
            state.sleeping = true
            return true
        }
    }

    /// Makes an alarm run by this thread.
    func makeAlarm() -> SocketThreadAlarm {
        let alarm = SocketThreadAlarm { [weak self] in
            guard let self, !self.isOnThread else { return }
            self.nudge()
        }
        alarmList.withLock { $0.append(alarm) }
        return alarm
    }

    var alarms: [SocketThreadAlarm] { alarmList.withLock { $0 } }

    /// Wakes the thread if it sleeps in `zmq_poll`, so that it computes its timeout again.
    func nudge() {
        let mustWake = state.withLock { state -> Bool in
            guard state.sleeping else { return false }
            state.sleeping = false
            return true
        }
        if mustWake { wake() }
    }

    /// Called by the thread when `zmq_poll` returns after ``prepareToSleep()``: commands posted
    /// from now on need no wake-up.
    func wokeUp() {
        state.withLock { $0.sleeping = false }
    }

    /// Takes every queued command (called on the I/O thread).
    func takeAll(into commands: inout [SocketCommand]) {
        state.withLock { state in
            state.sleeping = false
            swap(&commands, &state.commands)
        }
    }

    /// Marks the thread stopped and returns what was still queued (called on the I/O thread).
    func markStopped() -> [SocketCommand] {
        state.withLock { state in
            state.stopped = true
            state.sleeping = false
            defer { state.commands = [] }
            return state.commands
        }
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    /// Resets the eventfd's counter (called on the I/O thread).
    func drainWakeups() {
        var count: UInt64 = 0
        _ = read(wakeFD, &count, MemoryLayout<UInt64>.size)
    }
}
