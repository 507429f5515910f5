import Foundation

/// The broker's bookkeeping, as a plain value: which workers each service has, which are idle
/// (least recently used first), which request each one holds, and which requests wait. It
/// sends nothing itself; the ``Broker`` acts on what it returns.
struct WorkerRegistry {
    struct Worker {
        let id: Data
        let service: String
        let connectedSince: Date
        var lastSeen: ContinuousClock.Instant
        /// The request this worker is working on (MDP workers take one at a time).
        var inHand: UInt64?
        /// Replies received from this worker.
        var served = 0
    }

    private(set) var workers: [Data: Worker] = [:]
    /// Idle workers per service, the one idle longest first.
    private(set) var idle: [String: [Data]] = [:]
    /// Requests per service not yet given to a worker, oldest first.
    private(set) var waiting: [String: [UInt64]] = [:]
    /// When each service last had a live worker.
    private(set) var lastAlive: [String: ContinuousClock.Instant] = [:]

    func isKnown(_ worker: Data) -> Bool { workers[worker] != nil }
    func workerCount(_ service: String) -> Int { workers.values.count { $0.service == service } }
    func queued(_ service: String) -> Int { waiting[service]?.count ?? 0 }

    mutating func register(_ worker: Data, service: String, now: ContinuousClock.Instant) {
        workers[worker] = Worker(id: worker, service: service, connectedSince: Date(), lastSeen: now)
        idle[service, default: []].append(worker)
        lastAlive[service] = now
    }

    mutating func touch(_ worker: Data, now: ContinuousClock.Instant) {
        workers[worker]?.lastSeen = now
    }

    /// Removes a worker and returns the request it held, which must go to another worker.
    mutating func remove(_ worker: Data, now: ContinuousClock.Instant) -> UInt64? {
        guard let entry = workers.removeValue(forKey: worker) else { return nil }
        idle[entry.service]?.removeAll { $0 == worker }
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

    /// Pairs waiting requests with idle workers, least recently used first.
    mutating func assignments(for service: String) -> [(request: UInt64, worker: Data)] {
        var pairs: [(UInt64, Data)] = []
        while let request = waiting[service]?.first, let worker = idle[service]?.first {
            waiting[service]!.removeFirst()
            idle[service]!.removeFirst()
            workers[worker]!.inHand = request
            pairs.append((request, worker))
        }
        return pairs
    }

    /// Gives a request that a worker already holds to one more idle worker of its service (a
    /// hedge against a worker that hangs); returns that worker, or `nil` if none is idle.
    mutating func hedge(_ request: UInt64, service: String) -> Data? {
        guard let worker = idle[service]?.first else { return nil }
        idle[service]!.removeFirst()
        workers[worker]!.inHand = request
        return worker
    }

    /// The workers holding `request`.
    func holders(of request: UInt64) -> [Data] {
        workers.values.filter { $0.inHand == request }.map(\.id)
    }

    /// The worker finished (or gave up) its request and is idle again; returns the request.
    mutating func release(_ worker: Data) -> UInt64? {
        guard let entry = workers[worker] else { return nil }
        let request = entry.inHand
        workers[worker]!.inHand = nil
        if request != nil { workers[worker]!.served += 1 }
        if request != nil || !(idle[entry.service]?.contains(worker) ?? false) {
            idle[entry.service, default: []].append(worker)
        }
        return request
    }

    /// Workers silent for longer than `expiry`.
    func expired(now: ContinuousClock.Instant, expiry: Duration) -> [Data] {
        workers.values.filter { now - $0.lastSeen > expiry }.map(\.id)
    }
}
