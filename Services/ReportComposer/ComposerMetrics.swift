import ServiceKit
import WireProtocol

/// The composer's metrics, declared with their HELP text and the series known at start: every
/// method the system has, every service it routes to, every reason a reply is dropped.
enum ComposerMetrics {
    /// The error codes the composer answers with (`service`: a service's own error passed on).
    static let errorCodes =
        [
            JSONRPCError.parseErrorCode, JSONRPCError.invalidRequestCode, JSONRPCError.methodNotFoundCode,
            JSONRPCError.invalidParamsCode, JSONRPCError.internalErrorCode, JSONRPCError.serviceUnavailableCode,
            JSONRPCError.deadlineExceededCode, JSONRPCError.overloadedCode,
        ].map(String.init) + ["service"]

    static func declarations(services: [String]) -> [MetricDeclaration] {
        let methods = MethodName.all.sorted() + [MethodName.unknown]
        return [
            MetricDeclaration(
                "report_requests_total", .counter, help: "Client requests answered, by method.", label: "method",
                values: methods),
            MetricDeclaration(
                "report_request_errors_total", .counter,
                help:
                    "Client requests answered with an error, by method and JSON-RPC code (service: the service's own).",
                labelSets: methods.flatMap { method in errorCodes.map { [("method", method), ("code", $0)] } }),
            MetricDeclaration(
                "report_request_duration_seconds", .durationHistogram,
                help: "Time from reading a client request to its reply, by method.", label: "method", values: methods),
            MetricDeclaration(
                "report_requests_in_flight", .gauge, help: "Requests sent to services and not yet answered."),
            MetricDeclaration(
                "report_service_replicas", .gauge, help: "Workers registered, by service.", label: "service",
                values: services),
            MetricDeclaration(
                "report_queue_depth", .gauge, help: "Requests waiting for a free worker, by service.", label: "service",
                values: services),
            MetricDeclaration(
                "report_missed_heartbeats_total", .counter,
                help: "Workers dropped after missing their heartbeats, by service.", label: "service",
                values: services),
            MetricDeclaration(
                "report_unroutable_total", .counter,
                help: "Messages to a worker whose connection was gone (the worker is dropped)."),
            MetricDeclaration(
                "report_replies_dropped_total", .counter,
                help: "Replies not delivered, by reason: the client does not read them, or it is gone.",
                label: "reason", values: ["unread", "client gone"]),
        ]
    }
}
