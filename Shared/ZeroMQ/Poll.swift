import CZeroMQ

/// `zmq_poll` over sockets and plain file descriptors.
public struct PollItem {
    var raw: zmq_pollitem_t

    /// Waits for a socket to become readable.
    public init(readable socket: Socket) {
        raw = zmq_pollitem_t(socket: socket.handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0)
    }

    /// Waits for a file descriptor (e.g. an eventfd) to become readable.
    public init(readable fd: Int32) {
        raw = zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0)
    }

    /// Whether the last poll found this item readable.
    public var isReadable: Bool { raw.revents & Int16(ZMQ_POLLIN) != 0 }
}

/// Polls `items` for up to `timeoutMilliseconds` (-1: no limit) and returns how many are ready.
/// A signal interrupting the wait counts as "nothing ready" rather than an error.
@discardableResult
public func poll(_ items: inout [PollItem], timeoutMilliseconds: Int) throws -> Int {
    let count = Int32(items.count)
    let ready = items.withUnsafeMutableBufferPointer { buffer in
        buffer.withMemoryRebound(to: zmq_pollitem_t.self) { zmq_poll($0.baseAddress, count, timeoutMilliseconds) }
    }
    if ready == -1 {
        let error = ZMQError.last("zmq_poll")
        if error.isInterrupted { return 0 }
        throw error
    }
    return Int(ready)
}
