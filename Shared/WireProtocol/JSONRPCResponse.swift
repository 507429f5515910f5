#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON-RPC 2.0 response. Its encoding has only the members `jsonrpc`, `id`, and `result` or
/// `error`, which is all strict clients such as tinyrpc accept.
public struct JSONRPCResponse: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The result, already encoded as JSON.
        case result(Data)
        case error(JSONRPCError)
        /// A whole response object a service produced for this very request (with its id),
        /// passed on byte for byte instead of being decoded and encoded again.
        case response(Data)
    }

    public var id: JSONValue
    public var outcome: Outcome

    public init(id: JSONValue, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public init(id: JSONValue, error: JSONRPCError) {
        self.init(id: id, outcome: .error(error))
    }

    /// A success response whose result is `value` encoded.
    public init(id: JSONValue, result value: some Encodable) throws {
        self.init(id: id, outcome: .result(try JSONCoding.encoder.encode(value)))
    }

    public var error: JSONRPCError? {
        if case .error(let error) = outcome { return error }
        return nil
    }

    /// The response as one JSON object. The result bytes are spliced in, not re-encoded.
    public func encoded() -> Data {
        let member: StaticString
        let value: Data
        switch outcome {
        case .response(let whole): return whole
        case .result(let result): (member, value) = (",\"result\":", result)
        case .error(let error):
            (member, value) = (",\"error\":", (try? JSONCoding.encoder.encode(error)) ?? Data("null".utf8))
        }
        return Self.envelope(id: id.encoded(), member: member, value: value)
    }

    /// `{"jsonrpc":"2.0","id":ID,MEMBER VALUE}` from the id's and the value's encoded bytes.
    static func envelope(id: Data, member: StaticString, value: Data) -> Data {
        // Room for the whole response at once: growing it while a report is appended would
        // copy the report again. Literals go in as bytes (a `String`'s UTF-8 view would take
        // Data's generic, dynamically cast path).
        var out = Data(capacity: value.count + id.count + 40)
        Self.append(head, to: &out)
        out.append(id)
        Self.append(member, to: &out)
        out.append(value)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// What every response begins with, up to its id.
    static let head: StaticString = "{\"jsonrpc\":\"2.0\",\"id\":"

    /// Writes the success response to `id` into `writer`, its result written by `result` in
    /// place: the same bytes ``encoded()`` gives for `.result` of what `result` writes, with no
    /// result written first and then copied into the envelope.
    public static func writeResult(
        id: JSONValue, into writer: inout JSONWriter, _ result: (inout JSONWriter) -> Void
    ) {
        writer.raw(head)
        writer.value(id)
        writer.raw(",\"result\":")
        result(&writer)
        writer.raw("}")
    }

    private static func append(_ literal: StaticString, to data: inout Data) {
        literal.withUTF8Buffer { bytes in data.append(bytes.baseAddress!, count: bytes.count) }
    }

    /// Whether `response`, one response object as ``encoded()`` writes it (`jsonrpc`, `id`, then
    /// `result` or `error`), is an error, told from its first member after the id without parsing
    /// it. A `,"result":` or `,"error":` inside a string would have its quotes escaped, so the
    /// first one of the two is the top-level member whatever the result holds.
    public static func encodedIsError(_ response: Data) -> Bool {
        response.withUnsafeBytes { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: ",") {
                    if Self.bytes(bytes, at: index, match: resultMember) { return false }
                    if Self.bytes(bytes, at: index, match: errorMember) { return true }
                }
                index += 1
            }
            return false
        }
    }

    private static let resultMember = Array(#","result":"#.utf8)
    private static let errorMember = Array(#","error":"#.utf8)

    private static func bytes(_ bytes: UnsafeRawBufferPointer, at start: Int, match pattern: [UInt8]) -> Bool {
        guard bytes.count - start >= pattern.count else { return false }
        for offset in pattern.indices where bytes[start + offset] != pattern[offset] { return false }
        return true
    }

    /// Encodes a batch's responses as one JSON array.
    public static func encodeBatch(_ responses: [JSONRPCResponse]) -> Data {
        var out = Data("[".utf8)
        for (index, response) in responses.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(response.encoded())
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Reads a response whose result is a `T` with ``JSONReader``: no `Codable`, no
    /// intermediate tree. The composer reads every service reply this way.
    public static func readResult<T: JSONReadable>(_ type: T.Type, from data: Data) throws -> Result<T, JSONRPCError> {
        try readResult(from: data) { try T(reading: &$0) }
    }

    /// Reads a response's result with `readValue`, or its error. Inlinable, so that it is made
    /// for each caller's `T`.
    @inlinable
    public static func readResult<T>(
        from data: Data, _ readValue: (inout JSONReader) throws -> T
    ) throws -> Result<T, JSONRPCError> {
        try JSONReader.read(data) { reader in
            var result: T?
            var error: JSONRPCError?
            try reader.readObject { key, reader in
                switch key {
                case "result": result = try readValue(&reader)
                case "error": error = try JSONCoding.decoder.decode(JSONRPCError.self, from: try reader.readRawValue())
                default: try reader.skipValue()
                }
            }
            if let error { return .failure(error) }
            guard let result else { throw JSONRPCError.internalError("a response has \"result\" or \"error\"") }
            return .success(result)
        }
    }

    /// Reads a response a peer sent: its id, and its result's JSON or its error.
    public static func decode(_ data: Data) throws -> Received {
        let value = try JSONValue.parse(data)
        guard case .object(let members) = value else {
            throw JSONRPCError.internalError("a response is a JSON object, got \(value.typeName)")
        }
        let id = members["id"] ?? .null
        if let error = members["error"] {
            return Received(id: id, result: .failure(try error.decode(JSONRPCError.self)))
        }
        guard let result = members["result"] else {
            throw JSONRPCError.internalError("a response has \"result\" or \"error\"")
        }
        return Received(id: id, result: .success(result.encoded()))
    }

    /// A response as a peer sent it: what ``decode(_:)`` reads.
    public struct Received: Sendable, Equatable {
        public var id: JSONValue
        /// The result, as JSON, or the error.
        public var result: Result<Data, JSONRPCError>

        public var error: JSONRPCError? {
            if case .failure(let error) = result { return error }
            return nil
        }
    }
}
