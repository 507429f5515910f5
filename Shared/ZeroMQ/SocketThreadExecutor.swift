#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The ``SocketThread`` as a Swift concurrency executor: jobs enqueued here run on the I/O
/// thread between two waits, like the tasks of a SwiftNIO event loop.
///
/// Code that works on a socket's messages runs here to avoid thread hops: a task with this
/// executor as its preference (`withTaskExecutorPreference(handle.executor)`) receives a
/// message, handles it and queues the reply on the thread that received it, with no thread
/// switch and no wake-up. An actor whose `unownedExecutor` is this executor is isolated to the
/// I/O thread. Work that blocks (file loads, large computations) must not run here: it would
/// stall every socket of the process.
public final class SocketThreadExecutor: TaskExecutor, SerialExecutor {
    let mailbox: SocketThreadMailbox

    init(mailbox: SocketThreadMailbox) {
        self.mailbox = mailbox
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        mailbox.post(.run(UnownedJob(job)))
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    public func checkIsolated() {
        precondition(mailbox.isOnThread, "expected to run on the socket thread")
    }

    /// Runs one job on the I/O thread (called by its loop).
    func run(_ job: UnownedJob) {
        job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
    }
}
