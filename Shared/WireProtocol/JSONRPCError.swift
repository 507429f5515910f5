/// A JSON-RPC 2.0 error object, thrown by handlers and sent to clients as is.
public struct JSONRPCError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String {
        var text = "\(message) (\(code))"
        if let data { text += " \(String(decoding: data.encoded(), as: UTF8.self))" }
        return text
    }
}

extension JSONRPCError {
    // The codes JSON-RPC 2.0 defines.
    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    // The system's own conditions, in the -32000..-32099 range the spec reserves for servers.
    /// No live worker of the service the method belongs to.
    public static let serviceUnavailableCode = -32000
    /// The request's deadline passed before an answer came.
    public static let deadlineExceededCode = -32001
    /// Too many requests queued for a service; try again later.
    public static let overloadedCode = -32002
    /// A data reload failed; the service goes on serving what it had.
    public static let reloadFailedCode = -32003

    /// Whether the client caused it (a malformed or unknown request, bad params, over its cap),
    /// as opposed to a failure of the system.
    public var isClientMistake: Bool {
        [Self.parseErrorCode, Self.invalidRequestCode, Self.methodNotFoundCode, Self.invalidParamsCode].contains(code)
    }

    /// The longest `detail` an error about a client's request carries: it may quote what the
    /// client sent, and a refusal must not cost a reply the size of the request.
    public static let maxDetailLength = 400

    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(
            .parseError,
            data: .object(["detail": .string(detail.clipped(to: maxDetailLength))]))
    }

    public static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(
            .invalidRequest,
            data: .object(["detail": .string(detail.clipped(to: maxDetailLength))]))
    }

    public static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(
            .methodNotFound, data: .object(["method": .string(method.clipped)]))
    }

    /// Invalid params, naming the field at fault.
    public static func invalidParams(field: String, _ detail: String) -> JSONRPCError {
        JSONRPCError(
            .invalidParams,
            data: .object(["field": .string(field.clipped), "detail": .string(detail.clipped(to: maxDetailLength))]))
    }

    public static func internalError(_ detail: String) -> JSONRPCError {
        JSONRPCError(.internalError, data: .object(["detail": .string(detail)]))
    }

    public static func serviceUnavailable(_ service: String) -> JSONRPCError {
        JSONRPCError(
            .serviceUnavailable,
            data: .object(["service": .string(service), "detail": .string("no live \(service) worker is registered")]))
    }

    public static func deadlineExceeded(_ service: String, milliseconds: Int) -> JSONRPCError {
        JSONRPCError(
            .deadlineExceeded,
            data: .object(["service": .string(service), "timeoutMs": .integer(Int64(milliseconds))]))
    }

    public static func overloaded(_ service: String, queued: Int) -> JSONRPCError {
        JSONRPCError(
            .overloaded,
            data: .object(["service": .string(service), "queued": .integer(Int64(queued))]))
    }
}
