import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a detached POSIX thread that runs `body` once: the socket thread needs a thread of
/// its own that no executor shares, and nothing more than that.
package enum PosixThread {
    private final class Start {
        let name: String
        let body: () -> Void
        init(name: String, body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts the thread; `name` (at most 15 bytes are kept) shows in `top -H` and `perf`.
    package static func start(name: String, _ body: @escaping @Sendable () -> Void) throws {
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let code = pthread_create(
            &thread, nil,
            { argument in
                let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
                czmq_name_thread(start.name)
                start.body()
                return nil
            }, start)
        guard code == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            throw ZMQError(operation: "pthread_create", code: code)
        }
        pthread_detach(thread)
    }

    /// Schedules the calling thread as `SCHED_BATCH` (Linux): when another thread wakes it, it
    /// does not preempt whatever runs on its core but runs once that blocks. Throws the errno
    /// where the system refuses or has no such policy.
    package static func scheduleAsBatch() throws {
        let code = czmq_schedule_as_batch()
        guard code == 0 else { throw ZMQError(operation: "sched_setscheduler(SCHED_BATCH)", code: code) }
    }
}
