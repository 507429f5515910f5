import FlyingFox
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// Whether a process is ready for work: the composer once its endpoints are bound, a service
/// once it is registered with a composer.
public final class Readiness: Sendable {
    private let state = Mutex(false)
    public init(_ ready: Bool = false) { state.withLock { $0 = ready } }
    public var isReady: Bool { state.withLock { $0 } }
    public func set(_ ready: Bool) { state.withLock { $0 = ready } }
}

/// The process's metrics registry, bootstrapped into swift-metrics once at start.
public enum Observability {
    /// Makes swift-metrics report to a Prometheus registry and returns it.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(3),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }
}

/// Serves `/metrics` (Prometheus text format), `/healthz` (200 while the process runs) and
/// `/readyz` (200 when ready, else 503) over HTTP with FlyingFox, until graceful shutdown.
public struct MetricsServer: Service {
    let host: String
    let port: UInt16
    let registry: PrometheusCollectorRegistry
    let readiness: Readiness
    let logger: Logger

    public init(host: String, port: UInt16, registry: PrometheusCollectorRegistry, readiness: Readiness, logger: Logger) {
        self.host = host
        self.port = port
        self.registry = registry
        self.readiness = readiness
        self.logger = logger
    }

    public func run() async throws {
        let server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled)
        let registry = self.registry, readiness = self.readiness
        await server.appendRoute("GET /metrics") { _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: Data(buffer))
        }
        await server.appendRoute("GET /healthz") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain"], body: Data("ok\n".utf8))
        }
        await server.appendRoute("GET /readyz") { _ in
            readiness.isReady
                ? HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain"], body: Data("ready\n".utf8))
                : HTTPResponse(statusCode: .serviceUnavailable, headers: [.contentType: "text/plain"], body: Data("not ready\n".utf8))
        }
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                try await server.waitUntilListening()
                if case .ip4(let ip, let actualPort) = await server.listeningAddress {
                    logger.info("metrics on http://\(ip):\(actualPort)/metrics")
                }
                try await group.next()
            }
        }
    }
}

extension MetricsServer: CustomStringConvertible {
    public var description: String { "MetricsServer(\(host):\(port))" }
}
