#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request sent again and again with only its `requestId` changing — the composer's two
/// questions to the services — encoded once: each request then costs a copy of those bytes and
/// the id, not a walk over its `params` value and a number written out for its `id`.
public struct JSONRPCRequestTemplate: Sendable {
    /// The request without its `requestId` and its closing brace (`requestId` is the last member
    /// ``JSONRPCRequest/encoded()`` writes).
    private let head: [UInt8]

    public init(method: String, params: JSONValue? = nil, id: JSONValue?) {
        var head = [UInt8](JSONRPCRequest(method: method, params: params, id: id).encoded())
        head.removeLast()
        self.head = head
    }

    /// The request with `requestId`: the same bytes as ``JSONRPCRequest/encoded()`` writes.
    public func encoded(requestId: String?) -> Data {
        var writer = JSONWriter(capacity: head.count + (requestId?.utf8.count ?? 0) + 16)
        writer.bytes.append(contentsOf: head)
        if let requestId {
            writer.raw(",\"requestId\":")
            writer.string(requestId)
        }
        writer.raw("}")
        return writer.data
    }
}
