import CZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One libzmq socket. Not thread-safe, as libzmq sockets are not: create, use and close it on
/// one thread. In a service that thread is the ``SocketThread``; a single-threaded command-line
/// program may own one directly.
public final class Socket {
    /// The raw `void *` for `zmq_poll`.
    private(set) var handle: UnsafeMutableRawPointer?
    public let type: SocketType
    /// Where libzmq hands back the frames this socket sent without copying them (see
    /// ``zeroCopyBytes``), to be released on the thread that owns it (see ``SentFrameReturn``);
    /// `nil`: released on libzmq's I/O thread.
    public var sentFrameReturn: SentFrameReturn?

    /// Creates a socket of `type` in `context`. A socket always has a linger period
    /// (default 0 ms) so that closing it never hangs the process.
    public init(context: ZMQContext, type: SocketType, linger: Int32 = 0) throws {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("zmq_socket(\(type))")
        }
        self.handle = handle
        self.type = type
        try set(.linger(milliseconds: linger))
    }

    deinit { close() }

    /// Closes the socket; later calls do nothing. The linger option set at creation bounds
    /// how long queued messages may keep libzmq busy.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    private func live(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(operation: operation(), code: ENOTSOCK) }
        return handle
    }

    /// Sets one option.
    public func set(_ option: SocketOption) throws {
        let socket = try live("zmq_setsockopt(\(option.name))")
        if option.apply(to: socket) != 0 { throw ZMQError.last("zmq_setsockopt(\(option.name))") }
    }

    /// Binds to `endpoint`, e.g. `tcp://127.0.0.1:5555` or `ipc:///tmp/x.ipc`.
    public func bind(_ endpoint: String) throws {
        let socket = try live("zmq_bind(\(endpoint))")
        if zmq_bind(socket, endpoint) != 0 { throw ZMQError.last("zmq_bind(\(endpoint))") }
    }

    /// Connects to `endpoint`; libzmq reconnects by itself when the peer goes away.
    public func connect(_ endpoint: String) throws {
        let socket = try live("zmq_connect(\(endpoint))")
        if zmq_connect(socket, endpoint) != 0 { throw ZMQError.last("zmq_connect(\(endpoint))") }
    }

    /// The endpoint the socket last bound to, with the real port for `tcp://…:*` binds.
    public func lastEndpoint() throws -> String {
        let socket = try live("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        if zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, &buffer, &size) != 0 {
            throw ZMQError.last("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }

    /// The file descriptor libzmq signals when the socket's state may have changed (`ZMQ_FD`):
    /// edge-like, so after it fires the socket is read until `EAGAIN` before waiting on it
    /// again, and again after a send, which may take the signal (`zmq_getsockopt(3)`).
    public func fileDescriptor() throws -> Int32 {
        let socket = try live("zmq_getsockopt(ZMQ_FD)")
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        if zmq_getsockopt(socket, ZMQ_FD, &fd, &size) != 0 { throw ZMQError.last("zmq_getsockopt(ZMQ_FD)") }
        return fd
    }

    /// Publishes this socket's `events` (a mask of `ZMQ_EVENT_…`) on an inproc PAIR endpoint
    /// (`zmq_socket_monitor`); `nil` stops monitoring.
    public func monitor(_ endpoint: String?, events: Int32) throws {
        let socket = try live("zmq_socket_monitor")
        if zmq_socket_monitor(socket, endpoint, events) != 0 { throw ZMQError.last("zmq_socket_monitor") }
    }

    /// What a send did.
    public enum SendOutcome: Sendable, Equatable {
        case sent
        /// The peer's queue is at its high-water mark (or no peer yet): nothing was sent.
        case wouldBlock
    }

    /// Sends a multipart message. With `blocking: false` a full queue is the value
    /// ``SendOutcome/wouldBlock``, not an error. Interrupted calls are retried.
    @discardableResult
    public func send(_ frames: [Data], blocking: Bool = true) throws -> SendOutcome {
        let socket = try live("zmq_msg_send")
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = blocking ? 0 : ZMQ_DONTWAIT
            if index < frames.count - 1 { flags |= ZMQ_SNDMORE }
            var message = zmq_msg_t()
            try Self.initialize(&message, with: frame, returns: sentFrameReturn)
            while zmq_msg_send(&message, socket, flags) == -1 {
                let error = ZMQError.last("zmq_msg_send")
                if error.isInterrupted { continue }
                zmq_msg_close(&message)
                // libzmq sends a multipart message atomically: only the first frame can block.
                if error.isWouldBlock && index == 0 { return .wouldBlock }
                throw error
            }
        }
        return .sent
    }

    /// Receives one whole multipart message through `zmq_msg_t`, so frames of any size arrive
    /// complete. Returns `nil` when `blocking` is false and nothing is waiting (or when a
    /// receive timeout passes). Interrupted calls are retried.
    public func receive(blocking: Bool = true) throws -> [Data]? {
        let socket = try live("zmq_msg_recv")
        var frames: [Data] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        repeat {
            let flags: Int32 = (blocking || !frames.isEmpty) ? 0 : ZMQ_DONTWAIT
            while zmq_msg_recv(&message, socket, flags) == -1 {
                let error = ZMQError.last("zmq_msg_recv")
                if error.isInterrupted { continue }
                if error.isWouldBlock && frames.isEmpty { return nil }
                throw error
            }
            // Room for a Majordomo message (seven frames) once there is one: growing one frame
            // at a time cost four allocations per message, and reserving before the first
            // frame cost one for every read that found nothing.
            if frames.isEmpty { frames.reserveCapacity(8) }
            frames.append(Self.frame(of: &message))
        } while zmq_msg_more(&message) != 0
        return frames
    }
}

@available(*, unavailable, message: "a libzmq socket belongs to the thread that created it")
extension Socket: Sendable {}
