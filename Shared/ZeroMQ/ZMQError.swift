import CZeroMQ

/// A failed libzmq call: which operation failed, with `zmq_errno()` and its `zmq_strerror` text.
public struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The libzmq operation that failed, e.g. `"zmq_bind(tcp://127.0.0.1:5555)"`.
    public let operation: String
    /// The value of `zmq_errno()` right after the failure.
    public let code: Int32
    /// `zmq_strerror(code)`: made when asked for, so that an error that is only tested (the
    /// `EAGAIN` ending every non-blocking read) allocates nothing.
    public var message: String { String(cString: zmq_strerror(code)) }

    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// The error libzmq reports for the call that just failed on this thread.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(operation: operation(), code: zmq_errno())
    }

    public var description: String { "\(operation) failed: \(message) (errno \(code))" }

    /// The call was interrupted by a signal and may simply be repeated.
    public var isInterrupted: Bool { code == czmq_eintr() }
    /// Nothing to receive, or no room to send, right now.
    public var isWouldBlock: Bool { code == czmq_eagain() }
    /// A ROUTER socket with `ZMQ_ROUTER_MANDATORY` was asked to send to a peer it does not know.
    public var isHostUnreachable: Bool { code == czmq_ehostunreach() }
}
