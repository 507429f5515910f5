extension JSONRPCError {
    /// An error's code and message, declared once: what the system answers with and what the
    /// API description (`rpc.discover`) says each method may answer.
    public struct Kind: Sendable, Hashable {
        public let code: Int
        public let message: String
        /// When it is answered, for the API description.
        public let meaning: String
    }

    /// An error of `kind`, with `data` saying more.
    public init(_ kind: Kind, data: JSONValue? = nil) {
        self.init(code: kind.code, message: kind.message, data: data)
    }
}

extension JSONRPCError.Kind {
    public static let parseError = Self(
        code: JSONRPCError.parseErrorCode, message: "Parse error", meaning: "The message is not JSON.")
    public static let invalidRequest = Self(
        code: JSONRPCError.invalidRequestCode, message: "Invalid Request",
        meaning: "The message is not a JSON-RPC 2.0 request, or is over a limit (size, depth, batch length).")
    public static let methodNotFound = Self(
        code: JSONRPCError.methodNotFoundCode, message: "Method not found",
        meaning: "No such method; data.method names it.")
    public static let invalidParams = Self(
        code: JSONRPCError.invalidParamsCode, message: "Invalid params",
        meaning: "A param is missing, unknown or of the wrong type or value; data.field names it, data.detail says why."
    )
    public static let internalError = Self(
        code: JSONRPCError.internalErrorCode, message: "Internal error",
        meaning: "The server failed; data.detail says how.")
    public static let serviceUnavailable = Self(
        code: JSONRPCError.serviceUnavailableCode, message: "Service unavailable",
        meaning: "No live worker of the service that answers the method; data.service names it.")
    public static let deadlineExceeded = Self(
        code: JSONRPCError.deadlineExceededCode, message: "Deadline exceeded",
        meaning: "No answer within timeoutMs (or the composer's limit); data.timeoutMs says how long it waited.")
    public static let overloaded = Self(
        code: JSONRPCError.overloadedCode, message: "Overloaded",
        meaning: "Too many requests queued for the service, or in flight from this client; try again later.")
    public static let reloadFailed = Self(
        code: JSONRPCError.reloadFailedCode, message: "Reload failed; the previous data is still served",
        meaning:
            "The data on disk could not be read; data.detail says where, data.loadedAt when the data served was loaded."
    )

    /// What any request may be answered with, whatever its method.
    public static let everyMethod: [Self] = [.invalidRequest, .invalidParams, .internalError, .overloaded]

    /// What a method answered by a service through the composer may be answered with besides
    /// its own errors: the broker's.
    public static let forwarded: [Self] = [.serviceUnavailable, .deadlineExceeded]

    /// The error object an API description lists: `{code, message, data}`, the meaning as data.
    public var openRPC: JSONValue {
        .object(["code": .integer(Int64(code)), "message": .string(message), "data": .string(meaning)])
    }
}
