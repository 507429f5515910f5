#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WireProtocol

/// How a request to a service ended.
enum BackendOutcome: Sendable, Equatable {
    /// The worker's reply body.
    case reply(Data)
    /// No live worker of the service.
    case unavailable
    /// The deadline passed first.
    case deadlineExceeded
    /// The service's queue is full.
    case overloaded(queued: Int)

    /// The JSON-RPC error a client gets for an outcome that is not a reply.
    func error(service: String, timeoutMilliseconds: Int) -> JSONRPCError? {
        switch self {
        case .reply: nil
        case .unavailable: .serviceUnavailable(service)
        case .deadlineExceeded: .deadlineExceeded(service, milliseconds: timeoutMilliseconds)
        case .overloaded(let queued): .overloaded(service, queued: queued)
        }
    }
}

/// What the broker reports about one service for `system.info`.
struct ServiceReport: Codable, Sendable, Equatable {
    struct Replica: Codable, Sendable, Equatable {
        /// The worker's ZeroMQ routing id, in hex.
        var id: String
        var connectedSince: Date
        /// Requests it may hold at once: what its READY asked for, at most the broker's cap
        /// (1 for a plain RFC 7 worker).
        var capacity: Int
        var requestsInHand: Int
        var requestsServed: Int
    }

    var name: String
    var workers: Int
    var queued: Int
    var replicas: [Replica]
}
