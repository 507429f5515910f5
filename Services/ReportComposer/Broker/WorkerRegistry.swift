import DequeModule
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The broker's bookkeeping: which workers each service has, how many requests each may hold at
/// once (1 for a plain RFC 7 worker), which requests each holds, which workers have room (least
/// recently used first), and which requests wait. It sends nothing itself; the ``Broker`` acts
/// on what it returns. The broker alone holds it (it is never copied).
///
/// Keyed for the hot path: each service is a small integer (its ``ServiceQueue``'s index in a
/// flat array), looked up by name once per request; each worker is a reference, looked up by
/// its routing id once per message and then passed on. Handing a request to a worker and taking
/// its reply hash nothing more.
struct WorkerRegistry {
    final class Worker {
        let id: Data
        let service: String
        /// Its service's index in the registry's queues.
        let slot: Int
        let connectedSince: Date
        /// Requests it takes at once: 1 under RFC 7; more if its READY said so.
        let capacity: Int
        /// How its requests are framed: packed if its READY asked for it.
        let framing: Majordomo.Framing
        var lastSeen: ContinuousClock.Instant
        /// The requests this worker is working on.
        var inHand: [UInt64] = []
        /// Replies received from this worker.
        var served = 0
        /// In its service's ``ServiceQueue/available`` list.
        fileprivate var isAvailable = false
        /// Still in the registry (not removed).
        fileprivate(set) var isRegistered = true

        var hasRoom: Bool { inHand.count < capacity }

        init(
            id: Data, service: String, slot: Int, connectedSince: Date, capacity: Int,
            framing: Majordomo.Framing = .standard, lastSeen: ContinuousClock.Instant
        ) {
            self.id = id
            self.service = service
            self.slot = slot
            self.connectedSince = connectedSince
            self.capacity = capacity
            self.framing = framing
            self.lastSeen = lastSeen
        }
    }

    /// One service: its workers with room and its waiting requests.
    struct ServiceQueue {
        let name: String
        /// Workers with room for another request, the one waiting longest first.
        fileprivate(set) var available: [Worker] = []
        /// Requests not yet given to a worker, oldest first.
        fileprivate(set) var waiting = Deque<UInt64>()
        /// When the service last had a live worker.
        fileprivate(set) var lastAlive: ContinuousClock.Instant?
        fileprivate(set) var workerCount = 0
    }

    private(set) var workers: [Data: Worker] = [:]
    private var slots: [String: Int] = [:]
    private(set) var queues: [ServiceQueue] = []

    /// The index of `service`'s queue, made on first use.
    mutating func slot(_ service: String) -> Int {
        if let slot = slots[service] { return slot }
        queues.append(ServiceQueue(name: service))
        slots[service] = queues.count - 1
        return queues.count - 1
    }

    /// The slot of a service's queue, if it has one (it has had a worker or a request).
    func existingSlot(_ service: String) -> Int? { slots[service] }

    func worker(_ id: Data) -> Worker? { workers[id] }
    func isKnown(_ worker: Data) -> Bool { workers[worker] != nil }
    func workerCount(_ service: String) -> Int { existingSlot(service).map(workerCount(slot:)) ?? 0 }
    func workerCount(slot: Int) -> Int { queues[slot].workerCount }
    func queued(_ service: String) -> Int { existingSlot(service).map(queued(slot:)) ?? 0 }
    func queued(slot: Int) -> Int { queues[slot].waiting.count }
    func lastAlive(slot: Int) -> ContinuousClock.Instant? { queues[slot].lastAlive }
    /// Services that have had a worker or a request, each once.
    var services: [String] { queues.map(\.name) }

    mutating func register(
        _ id: Data, service: String, capacity: Int = 1, framing: Majordomo.Framing = .standard,
        now: ContinuousClock.Instant
    ) {
        let slot = slot(service)
        let worker = Worker(
            id: id, service: service, slot: slot, connectedSince: Date(), capacity: max(1, capacity),
            framing: framing, lastSeen: now)
        workers[id] = worker
        queues[slot].workerCount += 1
        queues[slot].lastAlive = now
        makeAvailable(worker)
    }

    mutating func touch(_ worker: Data, now: ContinuousClock.Instant) {
        workers[worker]?.lastSeen = now
    }

