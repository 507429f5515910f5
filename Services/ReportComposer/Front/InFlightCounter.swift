import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Requests in flight per client routing id, so that one client cannot take every slot.
final class InFlightCounter: Sendable {
    private let counts = Mutex<[Data: Int]>([:])

    /// Counts a request in if the client is under `limit`; `false` means it is over.
    func enter(_ client: Data, limit: Int) -> Bool {
        counts.withLock { counts in
            let current = counts[client, default: 0]
            guard current < limit else { return false }
            counts[client] = current + 1
            return true
        }
    }

    func leave(_ client: Data) {
        counts.withLock { counts in
            let remaining = counts[client, default: 1] - 1
            counts[client] = remaining > 0 ? remaining : nil
        }
    }
}
