import CZeroMQ
import Synchronization

/// A libzmq context. libzmq documents contexts as thread-safe, which is why this one type is
/// `@unchecked Sendable`; sockets are not, and never leave the thread that made them.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let terminated = Atomic<Bool>(false)

    /// Creates a context with `ioThreads` libzmq background I/O threads.
    public init(ioThreads: Int32 = 1) throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
        if zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads) != 0 {
            let error = ZMQError.last("zmq_ctx_set(ZMQ_IO_THREADS)")
            zmq_ctx_term(handle)
            throw error
        }
    }

    /// Terminates the context: returns once what its closed sockets still hold has gone out, or
    /// each socket's linger has passed. Every socket must have been closed first (their owners
    /// do that). A process calls it before it exits — a context left to `deinit` may still be
    /// held by a thread that is finishing, and the process would exit with replies unsent.
    /// `zmq_ctx_term` is retried when a signal interrupts it; later calls do nothing.
    public func terminate() {
        guard !terminated.exchange(true, ordering: .acquiringAndReleasing) else { return }
        while zmq_ctx_term(handle) != 0 && zmq_errno() == czmq_eintr() {}
    }

    deinit { terminate() }

    /// The libzmq version this process runs against, e.g. `"4.3.4"`.
    public static var libraryVersion: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
