import Foundation
import Testing

@testable import ReportComposer

@Suite("worker registry")
struct WorkerRegistryTests {
    let a = Data("a".utf8), b = Data("b".utf8)

    @Test("requests go to the least recently used idle worker, and wait when all are busy")
    func leastRecentlyUsed() {
        var registry = WorkerRegistry()
        let now = ContinuousClock.now
        registry.register(a, service: "s", now: now)
        registry.register(b, service: "s", now: now)
        registry.enqueue(1, service: "s")
        #expect(registry.assignments(for: "s").map(\.worker) == [a])
        registry.enqueue(2, service: "s")
        registry.enqueue(3, service: "s")
        #expect(registry.assignments(for: "s").map(\.worker) == [b])
        #expect(registry.queued("s") == 1)
        let released = registry.release(a, request: 1)
        #expect(released)
        #expect(registry.assignments(for: "s").map { $0.request } == [3])
    }

    @Test("workers with capacity take several requests, the least loaded first")
    func capacity() {
        var registry = WorkerRegistry()
        let now = ContinuousClock.now
        registry.register(a, service: "s", capacity: 3, now: now)
        registry.register(b, service: "s", capacity: 3, now: now)
        for request in UInt64(1)...7 { registry.enqueue(request, service: "s") }
        let given = registry.assignments(for: "s")
        #expect(given.count == 6)
        #expect(given.filter { $0.worker == a }.count == 3 && given.filter { $0.worker == b }.count == 3)
        #expect(registry.queued("s") == 1)
        let freed = registry.release(b, request: given.first { $0.worker == b }!.request)
        #expect(freed)
        #expect(registry.assignments(for: "s").map(\.worker) == [b])
        let returned = registry.remove(a, now: now)
        #expect(returned.count == 3)
    }

    @Test("a removed worker gives back the request it held; silent workers expire")
    func removal() {
        var registry = WorkerRegistry()
        let start = ContinuousClock.now
        registry.register(a, service: "s", now: start)
        registry.register(b, service: "s", now: start)
        registry.enqueue(9, service: "s")
        _ = registry.assignments(for: "s")
        let returned = registry.remove(a, now: start)
        #expect(returned == [9])
        #expect(registry.workerCount("s") == 1)
        registry.touch(b, now: start + .seconds(2))
        #expect(registry.expired(now: start + .seconds(4), expiry: .seconds(3)).isEmpty)
        #expect(registry.expired(now: start + .seconds(6), expiry: .seconds(3)) == [b])
    }

    @Test("a hedge goes to another worker with room, never to the one holding the request")
    func hedging() {
        var registry = WorkerRegistry()
        let now = ContinuousClock.now
        registry.register(a, service: "s", capacity: 2, now: now)
        registry.enqueue(1, service: "s")
        #expect(registry.assignments(for: "s").map(\.worker) == [a])
        let slot = registry.slot("s")
        // a has room for one more but holds the request: no hedge until another worker comes.
        let none = registry.hedge(1, slot: slot)
        #expect(none == nil)
        registry.register(b, service: "s", now: now)
        let hedge = registry.hedge(1, slot: slot)
        #expect(hedge?.id == b)
        #expect(Set(registry.holders(of: 1).map(\.id)) == [a, b])
    }

    @Test("a worker released after it was removed does not take requests again")
    func releaseAfterRemoval() {
        var registry = WorkerRegistry()
        let now = ContinuousClock.now
        registry.register(a, service: "s", now: now)
        registry.enqueue(1, service: "s")
        let worker = registry.nextAssignment(slot: registry.slot("s"))!.worker
        #expect(registry.remove(a, now: now) == [1])
        let released = registry.release(worker, request: 1)
        #expect(released)
        registry.enqueue(2, service: "s")
        #expect(registry.assignments(for: "s").isEmpty)
        #expect(registry.workerCount("s") == 0 && registry.queued("s") == 1)
    }
}