    /// Removes a worker and returns the requests it held, which must go to other workers.
    mutating func remove(_ id: Data, now: ContinuousClock.Instant) -> [UInt64] {
        guard let worker = workers.removeValue(forKey: id) else { return [] }
        worker.isRegistered = false
        makeUnavailable(worker)
        queues[worker.slot].workerCount -= 1
        queues[worker.slot].lastAlive = now
        return worker.inHand
    }

    /// Queues a request; `atFront` for one taken back from a worker that died.
    mutating func enqueue(_ request: UInt64, slot: Int, atFront: Bool = false) {
        if atFront {
            queues[slot].waiting.prepend(request)
        } else {
            queues[slot].waiting.append(request)
        }
    }

    mutating func enqueue(_ request: UInt64, service: String, atFront: Bool = false) {
        enqueue(request, slot: slot(service), atFront: atFront)
    }

    /// Takes a request out of the queue (its deadline passed); `false` if it was not queued.
    mutating func dequeue(_ request: UInt64, slot: Int) -> Bool {
        guard let index = queues[slot].waiting.firstIndex(of: request) else { return false }
        queues[slot].waiting.remove(at: index)
        return true
    }

    /// The next waiting request of the service at `slot` paired with the worker that takes it
    /// (the least loaded with room; among equals the one waiting longest, so replicas share the
    /// work evenly), now in that worker's hand; `nil` when none waits or no worker has room.
    mutating func nextAssignment(slot: Int) -> (request: UInt64, worker: Worker)? {
        guard !queues[slot].waiting.isEmpty, let worker = leastLoaded(slot, excluding: []) else { return nil }
        let request = queues[slot].waiting.removeFirst()
        give(request, to: worker)
        return (request, worker)
    }

    /// Every assignment ``nextAssignment(slot:)`` makes now, by worker id.
    mutating func assignments(for service: String) -> [(request: UInt64, worker: Data)] {
        let slot = slot(service)
        var pairs: [(UInt64, Data)] = []
        while let (request, worker) = nextAssignment(slot: slot) { pairs.append((request, worker.id)) }
        return pairs
    }

    /// Gives a request that a worker already holds to one more worker of its service with room
    /// (a hedge against a worker that hangs); returns that worker, or `nil` if none has room.
    mutating func hedge(_ request: UInt64, slot: Int) -> Worker? {
        guard let worker = leastLoaded(slot, excluding: holders(of: request)) else { return nil }
        give(request, to: worker)
        return worker
    }

    /// The workers holding `request`.
    func holders(of request: UInt64) -> [Worker] {
        workers.values.filter { $0.inHand.contains(request) }
    }

    /// The worker answered `request` (or gave it up); it has room again. Returns whether it
    /// held that request.
    @discardableResult
    mutating func release(_ worker: Worker, request: UInt64?) -> Bool {
        let index = request.flatMap { worker.inHand.firstIndex(of: $0) }
        if let index {
            worker.inHand.remove(at: index)
            worker.served += 1
        }
        if worker.hasRoom && worker.isRegistered { makeAvailable(worker) }
        return index != nil
    }

    @discardableResult
    mutating func release(_ id: Data, request: UInt64?) -> Bool {
        guard let worker = workers[id] else { return false }
        return release(worker, request: request)
    }

    /// Workers silent for longer than `expiry`.
    func expired(now: ContinuousClock.Instant, expiry: Duration) -> [Data] {
        workers.values.filter { now - $0.lastSeen > expiry }.map(\.id)
    }

    private func leastLoaded(_ slot: Int, excluding: [Worker]) -> Worker? {
        var best: Worker?
        for worker in queues[slot].available where !excluding.contains(where: { $0 === worker }) {
            if best == nil || worker.inHand.count < best!.inHand.count { best = worker }
        }
        return best
    }

    private mutating func give(_ request: UInt64, to worker: Worker) {
        worker.inHand.append(request)
        // To the back of the list (it was just used), or off it when full.
        makeUnavailable(worker)
        if worker.hasRoom { makeAvailable(worker) }
    }

    private mutating func makeAvailable(_ worker: Worker) {
        guard !worker.isAvailable else { return }
        worker.isAvailable = true
        queues[worker.slot].available.append(worker)
    }

    private mutating func makeUnavailable(_ worker: Worker) {
        guard worker.isAvailable else { return }
        worker.isAvailable = false
        if let index = queues[worker.slot].available.firstIndex(where: { $0 === worker }) {
            queues[worker.slot].available.remove(at: index)
        }
    }
}
