import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The current time as ISO 8601 text (`2026-11-29T10:05:07Z`), formatted once per second: the
/// format has no finer unit, and formatting a date costs more than the rest of a reply's
/// envelope.
final class SecondClock: Sendable {
    private let last = Mutex<(second: Int, text: String)>((-1, ""))

    var iso8601: String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        return last.withLock { last in
            if last.second != second { last = (second, now.formatted(.iso8601)) }
            return last.text
        }
    }
}
