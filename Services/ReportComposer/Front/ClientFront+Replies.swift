import Synchronization
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ClientFront {
    /// Handles one message read from the client socket, on its thread. Its reply is sent when
    /// it is complete (at once, or when the services have answered); only then does the message
    /// stop counting against ``Limits/received``.
    func received(_ frames: [Data], broker: isolated Broker) {
        guard frames.count <= limits.maxFrames else {
            logger.debug("message with \(frames.count) frames dropped")
            return
        }
        guard frames.count >= 2 else { return }
        let message = ClientEnvelope(frames: frames)
        if Self.isMajordomo(message.body) {
            guard !unread.isNotReading(frames[0]) else { return }
            return receivedMajordomo(message, size: frames.byteCount, broker: broker)
        }
        guard message.body.count == 1, let body = message.body.first else {
            logger.debug("client message with \(message.body.count) body frames refused")
            let error = JSONRPCResponse(
                id: .null,
                error: .invalidRequest("expected exactly one JSON frame after the envelope, got \(message.body.count)"))
            socket.send(message.envelope + [error.encoded()])
            return
        }
        guard !unread.isNotReading(frames[0]) else {
            socket.send(message.envelope + [Self.notReading])
            return
        }
        answer(body, from: frames[0], size: frames.byteCount, broker: broker) {
            self.socket.send(message.envelope + [$0])
        }
    }

    /// Answers `body` and sends the reply with `send`; the message counts against
    /// ``Limits/received`` until then (past it the socket is not read).
    func answer(
        _ body: Data, from client: Data, size: Int, service: String? = nil, broker: isolated Broker,
        send: @escaping (Data) -> Void
    ) {
        if intake.took(bytes: size) { socket.setPaused(true) }
        respond(to: body, from: client, service: service, broker: broker) { reply in
            send(reply)
            if self.intake.answered(bytes: size) { self.socket.setPaused(false) }
        }
    }

    /// The refusal of a request a Majordomo client sent to `service` when another answers it.
    static func misplaced(_ entry: JSONRPCEntry, for service: String) -> JSONRPCResponse? {
        guard case .request(let request) = entry else { return nil }
        let answering = ServiceName(answering: request.method)?.rawValue ?? ownService
        guard answering != service else { return nil }
        return JSONRPCResponse(
            id: request.id ?? .null,
            error: JSONRPCError(
                .methodNotFound,
                data: .object([
                    "method": .string(request.method.clipped),
                    "detail": .string("service \(service) has no such method; \(answering) answers it"),
                ])))
    }

    /// The answer, unread, to a client whose replies are being dropped (it will most likely be
    /// dropped too; a client that has started reading again learns why its request failed).
    static let notReading = JSONRPCResponse(
        id: .null,
        error: JSONRPCError(
            .overloaded,
            data: .object(["detail": .string("replies to this client are being dropped: it is not reading them")]))
    ).encoded()

    /// Answers one frame — a request, a notification or a batch — by calling `done` with the
    /// reply frame. Every request counts against its client's in-flight cap, each entry of a
    /// batch included; a request over the cap is answered -32002 at once, so that no client can
    /// starve the others.
    /// With `service` (a Majordomo client's), a request for a method of another service is
    /// refused (-32601, naming the service that answers it).
    func respond(
        to body: Data, from client: Data, service: String? = nil, broker: isolated Broker,
        done: @escaping (Data) -> Void
    ) {
        switch JSONRPCMessage.parse(body, limits: limits.json) {
        case .unusable(let response):
            done(response.encoded())
        case .single(let entry):
            if let service, let refusal = Self.misplaced(entry, for: service) {
                done(refusal.encoded())
                return
            }
            guard entry.isRequest else {
                respond(to: entry, broker: broker) { done($0?.encoded() ?? Data()) }
                return
            }
            guard inFlight.enter(client, limit: limits.maxInFlightPerClient) == 1 else {
                done(overCap(entry)?.encoded() ?? Data())
                return
            }
            respond(to: entry, broker: broker) { response in
                self.inFlight.leave(client)
                done(response?.encoded() ?? Data())
            }
        case .batch(let entries):
            respond(toBatch: entries, from: client, service: service, broker: broker, done: done)
        }
    }

    private func respond(
        toBatch entries: [JSONRPCEntry], from client: Data, service: String?, broker: isolated Broker,
        done: @escaping (Data) -> Void
    ) {
        let requests = entries.count { $0.isRequest }
        let admitted = inFlight.enter(client, wanted: requests, limit: limits.maxInFlightPerClient)
        let batch = BatchExchange(count: entries.count) { responses in
            self.inFlight.leave(client, count: admitted)
            done(responses.isEmpty ? Data() : JSONRPCResponse.encodeBatch(responses))
        }
        var admissions = admitted
        for (index, entry) in entries.enumerated() {
            if let service, let refusal = Self.misplaced(entry, for: service) {
                batch.set(index, refusal)
                continue
            }
            if entry.isRequest {
                guard admissions > 0 else {
                    batch.set(index, overCap(entry))
                    continue
                }
                admissions -= 1
            }
            respond(to: entry, broker: broker) { batch.set(index, $0) }
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
                        .overloaded,
                        data: .object([
                            "detail": .string(
                                "more than \(limits.maxInFlightPerClient) requests in flight from this client")
                        ])))
            }
        }
    }

    private func respond(
        to entry: JSONRPCEntry, broker: isolated Broker, done: @escaping (JSONRPCResponse?) -> Void
    ) {
        switch entry {
        case .invalid(let response):
            done(response)
        case .request(var request):
            if request.requestId == nil { request.requestId = requestIds.next() }
            let id = request.id
            router.answer(request, broker: broker) { outcome in
                done(id.map { JSONRPCResponse(id: $0, outcome: outcome) })
            }
        }
    }
}

/// A batch waiting for its entries' answers, in any order; complete when every entry has one
/// (a notification's is `nil`). Touched only on the broker's executor.
final class BatchExchange {
    private var responses: [JSONRPCResponse?]
    private var remaining: Int
    private let complete: ([JSONRPCResponse]) -> Void

    init(count: Int, complete: @escaping ([JSONRPCResponse]) -> Void) {
        responses = Array(repeating: nil, count: count)
        remaining = count
        self.complete = complete
    }

    func set(_ index: Int, _ response: JSONRPCResponse?) {
        responses[index] = response
        remaining -= 1
        if remaining == 0 { complete(responses.compactMap { $0 }) }
    }
}

/// Request ids the composer gives requests that come without one: 16 hex digits, each a
/// bijective mix (SplitMix64's finaliser) of a random key drawn at start and a count, so no two
/// of one composer are the same and those of two composers differ — with no system call per
/// request (`UInt64.random` asked the kernel for each one: ~1 % of the composer's time).
final class RequestIDs: Sendable {
    private let key = UInt64.random(in: 0...UInt64.max)
    private let count = Atomic<UInt64>(0)

    /// The next id.
    func next() -> String {
        var value = key &+ count.wrappingAdd(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0xF
                digits[index] = nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
            }
            return String(decoding: digits, as: UTF8.self)
        }
    }
}
