import Metrics
import Prometheus

/// swift-metrics' backend for this project: every metric goes to the Prometheus registry with
/// the HELP text its process declared (``MetricDeclaration``), so the exposition passes
/// `promtool check metrics`. swift-prometheus' own factory registers everything without HELP.
struct DescribedMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    let help: [String: String]
    let durationBuckets: [Duration]
    let valueBuckets: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    init(registry: PrometheusCollectorRegistry, declarations: [MetricDeclaration], durationBuckets: [Duration]) {
        self.registry = registry
        self.help = Dictionary(declarations.map { ($0.name, $0.help) }, uniquingKeysWith: { first, _ in first })
        self.durationBuckets = durationBuckets
    }

    /// The whole name as written (its unit suffix included), with its declared HELP text.
    private func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help[name] ?? "")
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        return registry.makeValueHistogram(
            descriptor: descriptor(label), labels: dimensions, buckets: valueBuckets)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: durationBuckets)
    }

    /// Makes every series `declarations` know, at zero.
    func declare(_ declarations: [MetricDeclaration]) {
        for declaration in declarations {
            for labels in declaration.labelSets {
                switch declaration.kind {
                case .counter: _ = makeCounter(label: declaration.name, dimensions: labels)
                case .gauge: _ = makeMeter(label: declaration.name, dimensions: labels)
                case .durationHistogram: _ = makeTimer(label: declaration.name, dimensions: labels)
                }
            }
        }
    }

    func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
        if let histogram = handler as? Histogram<Double> { registry.unregisterValueHistogram(histogram) }
    }

    func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? Histogram<Duration> { registry.unregisterDurationHistogram(histogram) }
    }
}
