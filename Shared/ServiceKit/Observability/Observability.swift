import Metrics
import Prometheus
import Synchronization
import WireProtocol

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
    /// Request and reply durations: from 100 µs (a cached lookup) to 3 s (past any deadline).
    static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(3),
    ]

    /// What every process has: which build it is.
    static let buildInfo = MetricDeclaration(
        "report_build_info", .gauge,
        help: "Always 1; the labels say which build this process runs (project version, git commit, Swift).",
        labelSets: [
            [("version", ProjectVersion.current), ("commit", ProjectVersion.commit), ("swift", ProjectVersion.swift)]
        ])

    /// Makes swift-metrics report to a Prometheus registry, with the HELP text of
    /// `declarations` and each series they know made at zero, and returns the registry.
    public static func bootstrap(declaring declarations: [MetricDeclaration]) -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        let all = [buildInfo] + declarations
        let factory = DescribedMetricsFactory(registry: registry, declarations: all, durationBuckets: durationBuckets)
        factory.declare(all)
        MetricsSystem.bootstrap(factory)
        for labels in buildInfo.labelSets {
            Gauge(label: buildInfo.name, dimensions: labels).record(1)
        }
        return registry
    }
}
