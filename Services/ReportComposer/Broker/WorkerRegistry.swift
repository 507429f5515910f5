#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The broker's bookkeeping: which workers each service has, how many requests each may hold at
/// once (1 for a plain RFC 7 worker), which requests each holds, which workers have room (least
/// recently used first), and which requests wait. It sends nothing itself; the ``Broker`` acts
/// on what it returns. The broker alone holds it (it is never copied), and each worker is a
/// reference, so that looking one up for every request and reply costs one reference count,
/// not a copy of its members.
struct WorkerRegistry {
    final class Worker {
        let id: Data
        let service: String
        let connectedSince: Date
        /// Requests it takes at once: 1 under RFC 7; more if its READY said so.
        let capacity: Int
        var lastSeen: ContinuousClock.Instant
        /// The requests this worker is working on.
        var inHand: [UInt64] = []
        /// Replies received from this worker.
        var served = 0

        var hasRoom: Bool { inHand.count < capacity }

        init(id: Data, service: String, connectedSince: Date, capacity: Int, lastSeen: ContinuousClock.Instant) {
            self.id = id
            self.service = service
            self.connectedSince = connectedSince
            self.capacity = capacity
            self.lastSeen = lastSeen
        }
    }

    private(set) var workers: [Data: Worker] = [:]
    /// Workers per service with room for another request, the one waiting longest first.
    private(set) var available: [String: [Data]] = [:]
    /// Requests per service not yet given to a worker, oldest first.
    private(set) var waiting: [String: [UInt64]] = [:]
    /// When each service last had a live worker.
    private(set) var lastAlive: [String: ContinuousClock.Instant] = [:]

    func isKnown(_ worker: Data) -> Bool { workers[worker] != nil }
    func workerCount(_ service: String) -> Int { workers.values.count { $0.service == service } }
    func queued(_ service: String) -> Int { waiting[service]?.count ?? 0 }

    mutating func register(_ worker: Data, service: String, capacity: Int = 1, now: ContinuousClock.Instant) {
        workers[worker] = Worker(
            id: worker, service: service, connectedSince: Date(), capacity: max(1, capacity), lastSeen: now)
        available[service, default: []].append(worker)
        lastAlive[service] = now
    }

    mutating func touch(_ worker: Data, now: ContinuousClock.Instant) {
        workers[worker]?.lastSeen = now
    }

    /// Removes a worker and returns the requests it held, which must go to other workers.
    mutating func remove(_ worker: Data, now: ContinuousClock.Instant) -> [UInt64] {
        guard let entry = workers.removeValue(forKey: worker) else { return [] }
        available[entry.service]?.removeAll { $0 == worker }
        lastAlive[entry.service] = now
        return entry.inHand
    }

    /// Queues a request; `atFront` for one taken back from a worker that died.
    mutating func enqueue(_ request: UInt64, service: String, atFront: Bool = false) {
        if atFront {
            waiting[service, default: []].insert(request, at: 0)
        } else {
            waiting[service, default: []].append(request)
        }
    }

    /// Takes a request out of the queue (its deadline passed); `false` if it was not queued.
    mutating func dequeue(_ request: UInt64, service: String) -> Bool {
        guard let index = waiting[service]?.firstIndex(of: request) else { return false }
        waiting[service]?.remove(at: index)
        return true
    }

    /// Pairs waiting requests with workers that have room: the least loaded first, and among
    /// equals the one waiting longest, so replicas share the work evenly.
    mutating func assignments(for service: String) -> [(request: UInt64, worker: Data)] {
        var pairs: [(UInt64, Data)] = []
        while let request = waiting[service]?.first, let worker = leastLoaded(service, excluding: []) {
            waiting[service]!.removeFirst()
            give(request, to: worker)
            pairs.append((request, worker))
        }
        return pairs
    }

    /// Gives a request that a worker already holds to one more worker of its service with room
    /// (a hedge against a worker that hangs); returns that worker, or `nil` if none has room.
    mutating func hedge(_ request: UInt64, service: String) -> Data? {
        guard let worker = leastLoaded(service, excluding: Set(holders(of: request))) else { return nil }
        give(request, to: worker)
        return worker
    }

    /// The workers holding `request`.
    func holders(of request: UInt64) -> [Data] {
        workers.values.filter { $0.inHand.contains(request) }.map(\.id)
    }

    /// The worker answered `request` (or gave it up); it has room again. Returns whether it
    /// held that request.
    @discardableResult
    mutating func release(_ worker: Data, request: UInt64?) -> Bool {
        guard let entry = workers[worker] else { return false }
        let index = request.flatMap { entry.inHand.firstIndex(of: $0) }
        if let index {
            entry.inHand.remove(at: index)
            entry.served += 1
        }
        if !(available[entry.service]?.contains(worker) ?? false) && entry.hasRoom {
            available[entry.service, default: []].append(worker)
        }
        return index != nil
    }

    /// Workers silent for longer than `expiry`.
    func expired(now: ContinuousClock.Instant, expiry: Duration) -> [Data] {
        workers.values.filter { now - $0.lastSeen > expiry }.map(\.id)
    }

    private func leastLoaded(_ service: String, excluding: Set<Data>) -> Data? {
        var best: (worker: Data, load: Int)?
        for worker in available[service] ?? [] where !excluding.contains(worker) {
            let load = workers[worker]!.inHand.count
            if best == nil || load < best!.load { best = (worker, load) }
        }
        return best?.worker
    }

    private mutating func give(_ request: UInt64, to worker: Data) {
        let entry = workers[worker]!
        entry.inHand.append(request)
        available[entry.service]!.removeAll { $0 == worker }
        if entry.hasRoom { available[entry.service]!.append(worker) }
    }
}
