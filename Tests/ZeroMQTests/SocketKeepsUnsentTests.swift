import Foundation
import Testing

@testable import ZeroMQ

/// Echoes every message on the thread, as a worker answers each request it reads.
private final class EchoReader: SocketReader {
    func received(_ frames: [Data], on socket: SocketHandle) {
        socket.send(frames)
    }
}

@Suite("a socket that keeps what it cannot send")
struct SocketKeepsUnsentTests {
    @Test("answers every message of a burst, in order, pushing back on the peer instead of dropping")
    func burst() async throws {
        try await withSocketThread { context, io in
            // A peer on this test's own thread: blocking sends (a DEALER waits at its high-water
            // mark, where a ROUTER would drop), reads only after the burst.
            let peer = try Socket(context: context, type: .dealer)
            defer { peer.close() }
            try peer.set(.receiveTimeout(milliseconds: 10_000))
            try peer.set(.sendTimeout(milliseconds: 10_000))
            try peer.bind("tcp://127.0.0.1:*")
            let endpoint = try peer.lastEndpoint()
            // A send high-water mark of four: a burst of replies outruns libzmq's I/O thread at once.
            let echo = try await io.open(
                SocketSpec(
                    type: .dealer, connect: [endpoint],
                    options: [.sendHighWaterMark(4), .receiveHighWaterMark(4)],
                    reader: true, keepsUnsent: true))
            echo.startReading(with: EchoReader())
            echo.send([Data("hello".utf8)])
            let hello = try #require(try peer.receive())
            #expect(hello == [Data("hello".utf8)])
            let count = 2_000
            for index in 0..<count {
                #expect(try peer.send([Data("\(index)".utf8)]) == .sent)
            }
            var echoed: [String] = []
            while echoed.count < count, let frames = try peer.receive() {
                echoed.append(String(decoding: frames[0], as: UTF8.self))
            }
            #expect(echoed.count == count)
            #expect(echoed.indices.first { echoed[$0] != String($0) } == nil, "every answer, in order")
            #expect(io.failedSends == 0)
        }
    }
}
