#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One entry of a client's message: a valid request, or the error response it has earned.
public enum JSONRPCEntry: Sendable, Equatable {
    case request(JSONRPCRequest)
    case invalid(JSONRPCResponse)

    /// Whether it is work to do (a request or a notification), not an error already answered.
    public var isRequest: Bool {
        if case .request = self { return true }
        return false
    }
}

/// What one client frame holds, once parsed: a single request or a batch, each entry either a
/// valid request or the error response it has earned.
public enum JSONRPCMessage: Sendable {
    case single(JSONRPCEntry)
    case batch([JSONRPCEntry])
    /// Not JSON, not UTF-8, or an empty batch: answered with this one response.
    case unusable(JSONRPCResponse)

    /// Parses one frame. Never throws: every failure becomes the response the spec asks for.
    /// A frame beyond `limits` is refused before it is decoded.
    public static func parse(_ frame: Data, limits: JSONLimits = JSONLimits()) -> JSONRPCMessage {
        guard !frame.isEmpty else {
            return .unusable(
                JSONRPCResponse(id: .null, error: .parseError("the frame is empty; expected one JSON-RPC request")))
        }
        // The usual frame, one valid request, is read straight into it.
        if let request = JSONRPCRequest.readPlain(frame, limits: limits) { return .single(.request(request)) }
        if let violation = limits.violation(in: frame) {
            return .unusable(
                JSONRPCResponse(id: .null, error: .invalidRequest("the request is too large: \(violation)")))
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(frame, maxDepth: limits.maxDepth)
        } catch let error as JSONReadError where error.kind == .invalidUTF8 {
            return .unusable(JSONRPCResponse(id: .null, error: .parseError("the frame is not valid UTF-8")))
        } catch {
            return .unusable(JSONRPCResponse(id: .null, error: .parseError("the frame is not valid JSON: \(error)")))
        }
        if case .array(let entries) = value {
            guard !entries.isEmpty else {
                return .unusable(JSONRPCResponse(id: .null, error: .invalidRequest("an empty batch")))
            }
            return .batch(entries.map(JSONRPCRequest.validate))
        }
        return .single(JSONRPCRequest.validate(value))
    }
}
