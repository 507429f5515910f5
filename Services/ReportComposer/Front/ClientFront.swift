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
struct ClientFront: Service {
    /// What one client may ask of the composer.
    struct Limits: Sendable {
        var json = JSONLimits()
        /// Frames a message may have: routing id, delimiter and body, with room to spare.
        var maxFrames = 8
        /// Requests one routing id may have in flight.
        var maxInFlightPerClient = 64
    }

    let socket: SocketHandle
    let router: MethodRouter
    var limits = Limits()
    let logger: Logger
    let inFlight = InFlightCounter()
    let unread = UnreadClients()

    func run() async {
        // Every request is handled on the socket's I/O thread: no thread hop from receiving
        // a request to sending its reply.
        await withTaskExecutorPreference(socket.executor) {
            // On graceful shutdown intake stops (`messages` ends); replies still go out.
            await withGracefulShutdownHandler {
                await serve(isolation: router.broker)
            } onGracefulShutdown: {
                socket.stopReceiving()
            }
        }
        logger.info("client endpoint drained")
    }

    /// Handles requests isolated to the broker, which runs on the socket thread: a request
    /// goes from its frame to the broker and back to its reply without switching executors.
    private func serve(isolation broker: isolated Broker) async {
        await withTaskGroup(of: Void.self) { watchers in
            watchers.addTask { await self.countDroppedReplies() }
            await withDiscardingTaskGroup { group in
                // When intake stops, the group waits for the requests in hand.
                var intake = FairIntake()
                var messages = socket.messages.makeAsyncIterator()
                while true {
                    if intake.isEmpty {
                        guard let frames = await messages.next() else { break }
                        intake.add(frames)
                    }
                    while let frames = socket.messages.nextIfQueued() { intake.add(frames) }
                    guard let frames = intake.next() else { continue }
                    guard frames.count <= limits.maxFrames else {
                        logger.debug("message with \(frames.count) frames dropped")
                        socket.messages.release(frames)
                        continue
                    }
                    group.addTask {
                        await self.handle(frames, isolation: broker)
                    }
                    // With other clients' messages waiting, let what is already queued on the
                    // thread run before the next one is taken: with the clients taken in turn
                    // (FairIntake), a client sending a burst of costly requests delays another
                    // client's report by one of them. A lone client's burst goes straight on.
                    if intake.hasOthers(than: frames.first ?? Data()) { await Task.yield() }
                }
            }
            watchers.cancelAll()
        }
    }

    /// Answers one message on the broker's executor: everything it calls runs there too. Only
    /// then is the message released: what is received and not yet answered stays bounded.
    private func handle(_ frames: [Data], isolation broker: isolated Broker) async {
        if let reply = await reply(to: frames) { socket.send(reply) }
        socket.messages.release(frames)
    }

    /// Counts and logs (rate-limited) the replies the socket dropped, until cancelled.
    private func countDroppedReplies() async {
        var drops = ReplyDrops(logger: logger)
        for await failure in socket.sendFailures {
            drops.record(failure)
            if failure.reason == .queueFull { unread.dropped(failure.firstFrame) }
        }
    }

    /// The frames to send back for one received message, or `nil` when nothing can be routed
    /// back (a message with no routing id).
    func reply(to frames: [Data]) async -> [Data]? {
        guard frames.count >= 2 else { return nil }
        let message = ClientEnvelope(frames: frames)
        guard message.body.count == 1, let body = message.body.first else {
            logger.debug("client message with \(message.body.count) body frames refused")
            let error = JSONRPCResponse(
                id: .null,
                error: .invalidRequest("expected exactly one JSON frame after the envelope, got \(message.body.count)"))
            return message.envelope + [error.encoded()]
        }
        guard !unread.isNotReading(frames[0]) else { return message.envelope + [Self.notReading] }
        return message.envelope + [await respond(to: body, from: frames[0])]
    }

    /// The answer, unread, to a client whose replies are being dropped (it will most likely be
    /// dropped too; a client that has started reading again learns why its request failed).
    static let notReading = JSONRPCResponse(
        id: .null,
        error: JSONRPCError(
            code: JSONRPCError.overloadedCode, message: "Overloaded",
            data: .object(["detail": .string("replies to this client are being dropped: it is not reading them")]))
    ).encoded()

    /// Answers one frame: a request, a notification or a batch. Every request counts against
    /// its client's in-flight cap, each entry of a batch included; a request over the cap is
    /// answered -32002 at once, so that no client can starve the others.
    func respond(to body: Data, from client: Data) async -> Data {
        switch JSONRPCMessage.parse(body, limits: limits.json) {
        case .unusable(let response):
            return response.encoded()
        case .single(let entry):
            guard entry.isRequest else { return await respond(to: entry)?.encoded() ?? Data() }
            guard inFlight.enter(client, limit: limits.maxInFlightPerClient) == 1 else {
                return overCap(entry)?.encoded() ?? Data()
            }
            defer { inFlight.leave(client) }
            return await respond(to: entry)?.encoded() ?? Data()
        case .batch(let entries):
            let requests = entries.count { $0.isRequest }
            let admitted = inFlight.enter(client, wanted: requests, limit: limits.maxInFlightPerClient)
            defer { inFlight.leave(client, count: admitted) }
            var admissions = admitted
            let responses = await withTaskGroup(of: (Int, JSONRPCResponse?).self) { group in
                var collected = [JSONRPCResponse?](repeating: nil, count: entries.count)
                for (index, entry) in entries.enumerated() {
                    if entry.isRequest {
                        guard admissions > 0 else {
                            collected[index] = overCap(entry)
                            continue
                        }
                        admissions -= 1
                    }
                    group.addTask { (index, await self.respond(to: entry)) }
                }
                for await (index, response) in group { collected[index] = response }
                return collected.compactMap { $0 }
            }
            return responses.isEmpty ? Data() : JSONRPCResponse.encodeBatch(responses)
        }
    }

    /// The answer to a request over its client's cap (none for a notification).
    private func overCap(_ entry: JSONRPCEntry) -> JSONRPCResponse? {
        switch entry {
        case .invalid(let response): response
        case .request(let request):
            request.id.map {
                JSONRPCResponse(
                    id: $0,
                    error: JSONRPCError(
                        code: JSONRPCError.overloadedCode, message: "Overloaded",
                        data: .object([
                            "detail": .string(
                                "more than \(limits.maxInFlightPerClient) requests in flight from this client")
                        ])))
            }
        }
    }

    private func respond(to entry: JSONRPCEntry) async -> JSONRPCResponse? {
        switch entry {
        case .invalid(let response):
            return response
        case .request(var request):
            if request.requestId == nil { request.requestId = RequestID.make() }
            let outcome = await router.outcome(for: request)
            guard let id = request.id else { return nil }
            return JSONRPCResponse(id: id, outcome: outcome)
        }
    }
}

/// Request ids the composer gives requests that come without one.
enum RequestID {
    /// 16 random hex digits.
    static func make() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension ClientFront: CustomStringConvertible {
    var description: String { "ClientFront(\(socket.boundEndpoints.joined(separator: ",")))" }
}
