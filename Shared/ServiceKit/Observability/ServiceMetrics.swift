import WireProtocol

/// The metrics a data service has (its ``MethodTable`` and ``MajordomoWorker``), declared with
/// their HELP text and the series known at start.
public enum ServiceMetrics {
    /// The error codes a service answers with, so that each method's error series start at zero.
    static let errorCodes = [
        JSONRPCError.parseErrorCode, JSONRPCError.invalidRequestCode, JSONRPCError.methodNotFoundCode,
        JSONRPCError.invalidParamsCode, JSONRPCError.internalErrorCode, JSONRPCError.reloadFailedCode,
    ].map(String.init)

    public static func declarations(methods: [String], composers: [String]) -> [MetricDeclaration] {
        [
            MetricDeclaration(
                "service_requests_total", .counter, help: "Requests answered, by method.", label: "method",
                values: methods),
            MetricDeclaration(
                "service_request_errors_total", .counter,
                help: "Requests answered with a JSON-RPC error, by method and error code.",
                labelSets: methods.flatMap { method in errorCodes.map { [("method", method), ("code", $0)] } }),
            MetricDeclaration(
                "service_request_duration_seconds", .durationHistogram,
                help: "Time from reading a request to its reply, by method.", label: "method", values: methods),
            MetricDeclaration(
                "service_reconnects_total", .counter,
                help: "Connections to a composer begun again after it went silent or disconnected this worker.",
                label: "composer", values: composers),
        ]
    }
}
