#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Sendable reference to a socket that lives on a ``SocketThread``. It carries no socket, only
/// the socket's number: sending posts the frames to the thread, and received messages arrive on
/// ``messages``.
public struct SocketHandle: Sendable {
    /// The members, held once: a handle is copied for every message its reader is given, and a
    /// copy of six references cost six reference counts.
    private final class Members: Sendable {
        let id: Int
        let boundEndpoints: [String]
        let messages: SocketMessages
        let sendFailures: AsyncStream<SendFailure>
        let peerDisconnects: AsyncStream<Void>
        let mailbox: SocketThreadMailbox
        let executor: SocketThreadExecutor

        init(
            id: Int, boundEndpoints: [String], messages: SocketMessages, sendFailures: AsyncStream<SendFailure>,
            peerDisconnects: AsyncStream<Void>, mailbox: SocketThreadMailbox, executor: SocketThreadExecutor
        ) {
            self.id = id
            self.boundEndpoints = boundEndpoints
            self.messages = messages
            self.sendFailures = sendFailures
            self.peerDisconnects = peerDisconnects
            self.mailbox = mailbox
            self.executor = executor
        }
    }

    private let members: Members

    init(
        id: Int, boundEndpoints: [String], messages: SocketMessages, sendFailures: AsyncStream<SendFailure>,
        peerDisconnects: AsyncStream<Void>, mailbox: SocketThreadMailbox, executor: SocketThreadExecutor
    ) {
        members = Members(
            id: id, boundEndpoints: boundEndpoints, messages: messages, sendFailures: sendFailures,
            peerDisconnects: peerDisconnects, mailbox: mailbox, executor: executor)
    }

    /// The socket's number on its thread.
    public var id: Int { members.id }
    /// The endpoints the socket bound to, with real ports for `tcp://…:*` binds.
    public var boundEndpoints: [String] { members.boundEndpoints }
    /// Every message the socket receives, in order, as whole multipart messages. Ends when the
    /// socket is closed or the thread stops.
    public var messages: SocketMessages { members.messages }
    /// Every message the socket could not send, with the reason. A ROUTER's unroutable
    /// message (its peer is gone) shows up here, so the owner can react, e.g. drop the peer.
    /// Keeps the newest 1,024 if nobody reads them.
    public var sendFailures: AsyncStream<SendFailure> { members.sendFailures }
    /// One element each time a peer connection closes, if the socket was opened with
    /// ``SocketSpec/monitorDisconnects`` (libzmq does not say which routing id it had).
    public var peerDisconnects: AsyncStream<Void> { members.peerDisconnects }
    var mailbox: SocketThreadMailbox { members.mailbox }
    /// The executor of the thread that owns the socket. Tasks that handle this socket's
    /// messages run there without thread hops: `withTaskExecutorPreference(handle.executor)`.
    public var executor: SocketThreadExecutor { members.executor }

    /// Sends `frames` as one message: from the socket's thread (a ``SocketReader``, a job of
    /// ``executor``) at the thread's next flush, before it polls again, with no command queued;
    /// from any other thread through the thread's queue. Sends never
    /// block the caller; a message the socket cannot take (high-water mark reached, unknown
    /// ROUTER peer) is counted (see ``SocketThread/failedSends``) and reported to the reader, or
    /// on ``sendFailures``.
    public func send(_ frames: [Data]) {
        if let table = mailbox.tableIfOnThread {
            table.enqueue(frames, on: id)
        } else {
            mailbox.post(.send(socket: id, frames: frames))
        }
    }

    /// Hands every message this socket receives from now on to `reader`, on the socket's
    /// thread. For a socket opened with ``SocketSpec/reader``, which is not read before.
    public func startReading(with reader: some SocketReader) {
        mailbox.post(.startReading(socket: id, reader: reader, handle: self))
    }

    /// Stops or starts polling the socket for messages, for a ``SocketReader`` that has as much
    /// in hand as it may take: libzmq holds what arrives next (up to the receive high-water
    /// mark), then TCP pushes back on the peers. Called on the socket's thread.
    public func setPaused(_ paused: Bool) {
        if let table = mailbox.tableIfOnThread {
            table.setPaused(id, paused)
        } else {
            mailbox.post(paused ? .pauseReceiving(socket: id) : .resumeReceiving(socket: id))
        }
    }

    /// Stops reading messages: ``messages`` finishes once those already read are consumed, and
    /// the socket can still send (e.g. the replies to requests in hand). For graceful shutdown.
    public func stopReceiving() {
        mailbox.post(.stopReceiving(socket: id))
    }

    /// An alarm run by the thread that owns this socket; see ``SocketThreadAlarm``.
    public func makeAlarm() -> SocketThreadAlarm {
        mailbox.makeAlarm()
    }

    /// Closes the socket on its thread; ``messages`` then finishes.
    public func close() {
        mailbox.post(.close(socket: id))
    }
}

/// A message a socket could not send.
public struct SendFailure: Sendable {
    public enum Reason: Sendable, Equatable {
        /// A ROUTER with `ZMQ_ROUTER_MANDATORY` has no peer with that routing id.
        case unroutable
        /// The peer's queue is at its high-water mark, or no peer is connected.
        case queueFull
        /// Another libzmq error.
        case failed(ZMQError)
    }

    /// The message's first frame: for a ROUTER, the peer's routing id.
    public let firstFrame: Data
    public let reason: Reason
}
