import Metrics
import Synchronization
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Per-method counts and processing times, for `system.stats` (in the spirit of NATS micro's
/// `$SRV.STATS`). Times are kept for the most recent requests of each method.
final class MethodStatistics: Sendable {
    /// Recent processing times kept per method for the percentiles.
    static let window = 4096

    struct Entry: Codable, Sendable {
        var requests = 0
        var errors = 0
        var timeouts = 0
        /// Percentiles of the recent processing times, in microseconds.
        var processingMicroseconds: [String: Int] = [:]
    }

    private struct Counters {
        var requests = 0, errors = 0, timeouts = 0
        var recent: [Int] = []
        var next = 0
        /// The method's metrics, made on its first request and reused.
        let requestsTotal: Counter
        let duration: Metrics.Timer

        init(method: String) {
            requestsTotal = Counter(label: "report_requests_total", dimensions: [("method", method)])
            duration = Metrics.Timer(label: "report_request_duration_seconds", dimensions: [("method", method)])
        }

        /// Counts one request in place (the window of recent times is never copied).
        mutating func record(micros: Int, isTimeout: Bool, isError: Bool) {
            requests += 1
            if isTimeout {
                timeouts += 1
            } else if isError {
                errors += 1
            }
            if recent.count < MethodStatistics.window {
                recent.append(micros)
            } else {
                recent[next] = micros
                next = (next + 1) % MethodStatistics.window
            }
        }
    }

    private let state = Mutex<[String: Counters]>([:])

    func record(method: String, duration: Duration, outcome: JSONRPCResponse.Outcome) {
        // The error code, if any; a service's own response has its error object after the id.
        let errorCode: String? =
            switch outcome {
            case .error(let error): String(error.code)
            case .response(let whole): JSONRPCResponse.encodedIsError(whole) ? "service" : nil
            case .result: nil
            }
        let isTimeout = errorCode == String(JSONRPCError.deadlineExceededCode)
        if let errorCode {
            Counter(label: "report_request_errors_total", dimensions: [("method", method), ("code", errorCode)])
                .increment()
        }
        let nanoseconds = duration.nanoseconds
        let (requestsTotal, timer) = state.withLock { all in
            if all[method] == nil { all[method] = Counters(method: method) }
            all[method]!.record(micros: Int(nanoseconds / 1000), isTimeout: isTimeout, isError: errorCode != nil)
            return (all[method]!.requestsTotal, all[method]!.duration)
        }
        requestsTotal.increment()
        timer.recordNanoseconds(nanoseconds)
    }

    func snapshot() -> [String: Entry] {
        state.withLock { all in
            all.mapValues { counters in
                let sorted = counters.recent.sorted()
                func percentile(_ p: Double) -> Int {
                    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
                }
                return Entry(
                    requests: counters.requests, errors: counters.errors, timeouts: counters.timeouts,
                    processingMicroseconds: [
                        "p50": percentile(0.50), "p90": percentile(0.90), "p99": percentile(0.99),
                        "max": sorted.last ?? 0,
                    ])
            }
        }
    }
}
