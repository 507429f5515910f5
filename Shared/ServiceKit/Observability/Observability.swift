import Metrics
import Prometheus
import Synchronization

/// Whether a process is ready for work: the composer once its endpoints are bound, a service
/// once it is registered with a composer.
public final class Readiness: Sendable {
    /// `nil` while ready; otherwise why not.
    private let state: Mutex<String?>
    public init(_ ready: Bool = false) { state = Mutex(ready ? nil : "not ready") }
    public var isReady: Bool { state.withLock { $0 == nil } }
    /// Why the process is not ready (what `/readyz` says), or `nil` while it is.
    public var reason: String? { state.withLock { $0 } }
    public func set(_ ready: Bool) { state.withLock { $0 = ready ? nil : "not ready" } }
    /// Ready when `reason` is `nil`; otherwise not, for that reason.
    public func set(notReadyBecause reason: String?) { state.withLock { $0 = reason } }
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
