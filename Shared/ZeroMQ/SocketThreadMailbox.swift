import CZeroMQ
import Foundation
import Synchronization

/// A command for the I/O thread.
enum SocketCommand: Sendable {
    case open(socket: Int, spec: SocketSpec, streams: SocketStreams,
              reply: CheckedContinuation<[String], any Error>)
    case send(socket: Int, frames: [Data])
    case close(socket: Int)
    case stop(done: CheckedContinuation<Void, Never>)
}

/// The continuations a socket's streams are fed through.
struct SocketStreams: Sendable {
    let messages: AsyncStream<[Data]>.Continuation
    let failures: AsyncStream<SendFailure>.Continuation
    let disconnects: AsyncStream<Void>.Continuation

    func finish() {
        messages.finish()
        failures.finish()
        disconnects.finish()
    }
}

/// The only state the I/O thread shares with other threads: a locked command queue and the
/// eventfd that wakes the thread's `zmq_poll`.
final class SocketThreadMailbox: Sendable {
    private struct State {
        var commands: [SocketCommand] = []
        var stopped = false
    }

    let wakeFD: Int32
    private let state = Mutex(State())
    private let socketNumbers = Atomic<Int>(0)
    let failedSends = Atomic<Int>(0)

    init() throws {
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw ZMQError(operation: "eventfd", code: errno) }
        wakeFD = fd
    }

    deinit { Foundation.close(wakeFD) }

    func nextSocketNumber() -> Int {
        socketNumbers.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Queues a command and wakes the thread if the queue was empty. After the thread has
    /// stopped, commands are answered here instead: opens fail, stops return at once.
    func post(_ command: SocketCommand) {
        let (wasEmpty, stopped) = state.withLock { state -> (Bool, Bool) in
            if state.stopped { return (false, true) }
            let wasEmpty = state.commands.isEmpty
            state.commands.append(command)
            return (wasEmpty, false)
        }
        if stopped {
            switch command {
            case .open(_, _, let streams, let reply):
                streams.finish()
                reply.resume(throwing: ZMQError(operation: "open socket", code: czmq_eterm()))
            case .stop(let done): done.resume()
            case .send, .close: break
            }
        } else if wasEmpty {
            wake()
        }
    }

    /// Takes every queued command (called on the I/O thread).
    func takeAll() -> [SocketCommand] {
        state.withLock { state in
            let commands = state.commands
            state.commands.removeAll(keepingCapacity: true)
            return commands
        }
    }

    /// Marks the thread stopped and returns what was still queued (called on the I/O thread).
    func markStopped() -> [SocketCommand] {
        state.withLock { state in
            state.stopped = true
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
