import Logging
import ServiceLifecycle
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The client endpoint: JSON-RPC 2.0, one JSON object (or batch array) per frame, behind a
/// ROUTER. Every message that can be answered gets exactly one reply frame; a notification
/// gets an empty frame, since a REQ client always waits for one.
///
/// Each message is handled where it is read, on the socket thread, by ``ClientSocketReader``:
/// it is parsed, answered at once or handed to the broker, and its reply is sent from the code
/// that completes it. libzmq's ROUTER reads its peers in turn, so a client sending a burst
/// delays another's request by one of its messages, not by the burst.
///
/// A class: the reader and every completion hold it by one reference, not a copy of its members.
final class ClientFront: Service {
    /// What one client may ask of the composer.
    struct Limits: Sendable {
        var json = JSONLimits()
        /// Frames a message may have: routing id, delimiter and body, with room to spare.
        var maxFrames = 8
        /// Requests one routing id may have in flight.
        var maxInFlightPerClient = 64
        /// How much may be read and not yet answered before the socket is not read.
        var received = ReceiveLimit(messages: 64, bytes: 2 << 20)
    }

    let socket: SocketHandle
    let router: MethodRouter
    let limits: Limits
    let logger: Logger
    let inFlight = InFlightCounter()
    let unread = UnreadClients()
    let intake: ClientIntake
    let drops: ReplyDropLog
    let requestIds = RequestIDs()

    init(socket: SocketHandle, router: MethodRouter, limits: Limits = Limits(), logger: Logger) {
        self.socket = socket
        self.router = router
        self.limits = limits
        self.logger = logger
        intake = ClientIntake(limit: limits.received)
        drops = ReplyDropLog(logger: logger)
    }

    func run() async {
        socket.startReading(with: ClientSocketReader(front: self))
        // On graceful shutdown intake stops; the replies to the requests in hand still go out.
        try? await gracefulShutdown()
        socket.stopReceiving()
        // Runs on the socket thread after the stop: nothing is read once it returns.
        _ = await router.broker.pendingCount
        await intake.drained()
        logger.info("client endpoint drained")
    }
}

/// Reads the client socket on its thread, isolated to the broker (whose executor that thread
/// is), so a request goes from its frame to the broker and back to its reply synchronously.
final class ClientSocketReader: SocketReader {
    let front: ClientFront

    init(front: ClientFront) {
        self.front = front
    }

    func received(_ frames: [Data], on socket: SocketHandle) {
        front.router.broker.assumeIsolated { front.received(frames, broker: $0) }
    }

    func sendFailed(_ failure: SendFailure, on socket: SocketHandle) {
        front.drops.record(failure)
        if failure.reason == .queueFull { front.unread.dropped(failure.firstFrame) }
    }
}

extension ClientFront: CustomStringConvertible {
    var description: String { "ClientFront(\(socket.boundEndpoints.joined(separator: ",")))" }
}
