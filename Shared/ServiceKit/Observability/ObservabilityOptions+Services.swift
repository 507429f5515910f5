import Logging
import ServiceLifecycle

extension ObservabilityOptions {
    /// Bootstraps metrics with the process's `declarations` and returns the metrics server to
    /// run, if `--metrics-bind` is set.
    public func services(readiness: Readiness, declaring declarations: [MetricDeclaration], logger: Logger)
        -> [any Service]
    {
        guard let address else { return [] }
        let registry = Observability.bootstrap(declaring: declarations)
        return [
            MetricsServer(
                host: address.host, port: address.port, registry: registry, readiness: readiness, logger: logger)
        ]
    }
}
