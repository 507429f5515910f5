import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Who may connect, by CURVE public key, per ZAP domain: `clients` for the client endpoint,
/// `workers` for the worker endpoint. A domain without a list lets in every peer that completes
/// the CURVE handshake (that is, knows the composer's public key).
struct AllowLists: Sendable {
    static let clients = "clients"
    static let workers = "workers"

    var keys: [String: Set<CurveKey>]

    /// Reads the lists from their files or folders.
    static func load(clients: String?, workers: String?) throws -> AllowLists {
        var keys: [String: Set<CurveKey>] = [:]
        if let clients { keys[Self.clients] = try CurveKeyFiles.readKeys(path: clients) }
        if let workers { keys[Self.workers] = try CurveKeyFiles.readKeys(path: workers) }
        return AllowLists(keys: keys)
    }

    /// Whether `key` may connect in `domain`.
    func allows(_ key: CurveKey, domain: String) -> Bool {
        guard let list = keys[domain] else { return domain == Self.clients || domain == Self.workers }
        return list.contains(key)
    }

    var summary: String {
        keys.keys.sorted().map { "\($0): \(keys[$0]!.count) keys" }.joined(separator: ", ")
    }
}
