import Logging
import ServiceLifecycle

extension ObservabilityOptions {
    /// Bootstraps metrics and returns the metrics server to run, if `--metrics-bind` is set.
    public func services(readiness: Readiness, logger: Logger) -> [any Service] {
        guard let address else { return [] }
        let registry = Observability.bootstrap()
        return [
            MetricsServer(
                host: address.host, port: address.port, registry: registry, readiness: readiness, logger: logger)
        ]
    }
}
