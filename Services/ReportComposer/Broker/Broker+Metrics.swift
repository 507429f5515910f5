import Metrics
import ServiceKit

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the broker shows of its state: gauges for Prometheus, and each service's replicas for
/// `system.info`.
extension Broker {
    /// Publishes live replicas and queue depth per service, and requests in flight. Called when
    /// replicas come and go and once per heartbeat; only the in-flight gauge is also kept
    /// current per request.
    func publishGauges() {
        for service in settings.services {
            Gauge(label: "report_service_replicas", dimensions: [("service", service)])
                .record(registry.workerCount(service))
            Gauge(label: "report_queue_depth", dimensions: [("service", service)]).record(registry.queued(service))
        }
        inFlightGauge.record(pendingCount)
        let missing = settings.services.sorted().filter { registry.workerCount($0) == 0 }
        settings.readiness.set(
            notReadyBecause: missing.isEmpty ? nil : "not ready: no live replica of \(missing.joined(separator: ", "))")
    }

    /// Requests of `service` waiting for a worker.
    func queued(_ service: String) -> Int { registry.queued(service) }

    /// Live workers of `service`.
    func workerCount(_ service: String) -> Int { registry.workerCount(service) }

    /// Each service with workers or waiting requests, its replicas oldest first.
    func report() -> [ServiceReport] {
        registry.services.sorted().map { service in
            let replicas = registry.workers.values.filter { $0.service == service }
                .sorted { $0.connectedSince < $1.connectedSince }
                .map {
                    ServiceReport.Replica(
                        id: $0.id.hex, connectedSince: $0.connectedSince.formatted(.iso8601), capacity: $0.capacity,
                        requestsInHand: $0.inHand.count, requestsServed: $0.served)
                }
            return ServiceReport(
                name: service, workers: replicas.count, queued: registry.queued(service), replicas: replicas)
        }
    }
}
