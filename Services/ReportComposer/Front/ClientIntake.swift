import Synchronization
import ZeroMQ

/// What the client endpoint has read and not yet answered, bounded by its ``ReceiveLimit``
/// (`--max-received-messages`, `--max-received-bytes`): past it the socket is not read until
/// half is answered, so libzmq holds what comes next and TCP pushes back on the clients. Also
/// what graceful shutdown waits for: ``drained()`` returns once nothing is in hand.
final class ClientIntake: Sendable {
    private struct State {
        var messages = 0
        var bytes = 0
        var paused = false
        var drainWaiter: CheckedContinuation<Void, Never>?
        var draining = false
    }

    let limit: ReceiveLimit
    private let state = Mutex(State())

    init(limit: ReceiveLimit) {
        self.limit = limit
    }

    /// Counts a message of `bytes` in; `true` if the socket must now pause.
    func took(bytes: Int) -> Bool {
        state.withLock { state in
            state.messages += 1
            state.bytes += bytes
            guard !state.paused, limit.isExceeded(count: state.messages, size: state.bytes) else { return false }
            state.paused = true
            return true
        }
    }

    /// Counts an answered message of `bytes` out; `true` if the socket may be read again.
    func answered(bytes: Int) -> Bool {
        let (resume, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            state.messages -= 1
            state.bytes -= bytes
            var waiter: CheckedContinuation<Void, Never>?
            if state.messages == 0, state.draining {
                waiter = state.drainWaiter
                state.drainWaiter = nil
            }
            guard state.paused, limit.allowsResuming(count: state.messages, size: state.bytes) else {
                return (false, waiter)
            }
            state.paused = false
            return (true, waiter)
        }
        waiter?.resume()
        return resume
    }

    /// Messages read and not yet answered.
    var inHand: Int { state.withLock { $0.messages } }

    /// Returns once every message read has been answered (call after reading has stopped).
    func drained() async {
        await withCheckedContinuation { waiter in
            let done = state.withLock { state -> Bool in
                state.draining = true
                guard state.messages > 0 else { return true }
                state.drainWaiter = waiter
                return false
            }
            if done { waiter.resume() }
        }
    }
}
