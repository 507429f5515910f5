import Foundation
import Testing

@testable import ZeroMQ

@Suite("libzmq sockets")
struct SocketTests {
    let context: ZMQContext

    init() throws { context = try ZMQContext() }

    @Test(
        "multipart round trip over inproc and tcp", arguments: ["inproc://round-trip-\(UUID())", "tcp://127.0.0.1:*"])
    func roundTrip(endpoint: String) throws {
        let router = try Socket(context: context, type: .router)
        try router.bind(endpoint)
        let dealer = try Socket(context: context, type: .dealer)
        try dealer.set(.routingID(Data("d1".utf8)))
        try dealer.connect(try router.lastEndpoint())
        let frames = [Data(), Data("header".utf8), Data(repeating: 7, count: 3)]
        try dealer.send(frames)
        let received = try #require(try router.receive())
        #expect(received == [Data("d1".utf8)] + frames)
        try router.send([Data("d1".utf8), Data("back".utf8)])
        #expect(try dealer.receive() == [Data("back".utf8)])
    }

    @Test("a 4 MiB frame arrives whole, not truncated")
    func largeFrame() throws {
        let a = try Socket(context: context, type: .pair)
        let b = try Socket(context: context, type: .pair)
        try a.bind("inproc://large-\(UUID())")
        try b.connect(try a.lastEndpoint())
        let big = Data((0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try a.send([big, Data()])
        let received = try #require(try b.receive())
        #expect(received.count == 2)
        #expect(received[0] == big)
        #expect(received[1].isEmpty)
    }

    @Test("a receive timeout is nil, and non-blocking receive with nothing waiting is nil")
    func receiveTimeout() throws {
        let socket = try Socket(context: context, type: .dealer)
        try socket.bind("inproc://timeout-\(UUID())")
        try socket.set(.receiveTimeout(milliseconds: 20))
        #expect(try socket.receive() == nil)
        #expect(try socket.receive(blocking: false) == nil)
    }

    @Test("errors carry the operation, errno and zmq_strerror text")
    func errors() throws {
        let socket = try Socket(context: context, type: .router)
        let error = try #require(throws: ZMQError.self) { try socket.bind("bogus://nowhere") }
        #expect(error.operation == "zmq_bind(bogus://nowhere)")
        #expect(error.code == EPROTONOSUPPORT)
        #expect(error.message == String(cString: strerror(EPROTONOSUPPORT)))
        try socket.bind("tcp://127.0.0.1:*")
        let taken = try socket.lastEndpoint()
        let second = try Socket(context: context, type: .router)
        let inUse = try #require(throws: ZMQError.self) { try second.bind(taken) }
        #expect(inUse.code == EADDRINUSE)
        #expect(inUse.description.contains("Address already in use"))
    }

    @Test("a send with no peer and DONTWAIT is wouldBlock, not an error")
    func wouldBlock() throws {
        let dealer = try Socket(context: context, type: .dealer)
        try dealer.set(.immediate(true))
        try dealer.connect("tcp://127.0.0.1:1")
        #expect(try dealer.send([Data("x".utf8)], blocking: false) == .wouldBlock)
    }

    @Test("ROUTER_MANDATORY makes an unknown peer EHOSTUNREACH")
    func routerMandatory() throws {
        let router = try Socket(context: context, type: .router)
        try router.set(.routerMandatory(true))
        try router.bind("inproc://mandatory-\(UUID())")
        let error = try #require(throws: ZMQError.self) { try router.send([Data("nobody".utf8), Data("x".utf8)]) }
        #expect(error.isHostUnreachable)
    }
}
