import Foundation
import Testing

@testable import WireProtocol

@Suite("RFC 7/MDP worker frames")
struct MajordomoTests {
    let worker = Data("W".utf8)

    @Test(
        "what a worker sends reads back on the broker",
        arguments: [
            Majordomo.WorkerMessage.ready(service: ServiceName.statistics.rawValue),
            .ready(service: ServiceName.statistics.rawValue, capacity: 8),
            .ready(service: ServiceName.statistics.rawValue, capacity: 1, framing: .packed),
            .ready(service: ServiceName.statistics.rawValue, capacity: 64, framing: .packed),
            .reply(client: Data([0, 1]), body: Data("{}".utf8)),
            .heartbeat,
            .disconnect,
        ])
    func workerToBroker(message: Majordomo.WorkerMessage) throws {
        let frames = Majordomo.frames(message)
        #expect(frames[0].isEmpty && frames[1] == Data("MDPW01".utf8))
        let parsed = try Majordomo.parseFromWorker([worker] + frames)
        #expect(parsed.worker == worker)
        #expect(parsed.message == message)
    }

    @Test(
        "what the broker sends reads back on the worker",
        arguments: [
            Majordomo.BrokerMessage.request(client: Data([9]), body: Data("{}".utf8)),
            .heartbeat,
            .disconnect,
        ])
    func brokerToWorker(message: Majordomo.BrokerMessage) throws {
        let frames = Majordomo.frames(to: worker, message)
        #expect(frames[0] == worker)
        #expect(try Majordomo.parseFromBroker(Array(frames.dropFirst())) == message)
    }

    @Test("the REQUEST and READY frames are exactly RFC 7's")
    func exactFrames() {
        #expect(Majordomo.frames(.ready(service: "s")) == [Data(), Data("MDPW01".utf8), Data([1]), Data("s".utf8)])
        #expect(
            Majordomo.frames(to: worker, .request(client: Data("c".utf8), body: Data("b".utf8)))
                == [worker, Data(), Data("MDPW01".utf8), Data([2]), Data("c".utf8), Data(), Data("b".utf8)])
    }

    @Test(
        "a packed REQUEST and REPLY are two frames, read back as the standard ones are",
        arguments: [Data([0, 0, 0, 0, 0, 0, 0, 7]), Data(), Data("a longer client address".utf8)])
    func packed(client: Data) throws {
        let body = Data(#"{"jsonrpc":"2.0","id":1,"result":{}}"#.utf8)
        let request = Majordomo.frames(to: worker, .request(client: client, body: body), framing: .packed)
        #expect(request == [worker, Data("MDPW01".utf8) + Data([2]) + client, body])
        #expect(Majordomo.framing(of: Array(request.dropFirst())) == .packed)
        #expect(try Majordomo.parseFromBroker(Array(request.dropFirst())) == .request(client: client, body: body))
        let reply = Majordomo.frames(.reply(client: client, body: body), framing: .packed)
        #expect(reply == [Data("MDPW01".utf8) + Data([3]) + client, body])
        let parsed = try Majordomo.parseFromWorker([worker] + reply)
        #expect(parsed.worker == worker && parsed.message == .reply(client: client, body: body))
        // Standard messages say so, and a REPLY goes back the way its REQUEST came.
        let standard = Array(Majordomo.frames(to: worker, .request(client: client, body: body)).dropFirst())
        #expect(Majordomo.framing(of: standard) == .standard)
        #expect(Majordomo.framing(of: Array(Majordomo.frames(to: worker, .heartbeat).dropFirst())) == .standard)
    }

    @Test("READY asks for packed requests in a frame after its capacity")
    func readyAsksForPacked() {
        #expect(
            Majordomo.frames(.ready(service: "s", framing: .packed))
                == [Data(), Data("MDPW01".utf8), Data([1]), Data("s".utf8), Data("1".utf8), Data("packed".utf8)])
    }

    @Test(
        "malformed packed messages are violations on either side",
        arguments: [
            [Data("MDPW01".utf8) + Data([2, 1]), Data()],  // a REQUEST, from a worker
            [Data("MDPW0".utf8), Data()],  // too short for the header and a command
            [Data("MDPW01".utf8), Data()],  // no command
            [Data("MDPC01".utf8) + Data([3, 1]), Data()],  // another header
            [Data("MDPW01".utf8) + Data([9, 1]), Data()],  // no such command
        ])
    func packedViolations(frames: [Data]) {
        #expect(throws: Majordomo.ProtocolViolation.self) { try Majordomo.parseFromWorker([worker] + frames) }
        var fromBroker = frames
        if fromBroker[0].count > 6, fromBroker[0][6] == 2 { fromBroker[0][6] = 3 }  // a REPLY, from the broker
        #expect(throws: Majordomo.ProtocolViolation.self) { try Majordomo.parseFromBroker(fromBroker) }
    }

    @Test(
        "malformed worker messages are violations",
        arguments: [
            [Data("W".utf8)],
            [Data("W".utf8), Data(), Data("MDPC01".utf8), Data([1]), Data("s".utf8)],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([9])],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([1])],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([3]), Data("c".utf8)],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([2]), Data("c".utf8), Data(), Data()],
            [
                Data("W".utf8), Data(), Data("MDPW01".utf8), Data([1]), Data("s".utf8), Data("1".utf8),
                Data("pack".utf8),
            ],
        ])
    func violations(frames: [Data]) {
        #expect(throws: Majordomo.ProtocolViolation.self) { try Majordomo.parseFromWorker(frames) }
    }
}
