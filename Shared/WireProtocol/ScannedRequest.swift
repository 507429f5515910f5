#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A single request with an id, read from its bytes without building its values: its method,
/// its params as the bytes they were sent in, its id as bytes that can be echoed as they are.
/// What a worker needs to answer a request it has answered before (the composer writes its
/// requests in one canonical form, so the same question comes as the same bytes).
///
/// ``scan(_:)`` accepts only what ``JSONRPCRequest/validate(_:)`` would accept and what echoing
/// raw bytes cannot change: anything else (a batch, a notification, an unusual id, a member
/// twice, params over ``maxParamsBytes``) is `nil`, for the full parse to answer.
public struct ScannedRequest: Sendable, Equatable {
    public var method: String
    /// The params' bytes; empty when the request has none.
    public var params: Data
    /// The id's bytes: a canonical integer or a string without escapes, which encode to
    /// exactly these bytes.
    public var id: Data
    public var requestId: String?

    /// The longest params a scanned request may have; a key of the kept results is at most this.
    public static let maxParamsBytes = 1024
    /// Nesting the params may have (far below ``JSONLimits``'s).
    static let maxDepth = 8

    /// The request in `body`, or `nil` when it is not one this reading may answer.
    public static func scan(_ body: Data) -> ScannedRequest? {
        try? JSONReader.read(body, maxDepth: maxDepth) { reader -> ScannedRequest? in
            var method: String?
            var params = Data()
            var id: Data?
            var requestId: String?
            var sawVersion = false
            var sawParams = false
            var ok = true
            try reader.readObject { key, reader in
                switch key {
                case "jsonrpc" where !sawVersion:
                    sawVersion = true
                    let version = try reader.readString()
                    ok = ok && version == "2.0"
                case "method" where method == nil:
                    method = try reader.readString()
                case "params" where !sawParams:
                    sawParams = true
                    let kind = try reader.peekKind()
                    params = try reader.readRawValue()
                    ok = ok && (kind == .object || kind == .array) && params.count <= maxParamsBytes
                case "id" where id == nil:
                    id = try reader.readRawValue()
                case "requestId" where requestId == nil:
                    requestId = try reader.readString()
                default:
                    ok = false
                    try reader.skipValue()
                }
            }
            guard ok, sawVersion, let method, let id, Self.isEchoable(id),
                method.utf8.count <= JSONRPCRequest.maxMethodLength
            else { return nil }
            if let requestId, requestId.isEmpty || requestId.utf8.count > JSONRPCRequest.maxRequestIdLength {
                return nil
            }
            return ScannedRequest(method: method, params: params, id: id, requestId: requestId)
        }
    }

    /// Whether `id` (the bytes of a valid JSON value) is one whose encoding is these very bytes:
    /// `0` or an integer without a leading zero of at most 18 digits, or a string without a
    /// backslash.
    static func isEchoable(_ id: Data) -> Bool {
        guard let first = id.first else { return false }
        if first == UInt8(ascii: "\"") { return !id.contains(UInt8(ascii: "\\")) }
        let digits = first == UInt8(ascii: "-") ? id.dropFirst() : id[...]
        guard let lead = digits.first, (1...18).contains(digits.count),
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return false }
        return lead != UInt8(ascii: "0") || (digits.count == 1 && first != UInt8(ascii: "-"))
    }

    /// The success response to this request: `result` spliced in after the id's own bytes, as
    /// ``JSONRPCResponse/encoded()`` writes it.
    public func response(result: Data) -> Data {
        response(",\"result\":", result)
    }

    /// The error response to this request, as ``JSONRPCResponse/encoded()`` writes it.
    public func response(error: JSONRPCError) -> Data {
        response(",\"error\":", (try? JSONCoding.encoder.encode(error)) ?? Data("null".utf8))
    }

    private func response(_ member: StaticString, _ value: Data) -> Data {
        JSONRPCResponse.envelope(id: id, member: member, value: value)
    }
}
