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
        "malformed worker messages are violations",
        arguments: [
            [Data("W".utf8)],
            [Data("W".utf8), Data(), Data("MDPC01".utf8), Data([1]), Data("s".utf8)],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([9])],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([1])],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([3]), Data("c".utf8)],
            [Data("W".utf8), Data(), Data("MDPW01".utf8), Data([2]), Data("c".utf8), Data(), Data()],
        ])
    func violations(frames: [Data]) {
        #expect(throws: Majordomo.ProtocolViolation.self) { try Majordomo.parseFromWorker(frames) }
    }
}
