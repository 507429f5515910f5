import Foundation
import Testing

@testable import ZeroMQ

@Suite("receive limits: backpressure from the consumer to the sender")
struct ReceiveLimitTests {
    /// A round trip through another pair of sockets on the same thread: once it is back, the
    /// thread has polled again since everything before it.
    func barrier(_ io: SocketThread) async throws {
        let endpoint = "inproc://barrier-\(UUID())"
        let a = try await io.open(SocketSpec(type: .pair, bind: [endpoint]))
        let b = try await io.open(SocketSpec(type: .pair, connect: [endpoint]))
        a.send([Data("ping".utf8)])
        for await _ in b.messages { break }
        a.close()
        b.close()
    }

    @Test("past its limit a socket is not read until the consumer releases what it holds")
    func explicitRelease() async throws {
        try await withSocketThread { _, io in
            let endpoint = "inproc://limited-\(UUID())"
            let limit = ReceiveLimit(messages: 4, bytes: 1 << 20, release: .explicit)
            let router = try await io.open(SocketSpec(type: .router, bind: [endpoint], receiveLimit: limit))
            let dealer = try await io.open(SocketSpec(type: .dealer, connect: [endpoint]))
            for index in 0..<20 { dealer.send([Data("\(index)".utf8)]) }
            var iterator = router.messages.makeAsyncIterator()
            var held: [[Data]] = []
            for _ in 0..<4 { held.append(try #require(await iterator.next())) }
            try await barrier(io)
            try await barrier(io)
            // Sixteen more are waiting in libzmq: none was read into memory.
            #expect(router.messages.outstanding.messages == 4)
            for frames in held { router.messages.release(frames) }
            var received = held.map { String(decoding: $0[1], as: UTF8.self) }
            while received.count < 20 {
                let frames = try #require(await iterator.next())
                received.append(String(decoding: frames[1], as: UTF8.self))
                #expect(router.messages.outstanding.messages <= 4)
                router.messages.release(frames)
            }
            #expect(received == (0..<20).map(String.init))
        }
    }

    @Test("a byte limit pauses reading too; with release on take, taking is enough")
    func byteLimitOnTake() async throws {
        try await withSocketThread { _, io in
            let endpoint = "inproc://bytes-\(UUID())"
            let limit = ReceiveLimit(messages: 1000, bytes: 10_000, release: .onTake)
            let router = try await io.open(SocketSpec(type: .router, bind: [endpoint], receiveLimit: limit))
            let dealer = try await io.open(SocketSpec(type: .dealer, connect: [endpoint]))
            let big = Data(repeating: 0x61, count: 4_000)
            for _ in 0..<10 { dealer.send([big]) }
            try await barrier(io)
            try await barrier(io)
            // Three of 4,000 bytes reach the limit of 10,000: the thread stops there.
            #expect(router.messages.outstanding.messages == 3)
            var count = 0
            for await frames in router.messages {
                #expect(frames[1] == big)
                count += 1
                #expect(router.messages.outstanding.bytes < 10_000 + 4_000)
                if count == 10 { break }
            }
            #expect(count == 10)
        }
    }
}
