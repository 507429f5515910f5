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
        await withDiscardingTaskGroup { group in
            // When intake stops, the group waits for the requests in hand.
            for await frames in socket.messages {
                guard frames.count <= limits.maxFrames else {
                    logger.debug("message with \(frames.count) frames dropped")
                    continue
                }
                group.addTask {
                    await self.handle(frames, isolation: broker)
                }
            }
        }
    }

    /// Answers one message on the broker's executor: everything it calls runs there too.
    private func handle(_ frames: [Data], isolation broker: isolated Broker) async {
        if let reply = await reply(to: frames) { socket.send(reply) }
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
        let client = frames[0]
        let admitted = inFlight.enter(client, limit: limits.maxInFlightPerClient)
        defer { if admitted { inFlight.leave(client) } }
        return message.envelope + [await respond(to: body, admitted: admitted)]
    }

    /// Answers one frame: a request, a notification or a batch. A client over its in-flight
    /// cap gets -32002 for each request at once, so it cannot starve the others.
    func respond(to body: Data, admitted: Bool = true) async -> Data {
        let parsed = JSONRPCMessage.parse(body, limits: limits.json)
        if !admitted {
            return overCap(parsed)
        }
        switch parsed {
        case .unusable(let response):
            return response.encoded()
        case .single(let entry):
            return await respond(to: entry)?.encoded() ?? Data()
        case .batch(let entries):
            let responses = await withTaskGroup(of: (Int, JSONRPCResponse?).self) { group in
                for (index, entry) in entries.enumerated() {
                    group.addTask { (index, await self.respond(to: entry)) }
                }
                var collected = [JSONRPCResponse?](repeating: nil, count: entries.count)
                for await (index, response) in group { collected[index] = response }
                return collected.compactMap { $0 }
            }
            return responses.isEmpty ? Data() : JSONRPCResponse.encodeBatch(responses)
        }
    }

    private func overCap(_ message: JSONRPCMessage) -> Data {
        let error = JSONRPCError(
            code: JSONRPCError.overloadedCode, message: "Overloaded",
            data: .object([
                "detail": .string("more than \(limits.maxInFlightPerClient) requests in flight from this client")
            ]))
        func answer(_ entry: JSONRPCEntry) -> JSONRPCResponse? {
            switch entry {
            case .invalid(let response): response
            case .request(let request): request.id.map { JSONRPCResponse(id: $0, error: error) }
            }
        }
        switch message {
        case .unusable(let response): return response.encoded()
        case .single(let entry): return answer(entry)?.encoded() ?? Data()
        case .batch(let entries):
            let responses = entries.compactMap(answer)
            return responses.isEmpty ? Data() : JSONRPCResponse.encodeBatch(responses)
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
