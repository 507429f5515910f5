#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A client message as the client ROUTER receives it: the envelope (routing id, and for REQ
/// clients the empty delimiter) and the body frames after it.
struct ClientEnvelope: Sendable {
    /// Frames to send back before the reply: the routing id, plus the delimiter if there was one.
    let envelope: [Data]
    let body: ArraySlice<Data>

    /// Splits at the first empty frame after the routing id (REQ clients, and DEALERs that
    /// imitate them); a DEALER that sends no delimiter gets none back.
    init(frames: [Data]) {
        if let delimiter = frames.indices.dropFirst().first(where: { frames[$0].isEmpty }) {
            envelope = Array(frames[...delimiter])
            body = frames[(delimiter + 1)...]
        } else {
            envelope = Array(frames.prefix(1))
            body = frames.dropFirst()
        }
    }
}
