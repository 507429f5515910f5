#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONRPCRequest {
    /// The request in `frame` read straight into its members, when it is one valid request
    /// that no limit could refuse (it is at most `limits.maxStringBytes` and
    /// `limits.maxContainerEntries` bytes long); `nil` for anything else — a batch, an error,
    /// a duplicate member — which ``JSONRPCMessage/parse(_:limits:)`` then reads in full to say
    /// what is wrong. It accepts exactly what ``validate(_:)`` accepts and gives the same
    /// request, without decoding the frame into a ``JSONValue`` first (a dictionary of its
    /// members) or scanning it twice.
    static func readPlain(_ frame: Data, limits: JSONLimits) -> JSONRPCRequest? {
        guard frame.count <= min(limits.maxStringBytes, limits.maxContainerEntries) else { return nil }
        return try? JSONReader.read(frame, maxDepth: limits.maxDepth) { reader in
            guard try reader.peekKind() == .object else { throw reader.unexpected("not a request object") }
            var seen = PlainMembers()
            var version = false
            var method: String?
            var params: JSONValue?
            var id: JSONValue?
            var requestId: String?
            try reader.readObject { key, reader in
                switch key {
                case "jsonrpc":
                    try seen.insert(.jsonrpc, reader)
                    guard try reader.peekKind() == .string else { throw reader.unexpected("jsonrpc") }
                    version = try reader.readString() == "2.0"
                case "method":
                    try seen.insert(.method, reader)
                    guard try reader.peekKind() == .string else { throw reader.unexpected("method") }
                    method = try reader.readString()
                case "params":
                    try seen.insert(.params, reader)
                    let kind = try reader.peekKind()
                    guard kind == .object || kind == .array else { throw reader.unexpected("params") }
                    params = try JSONValue(reading: &reader)
                case "id":
                    try seen.insert(.id, reader)
                    let value = try JSONValue(reading: &reader)
                    switch value {
                    case .null, .string, .integer, .number: id = value
                    default: throw reader.unexpected("id")
                    }
                case "requestId":
                    try seen.insert(.requestId, reader)
                    guard try reader.peekKind() == .string else { throw reader.unexpected("requestId") }
                    requestId = try reader.readString()
                default:
                    throw reader.unexpected("an unknown member")
                }
            }
            guard version, let method, method.utf8.count <= maxMethodLength else {
                throw reader.unexpected("not a valid request")
            }
            if let requestId, requestId.isEmpty || requestId.utf8.count > maxRequestIdLength {
                throw reader.unexpected("requestId")
            }
            return JSONRPCRequest(method: method, params: params, id: id, requestId: requestId)
        }
    }
}

/// The members a plain request has had so far: a second one of a name is left to the full
/// reading (which keeps the last, as ``JSONValue`` does).
private struct PlainMembers {
    enum Member: UInt8 {
        case jsonrpc = 1
        case method = 2
        case params = 4
        case id = 8
        case requestId = 16
    }

    private var seen: UInt8 = 0

    mutating func insert(_ member: Member, _ reader: JSONReader) throws {
        guard seen & member.rawValue == 0 else { throw reader.unexpected("a duplicate member") }
        seen |= member.rawValue
    }
}
