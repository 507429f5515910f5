#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the broker reports about one service for `system.info`.
struct ServiceReport: Codable, Sendable, Equatable {
    struct Replica: Codable, Sendable, Equatable {
        /// The worker's ZeroMQ routing id, in hex.
        var id: String
        /// When it registered, ISO 8601 (as `startedAt`).
        var connectedSince: String
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
