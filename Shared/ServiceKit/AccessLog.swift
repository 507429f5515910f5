import Logging
import WireProtocol

extension JSONRPCResponse.Outcome {
    /// What a request's access line says about how it ended: `outcome` (`ok` or `error`), the
    /// error `code` if any (`service` for a service's own error passed on), `durationMs` and
    /// `bytes` (of the result, or of the error's message), as JSON numbers where they are numbers.
    public func accessMetadata(_ elapsed: Duration) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["durationMs": .stringConvertible(elapsed.fractionalMilliseconds)]
        switch self {
        case .result(let result):
            metadata["outcome"] = "ok"
            metadata["bytes"] = .stringConvertible(result.count)
        case .error(let error):
            metadata["outcome"] = "error"
            metadata["code"] = .stringConvertible(error.code)
            metadata["bytes"] = .stringConvertible(error.message.utf8.count)
        case .response(let whole):
            let failed = JSONRPCResponse.encodedIsError(whole)
            metadata["outcome"] = failed ? "error" : "ok"
            if failed { metadata["code"] = "service" }
            metadata["bytes"] = .stringConvertible(whole.count)
        }
        return metadata
    }
}

extension Duration {
    /// Milliseconds with microsecond precision (`1.234`), for logs.
    public var fractionalMilliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds / 1_000_000_000_000) / 1_000
    }
}
