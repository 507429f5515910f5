import Foundation
import Testing

@testable import ZeroMQ

@Suite("the I/O thread")
struct SocketThreadTests {
    @Test("sockets opened on the thread exchange messages through handles")
    func exchange() async throws {
        try await withSocketThread { _, io in
            let router = try await io.open(SocketSpec(type: .router, bind: ["tcp://127.0.0.1:*"]))
            let endpoint = try #require(router.boundEndpoints.first)
            #expect(endpoint.hasPrefix("tcp://127.0.0.1:") && !endpoint.hasSuffix(":*"))
            let dealer = try await io.open(
                SocketSpec(
                    type: .dealer, connect: [endpoint], options: [.routingID(Data("w".utf8))]))
            for index in 0..<100 { dealer.send([Data(), Data("\(index)".utf8)]) }
            var received: [String] = []
            for await frames in router.messages {
                #expect(frames.count == 3)
                received.append(String(decoding: frames[2], as: UTF8.self))
                router.send([frames[0], Data(), Data("echo".utf8)])
                if received.count == 100 { break }
            }
            #expect(received == (0..<100).map(String.init))
            var echoes = 0
            for await frames in dealer.messages {
                #expect(frames == [Data(), Data("echo".utf8)])
                echoes += 1
                if echoes == 100 { break }
            }
        }
    }

    @Test("a failed open reports the libzmq error and leaves the thread working")
    func failedOpen() async throws {
        try await withSocketThread { _, io in
            await #expect(throws: ZMQError.self) {
                _ = try await io.open(SocketSpec(type: .router, bind: ["nonsense"]))
            }
            let socket = try await io.open(SocketSpec(type: .router, bind: ["inproc://after-\(UUID())"]))
            #expect(socket.boundEndpoints.count == 1)
            await io.stop()
            await #expect(throws: ZMQError.self) {
                _ = try await io.open(SocketSpec(type: .router))
            }
        }
    }

    @Test("an unroutable message is counted, not silently dropped")
    func unroutable() async throws {
        try await withSocketThread { _, io in
            let router = try await io.open(
                SocketSpec(
                    type: .router, bind: ["inproc://unroutable-\(UUID())"], options: [.routerMandatory(true)]))
            router.send([Data("ghost".utf8), Data("x".utf8)])
            // A second socket's open is a round trip through the same command queue, so the send
            // above has been attempted once it returns.
            _ = try await io.open(SocketSpec(type: .dealer))
            #expect(io.failedSends == 1)
        }
    }

    @Test("a closed peer connection shows up on peerDisconnects")
    func disconnects() async throws {
        try await withSocketThread { context, io in
            let router = try await io.open(
                SocketSpec(
                    type: .router, bind: ["tcp://127.0.0.1:*"], monitorDisconnects: true))
            let peer = try Socket(context: context, type: .dealer)
            try peer.connect(router.boundEndpoints[0])
            try peer.send([Data("hello".utf8)])
            var messages = router.messages.makeAsyncIterator()
            #expect(await messages.next()?.last == Data("hello".utf8))
            peer.close()
            var disconnects = router.peerDisconnects.makeAsyncIterator()
            #expect(await disconnects.next() != nil)
        }
    }

    @Test("stop ends every socket's message stream")
    func stopFinishesStreams() async throws {
        try await withSocketThread { _, io in
            let socket = try await io.open(SocketSpec(type: .dealer, bind: ["inproc://stop-\(UUID())"]))
            await io.stop()
            var count = 0
            for await _ in socket.messages { count += 1 }
            #expect(count == 0)
        }
    }
}
