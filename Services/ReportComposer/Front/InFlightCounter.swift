import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Requests in flight per client routing id, so that one client cannot take every slot.
final class InFlightCounter: Sendable {
    private let counts = Mutex<[Data: Int]>([:])

    /// Counts up to `wanted` requests in while the client is under `limit`; returns how many
    /// were admitted (0 when it is already at its limit).
    func enter(_ client: Data, wanted: Int = 1, limit: Int) -> Int {
        counts.withLock { counts in
            let current = counts[client, default: 0]
            let admitted = max(0, min(wanted, limit - current))
            if admitted > 0 { counts[client] = current + admitted }
            return admitted
        }
    }

    /// Counts `count` admitted requests out again.
    func leave(_ client: Data, count: Int = 1) {
        guard count > 0 else { return }
        counts.withLock { counts in
            let remaining = counts[client, default: count] - count
            counts[client] = remaining > 0 ? remaining : nil
        }
    }
}
