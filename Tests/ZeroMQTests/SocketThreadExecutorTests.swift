import Foundation
import Testing

@testable import ZeroMQ

/// An actor isolated to a socket thread, as the composer's broker is.
private actor ThreadBound {
    let executor: SocketThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    var count = 0

    init(executor: SocketThreadExecutor) { self.executor = executor }

    func increment() -> (Int, onThread: Bool) {
        count += 1
        return (count, executor.mailbox.isOnThread)
    }
}

@Suite("the I/O thread as an executor")
struct SocketThreadExecutorTests {
    @Test("a task that prefers the thread runs on it; an actor isolated to it runs there too")
    func runsOnThread() async throws {
        try await withSocketThread { _, io in
            let onThread = await withTaskExecutorPreference(io.executor) { io.mailbox.isOnThread }
            #expect(onThread)
            #expect(!io.mailbox.isOnThread)
            let bound = ThreadBound(executor: io.executor)
            let results = await withTaskGroup(of: (Int, onThread: Bool).self) { group in
                for _ in 0..<1_000 { group.addTask { await bound.increment() } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 1_000 && results.allSatisfy(\.onThread))
            #expect(Set(results.map(\.0)) == Set(1...1_000))
        }
    }

    @Test("a message received on the thread is handled and answered there")
    func messageRoundTrip() async throws {
        try await withSocketThread { _, io in
            let endpoint = "inproc://executor-\(UUID())"
            let router = try await io.open(SocketSpec(type: .router, bind: [endpoint]))
            let dealer = try await io.open(SocketSpec(type: .dealer, connect: [endpoint]))
            dealer.send([Data("ping".utf8)])
            let handledOnThread = await withTaskExecutorPreference(router.executor) {
                for await frames in router.messages {
                    router.send([frames[0], Data("pong".utf8)])
                    return io.mailbox.isOnThread
                }
                return false
            }
            #expect(handledOnThread)
            for await frames in dealer.messages {
                #expect(frames == [Data("pong".utf8)])
                break
            }
        }
    }

    @Test("stopReceiving ends the stream of messages; the socket still sends")
    func stopReceiving() async throws {
        try await withSocketThread { _, io in
            let endpoint = "inproc://intake-\(UUID())"
            let router = try await io.open(SocketSpec(type: .router, bind: [endpoint]))
            let dealer = try await io.open(SocketSpec(type: .dealer, connect: [endpoint]))
            dealer.send([Data("first".utf8)])
            var messages = router.messages.makeAsyncIterator()
            let peer = try #require(await messages.next()?.first)
            router.stopReceiving()
            dealer.send([Data("after".utf8)])
            var later = 0
            while await messages.next() != nil { later += 1 }  // ends: intake stopped
            // The thread takes its commands in order: intake stopped before "after" was sent.
            #expect(later == 0)
            router.send([peer, Data("reply".utf8)])
            for await frames in dealer.messages {
                #expect(frames == [Data("reply".utf8)])
                break
            }
        }
    }

    @Test("jobs queued after the thread stopped still run, one at a time")
    func afterStop() async throws {
        try await withSocketThread { _, io in
            let bound = ThreadBound(executor: io.executor)
            _ = await bound.increment()
            await io.stop()
            let results = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<100 { group.addTask { await bound.increment().0 } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results) == Set(2...101))
        }
    }
}
