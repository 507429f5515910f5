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
        #expect(registry.release(a) == 1)
        #expect(registry.assignments(for: "s").map { $0.request } == [3])
    }

    @Test("a removed worker gives back the request it held; silent workers expire")
    func removal() {
        var registry = WorkerRegistry()
        let start = ContinuousClock.now
        registry.register(a, service: "s", now: start)
        registry.register(b, service: "s", now: start)
        registry.enqueue(9, service: "s")
        _ = registry.assignments(for: "s")
        #expect(registry.remove(a, now: start) == 9)
        #expect(registry.workerCount("s") == 1)
        registry.touch(b, now: start + .seconds(2))
        #expect(registry.expired(now: start + .seconds(4), expiry: .seconds(3)).isEmpty)
        #expect(registry.expired(now: start + .seconds(6), expiry: .seconds(3)) == [b])
    }
}
