import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// RFC 7/MDP's client protocol on the same ROUTER as JSON-RPC, told apart by the first body
/// frame: `["MDPC01", service, body]` gets `["MDPC01", service, reply]`. The body is a JSON-RPC
/// request, answered as if it had come alone: service `report` for the composer's own methods,
/// `statistics` or `initiatives` for theirs (forwarded to a worker as always). `mmi.service`
/// (RFC 8/MMI) answers `200` when the named service has a live worker, `404` when not; any other
/// `mmi.` name `501`.
extension ClientFront {
    /// The composer's own service name for a Majordomo client.
    static let ownService = "report"

    /// Whether `body` is a Majordomo client request: `MDPC01`, a service, then the request.
    static func isMajordomo(_ body: ArraySlice<Data>) -> Bool {
        body.count >= 2 && body.first == Majordomo.clientHeader
    }

    func receivedMajordomo(_ message: ClientEnvelope, size: Int, broker: isolated Broker) {
        let frames = Array(message.body)
        let service = frames[1]
        let name = String(decoding: service, as: UTF8.self)
        let reply = { (body: Data) in
            self.socket.send(message.envelope + [Majordomo.clientHeader, service, body])
        }
        if name.hasPrefix("mmi.") {
            guard name == "mmi.service" else { return reply(Data("501".utf8)) }
            let asked = frames.count > 2 ? String(decoding: frames[2], as: UTF8.self) : ""
            let known = asked == Self.ownService || broker.registry.workerCount(asked) > 0
            return reply(Data((known ? "200" : "404").utf8))
        }
        guard frames.count == 3 else {
            let error = JSONRPCResponse(
                id: .null,
                error: .invalidRequest("a Majordomo request is [MDPC01, service, one JSON-RPC request frame]"))
            return reply(error.encoded())
        }
        guard name == Self.ownService || ServiceName(rawValue: name) != nil else {
            let error = JSONRPCResponse(
                id: .null,
                error: .invalidRequest(
                    "no service \"\(name.clipped)\": \(Self.ownService), "
                        + ServiceName.allCases.map(\.rawValue).joined(separator: ", ")))
            return reply(error.encoded())
        }
        answer(frames[2], from: message.envelope[0], size: size, service: name, broker: broker, send: reply)
    }
}
