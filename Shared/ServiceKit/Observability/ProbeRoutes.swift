import NIOHTTP1
import Prometheus

/// What the metrics endpoint answers: `/metrics` in the Prometheus text format, `/healthz`
/// (200 while the process runs) and `/readyz` (200 when ready, else 503).
struct ProbeRoutes: Sendable {
    /// One HTTP answer: status, content type and body.
    struct Answer {
        var status: HTTPResponseStatus
        var contentType: String
        var body: [UInt8]
    }

    let registry: PrometheusCollectorRegistry
    let readiness: Readiness

    /// The answer to `method path`; the query string is ignored.
    func answer(method: HTTPMethod, uri: String) -> Answer {
        let path =
            uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard method == .GET || method == .HEAD else {
            return Answer(status: .methodNotAllowed, contentType: "text/plain", body: Array("only GET and HEAD\n".utf8))
        }
        switch path {
        case "/metrics":
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            buffer += ProcessMetrics.exposition()
            return Answer(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: buffer)
        case "/healthz":
            return Answer(status: .ok, contentType: "text/plain", body: Array("ok\n".utf8))
        case "/readyz":
            guard let reason = readiness.reason else {
                return Answer(status: .ok, contentType: "text/plain", body: Array("ready\n".utf8))
            }
            return Answer(status: .serviceUnavailable, contentType: "text/plain", body: Array((reason + "\n").utf8))
        default:
            return Answer(
                status: .notFound, contentType: "text/plain",
                body: Array("not found: /metrics, /healthz, /readyz\n".utf8))
        }
    }
}
