import Metrics
import WireProtocol

/// Heartbeats both ways (RFC 7): the broker beats every interval and drops a worker silent for
/// longer than the liveness window.
extension Broker {
    /// Drops the workers silent past the liveness window, then sends HEARTBEAT to the others.
    func heartbeat() {
        let now = ContinuousClock.now
        for worker in registry.expired(now: now, expiry: settings.heartbeat.expiry) {
            Counter(
                label: "report_missed_heartbeats_total",
                dimensions: [("service", registry.workers[worker]?.service ?? "?")]
            ).increment()
            remove(worker, now: now, reason: "missed \(settings.heartbeat.liveness) heartbeats")
        }
        probe()
    }

    /// Sends HEARTBEAT to every worker: one whose connection is gone turns up as unroutable.
    func probe() {
        for worker in registry.workers.keys {
            transport.send(Majordomo.frames(to: worker, .heartbeat))
        }
        publishGauges()
    }

    /// Beats every interval until cancelled.
    func heartbeatLoop() async {
        while (try? await Task.sleep(for: settings.heartbeat.interval)) != nil {
            heartbeat()
        }
    }
}
