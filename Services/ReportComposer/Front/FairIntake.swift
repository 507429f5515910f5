import DequeModule

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Received client messages waiting to be handled, taken one client at a time in turn: a client
/// with a burst of queued requests gets one handled, then every other waiting client gets one,
/// so that nobody waits behind a whole burst of someone else's.
struct FairIntake {
    private var waiting: [Data: Deque<[Data]>] = [:]
    /// Clients with messages waiting, in the order they are served.
    private var turns: Deque<Data> = []

    var isEmpty: Bool { turns.isEmpty }

    /// Whether a client other than `client` has messages waiting.
    func hasOthers(than client: Data) -> Bool {
        turns.count > 1 || (turns.count == 1 && turns.first != client)
    }

    /// Queues a message behind its client's others (a message has its routing id first).
    mutating func add(_ frames: [Data]) {
        let client = frames.first ?? Data()
        if waiting[client] == nil {
            waiting[client] = [frames]
            turns.append(client)
        } else {
            waiting[client]!.append(frames)
        }
    }

    /// The next client's oldest message; that client goes to the back of the line.
    mutating func next() -> [Data]? {
        guard let client = turns.popFirst(), var queue = waiting.removeValue(forKey: client) else { return nil }
        let frames = queue.removeFirst()
        if !queue.isEmpty {
            waiting[client] = queue
            turns.append(client)
        }
        return frames
    }
}
