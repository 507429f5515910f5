import Metrics
import Prometheus
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
