#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A valid JSON-RPC 2.0 request or notification.
public struct JSONRPCRequest: Sendable, Equatable {
    public var method: String
    /// `params` as sent: an object, an array, or absent.
    public var params: JSONValue?
    /// The request's id; `nil` for a notification, which gets no response.
    public var id: JSONValue?
    /// This system's extension: an id that follows one request across processes (client →
    /// composer → service) and appears on every log line about it. Clients may send one; the
    /// composer makes one otherwise.
    public var requestId: String?

    /// The longest `requestId` accepted.
    public static let maxRequestIdLength = 128
    /// The longest method name a request may have, in bytes: every real one is far shorter, and
    /// a longer one is refused before any work is spent on it.
    public static let maxMethodLength = 128

    public init(method: String, params: JSONValue? = nil, id: JSONValue?, requestId: String? = nil) {
        self.method = method
        self.params = params
        self.id = id
        self.requestId = requestId
    }

    /// The request as one JSON object.
    public func encoded() -> Data {
        // Members in sorted order, as every other encoding here.
        var writer = JSONWriter()
        writer.raw("{")
        if let id {
            writer.raw("\"id\":")
            writer.value(id)
            writer.raw(",")
        }
        writer.raw("\"jsonrpc\":\"2.0\",\"method\":")
        writer.string(method)
        if let params {
            writer.raw(",\"params\":")
            writer.value(params)
        }
        if let requestId {
            writer.raw(",\"requestId\":")
            writer.string(requestId)
        }
        writer.raw("}")
        return writer.data
    }

    /// Validates one decoded JSON value as a request, as JSON-RPC 2.0 section 4 defines it.
    public static func validate(_ value: JSONValue) -> JSONRPCEntry {
        guard case .object(let members) = value else {
            return .invalid(
                JSONRPCResponse(id: .null, error: .invalidRequest("a request is a JSON object, got \(value.typeName)")))
        }
        // The id is echoed when it is valid, even in an error; otherwise null.
        let id: JSONValue? = members["id"]
        switch id {
        case nil, .null?, .string?, .integer?, .number?: break
        default:
            return .invalid(
                JSONRPCResponse(id: .null, error: .invalidRequest("\"id\" must be a string, a number or null")))
        }
        let replyID = id ?? .null
        guard members["jsonrpc"] == .string("2.0") else {
            return .invalid(JSONRPCResponse(id: replyID, error: .invalidRequest("\"jsonrpc\" must be exactly \"2.0\"")))
        }
        guard case .string(let method)? = members["method"] else {
            return .invalid(JSONRPCResponse(id: replyID, error: .invalidRequest("\"method\" must be a string")))
        }
        guard method.utf8.count <= maxMethodLength else {
            return .invalid(
                JSONRPCResponse(
                    id: replyID,
                    error: .invalidRequest(
                        "\"method\" is longer than \(maxMethodLength) bytes (\"\(method.clipped)\")")))
        }
        let params = members["params"]
        switch params {
        case nil, .object?, .array?: break
        default:
            return .invalid(
                JSONRPCResponse(id: replyID, error: .invalidRequest("\"params\" must be an object or an array")))
        }
        if let unknown = members.keys.first(where: { !["jsonrpc", "method", "params", "id", "requestId"].contains($0) })
        {
            return .invalid(
                JSONRPCResponse(id: replyID, error: .invalidRequest("unknown member \"\(unknown.clipped)\"")))
        }
        var requestId: String?
        if let value = members["requestId"] {
            guard case .string(let text) = value, !text.isEmpty, text.utf8.count <= maxRequestIdLength else {
                return .invalid(
                    JSONRPCResponse(
                        id: replyID,
                        error: .invalidRequest("\"requestId\" must be a string of 1 to \(maxRequestIdLength) bytes")))
            }
            requestId = text
        }
        return .request(JSONRPCRequest(method: method, params: params, id: id, requestId: requestId))
    }
}
