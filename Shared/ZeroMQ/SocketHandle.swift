import Foundation

/// A Sendable reference to a socket that lives on a ``SocketThread``. It carries no socket, only
/// the socket's number: sending posts the frames to the thread, and received messages arrive on
/// ``messages``.
public struct SocketHandle: Sendable {
    /// The socket's number on its thread.
    public let id: Int
    /// The endpoints the socket bound to, with real ports for `tcp://…:*` binds.
    public let boundEndpoints: [String]
    /// Every message the socket receives, in order, as whole multipart messages. Ends when the
    /// socket is closed or the thread stops.
    public let messages: AsyncStream<[Data]>
    let mailbox: SocketThreadMailbox

    /// Queues `frames` to be sent as one message. Sends never block the caller; a message the
    /// socket cannot take (high-water mark reached, unknown ROUTER peer) is logged and counted
    /// by the thread (see ``SocketThread/failedSends``).
    public func send(_ frames: [Data]) {
        mailbox.post(.send(socket: id, frames: frames))
    }

    /// Closes the socket on its thread; ``messages`` then finishes.
    public func close() {
        mailbox.post(.close(socket: id))
    }
}
