import Foundation
import Testing

@testable import ZeroMQ

/// Frames at and around the size from which they are sent without a copy
/// (``Socket/zeroCopyBytes``): the bytes are the same either way, however long the frame is
/// kept and however it goes on.
@Suite("frames without copies")
struct SocketFrameTests {
    let context: ZMQContext

    init() throws { context = try ZMQContext() }

    /// A frame of `count` bytes, each different from its neighbours.
    private func frame(_ count: Int, seed: UInt8) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) &+ seed })
    }

    private func pair(_ name: String) throws -> (Socket, Socket) {
        let a = try Socket(context: context, type: .pair)
        let b = try Socket(context: context, type: .pair)
        try a.bind(name == "tcp" ? "tcp://127.0.0.1:*" : "inproc://frames-\(name)-\(UUID())")
        try b.connect(try a.lastEndpoint())
        return (a, b)
    }

    @Test(
        "frames below, at and above the threshold arrive as sent, over inproc and tcp",
        arguments: ["inproc", "tcp"])
    func sizes(transport: String) throws {
        let (a, b) = try pair(transport)
        let sizes = [0, 1, Socket.zeroCopyBytes - 1, Socket.zeroCopyBytes, Socket.zeroCopyBytes + 1, 70_000]
        let frames = sizes.enumerated().map { frame($0.element, seed: UInt8($0.offset)) }
        try a.send(frames)
        let received = try #require(try b.receive())
        #expect(received.map(\.count) == sizes)
        #expect(received == frames)
    }

    @Test("a received large frame outlives its socket and its context unchanged")
    func keptFrame() throws {
        let sent = frame(50_000, seed: 3)
        var kept: [Data] = []
        do {
            let context = try ZMQContext()
            let a = try Socket(context: context, type: .pair)
            let b = try Socket(context: context, type: .pair)
            try a.bind("inproc://kept-\(UUID())")
            try b.connect(try a.lastEndpoint())
            try a.send([sent])
            kept = try #require(try b.receive())
            a.close()
            b.close()
        }
        #expect(kept == [sent])
    }

    @Test("a received large frame, sent on as it is and again, arrives whole each time")
    func forwardedFrame() throws {
        let (a, b) = try pair("in")
        let (c, d) = try pair("out")
        let original = frame(20_000, seed: 9)
        try a.send([original])
        let received = try #require(try b.receive())
        // The same bytes go out twice, handed to libzmq as they are; the frame kept here must
        // not change when libzmq frees the messages it sent.
        try c.send(received)
        try c.send(received)
        #expect(try d.receive() == [original])
        #expect(try d.receive() == [original])
        #expect(received == [original])
    }

    @Test("a large frame that cannot be sent is released, and the next one goes")
    func refusedFrame() throws {
        let dealer = try Socket(context: context, type: .dealer)
        try dealer.set(.sendHighWaterMark(1))
        // No peer: a DEALER without a connection cannot take a message.
        #expect(try dealer.send([frame(4_096, seed: 1)], blocking: false) == .wouldBlock)
        let router = try Socket(context: context, type: .router)
        try router.bind("inproc://refused-\(UUID())")
        try dealer.set(.routingID(Data("d".utf8)))
        try dealer.connect(try router.lastEndpoint())
        let next = frame(4_096, seed: 2)
        try dealer.send([next])
        #expect(try router.receive() == [Data("d".utf8), next])
    }
}
