import Foundation
import Synchronization
import Testing

@testable import ZeroMQ

/// An actor isolated to a socket thread that an alarm enters, as the composer's broker does.
private actor AlarmCounter {
    let executor: SocketThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    var fired: [(at: ContinuousClock.Instant, onThread: Bool)] = []

    init(executor: SocketThreadExecutor) { self.executor = executor }

    func record() { fired.append((.now, executor.mailbox.isOnThread)) }
}

@Suite("alarms of the I/O thread")
struct SocketThreadAlarmTests {
    /// Waits, with a deadline, until `condition` holds on the counter.
    private func waitFor(_ counter: AlarmCounter, timeout: Duration = .seconds(5), _ condition: @Sendable (Int) -> Bool)
        async throws
    {
        let deadline = ContinuousClock.now + timeout
        while !condition(await counter.fired.count) {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// An alarm of `io` that records on `counter` each time it goes off.
    private func recordingAlarm(_ io: SocketThread, _ counter: AlarmCounter) -> SocketThreadAlarm {
        let alarm = io.makeAlarm()
        alarm.onFire { counter.assumeIsolated { $0.record() } }
        return alarm
    }

    @Test("an alarm goes off on the thread, not before its time, once; the earlier of two settings wins")
    func firesOnThread() async throws {
        try await withSocketThread { _, io in
            let counter = AlarmCounter(executor: io.executor)
            let alarm = recordingAlarm(io, counter)
            // Set from another thread while the I/O thread sleeps with no timeout: it must wake to
            // take the alarm into account.
            let setAt = ContinuousClock.now
            alarm.set(at: setAt + .milliseconds(200))
            alarm.set(at: setAt + .milliseconds(40))
            try await waitFor(counter) { $0 >= 1 }
            let first = try #require(await counter.fired.first)
            #expect(first.onThread)
            #expect(first.at - setAt >= .milliseconds(40))
            #expect(alarm.due == nil)
            // Not again by itself (the later setting was replaced, not queued).
            try await Task.sleep(for: .milliseconds(300))
            #expect(await counter.fired.count == 1)
        }
    }

    @Test("a cancelled alarm does not go off; an action may set its alarm again")
    func cancelAndRearm() async throws {
        try await withSocketThread { _, io in
            let counter = AlarmCounter(executor: io.executor)
            let cancelled = recordingAlarm(io, counter)
            cancelled.set(at: .now + .milliseconds(30))
            cancelled.cancel()
            let repeating = io.makeAlarm()
            let remaining = Atomic(3)
            repeating.onFire {
                counter.assumeIsolated { $0.record() }
                if remaining.subtract(1, ordering: .relaxed).newValue > 0 { repeating.set(at: .now + .milliseconds(5)) }
            }
            repeating.set(at: .now + .milliseconds(5))
            try await waitFor(counter) { $0 >= 3 }
            try await Task.sleep(for: .milliseconds(100))
            #expect(await counter.fired.count == 3)
            #expect(await counter.fired.allSatisfy(\.onThread))
        }
    }
}
