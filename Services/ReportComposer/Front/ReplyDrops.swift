import Logging
import Metrics
import Synchronization
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Replies the client socket could not send: to a client that does not read them (its queue at
/// `--max-unsent-replies`) or that is gone. Each is counted (`report_replies_dropped_total`,
/// by reason) and never retried; the log gets at most one line per client per interval, with
/// the count, however fast a client provokes drops.
struct ReplyDrops {
    /// The shortest time between two log lines about one client.
    let interval: Duration
    let logger: Logger
    private var pending: [Data: (count: Int, since: ContinuousClock.Instant)] = [:]
    private var lastLogged: [Data: ContinuousClock.Instant] = [:]
    private let unread = Counter(label: "report_replies_dropped_total", dimensions: [("reason", "unread")])
    private let gone = Counter(label: "report_replies_dropped_total", dimensions: [("reason", "client gone")])

    init(interval: Duration = .seconds(10), logger: Logger) {
        self.interval = interval
        self.logger = logger
    }

    /// Counts one failed send and logs it if this client's interval has passed.
    mutating func record(_ failure: SendFailure, now: ContinuousClock.Instant = .now) {
        let client = failure.firstFrame
        switch failure.reason {
        case .queueFull: unread.increment()
        case .unroutable: gone.increment()
        case .failed: unread.increment()
        }
        var entry = pending[client] ?? (0, now)
        entry.count += 1
        if let last = lastLogged[client], now - last < interval {
            pending[client] = entry
            return
        }
        pending[client] = nil
        lastLogged[client] = now
        logger.warning(
            "replies dropped",
            metadata: [
                "client": "\(client.prefix(16).hex)",
                "reason": "\(failure.reason == .unroutable ? "client gone" : "client not reading")",
                "dropped": "\(entry.count)",
            ])
        forgetQuietClients(now: now)
    }

    /// Keeps the tables small: a client not heard of for two intervals is forgotten.
    private mutating func forgetQuietClients(now: ContinuousClock.Instant) {
        guard lastLogged.count > 1024 else { return }
        lastLogged = lastLogged.filter { now - $0.value < interval * 2 }
        pending = pending.filter { lastLogged[$0.key] != nil }
    }
}

/// ``ReplyDrops`` for the client socket's reader, which records from the socket thread.
final class ReplyDropLog: Sendable {
    private let drops: Mutex<ReplyDrops>

    init(logger: Logger) {
        drops = Mutex(ReplyDrops(logger: logger))
    }

    func record(_ failure: SendFailure) {
        drops.withLock { $0.record(failure) }
    }
}
