import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clients whose replies the socket had to drop because they are not reading them. For a short
/// while after a drop their requests are refused at once, unread, instead of composing reports
/// that would be dropped as well: a client that does not read costs the composer what refusing
/// costs, not what reports cost.
final class UnreadClients: Sendable {
    /// How long after its last dropped reply a client counts as not reading.
    let window: Duration
    private let lastDrop = Mutex<[Data: ContinuousClock.Instant]>([:])

    init(window: Duration = .seconds(1)) {
        self.window = window
    }

    /// A reply to `client` was dropped: its queue is full.
    func dropped(_ client: Data, now: ContinuousClock.Instant = .now) {
        lastDrop.withLock { table in
            table[client] = now
            if table.count > 4096 { table = table.filter { now - $0.value < window } }
        }
    }

    /// Whether `client` had a reply dropped within the window.
    func isNotReading(_ client: Data, now: ContinuousClock.Instant = .now) -> Bool {
        lastDrop.withLock { table in
            guard let last = table[client] else { return false }
            if now - last < window { return true }
            table[client] = nil
            return false
        }
    }
}
