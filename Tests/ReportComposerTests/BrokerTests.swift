import Foundation
import Logging
import Synchronization
import Testing
import WireProtocol
import ZeroMQ

@testable import ReportComposer

/// Records what the broker sends, in order, instead of sending it.
final class RecordingTransport: WorkerTransport {
    private let sent = Mutex<[[Data]]>([])

    func send(_ frames: [Data]) { sent.withLock { $0.append(frames) } }

    /// Every message sent so far, as frames.
    var messages: [[Data]] { sent.withLock { $0 } }

    /// The REQUESTs sent so far: to whom, and the request's client frame (its number).
    var requests: [(worker: Data, client: Data)] {
        sent.withLock { messages in
            messages.compactMap { frames in
                guard case .request(let client, _)? = try? Majordomo.parseFromBroker(Array(frames.dropFirst())) else {
                    return nil
                }
                return (frames[0], client)
            }
        }
    }

    /// Every message sent to `worker`, as the worker reads it.
    func messages(to worker: Data) -> [Majordomo.BrokerMessage] {
        sent.withLock { messages in
            messages.filter { $0.first == worker }.compactMap { try? Majordomo.parseFromBroker(Array($0.dropFirst())) }
        }
    }
}

/// Settings that leave time out of a test unless it asks: no hedge, no deadline, however slowly a
/// loaded machine runs the test.
func untimedSettings() -> Broker.Settings {
    var settings = Broker.Settings()
    settings.retryAfter = .seconds(3600)
    return settings
}

/// A broker on an I/O thread of its own (no sockets, no processes), sending into a recorder.
func withBroker(
    _ settings: Broker.Settings = untimedSettings(),
    _ body: (Broker, RecordingTransport) async throws -> Void
) async throws {
    let context = try ZMQContext()
    let io = try SocketThread(context: context, logger: Logger(label: "test"))
    let transport = RecordingTransport()
    let broker = Broker(
        transport: transport, executor: io.executor, sweepAlarm: io.makeAlarm(), settings: settings,
        logger: Logger(label: "test"))
    do {
        try await body(broker, transport)
        await io.stop()
    } catch {
        await io.stop()
        throw error
    }
}

extension Broker {
    /// A worker's message, as the worker socket would hand it over.
    func from(_ worker: String, _ message: Majordomo.WorkerMessage) {
        receive([Data(worker.utf8)] + Majordomo.frames(message))
    }

    func submit(_ body: String, deadline: Duration = .seconds(3600)) -> Submission {
        submit(service: ServiceName.statistics.rawValue, body: Data(body.utf8), deadline: .now + deadline)
    }
}

@Suite("broker, in process")
struct BrokerTests {
    let statistics = ServiceName.statistics.rawValue

    @Test("each request goes to the least-loaded worker; a reply answers the request it names")
    func dispatch() async throws {
        try await withBroker { broker, sent in
            await broker.from("A", .ready(service: statistics, capacity: 2))
            await broker.from("B", .ready(service: statistics, capacity: 2))
            let first = await broker.submit("one")
            let second = await broker.submit("two")
            let third = await broker.submit("three")
            #expect(sent.requests.map(\.worker) == [Data("A".utf8), Data("B".utf8), Data("A".utf8)])
            let clientOfSecond = sent.requests[1].client
            await broker.from("B", .reply(client: clientOfSecond, body: Data("answer two".utf8)))
            #expect(await broker.outcome(of: second) == .reply(Data("answer two".utf8)))
            for (index, submission) in [(0, first), (2, third)] {
                await broker.from("A", .reply(client: sent.requests[index].client, body: Data("ok".utf8)))
                #expect(await broker.outcome(of: submission) == .reply(Data("ok".utf8)))
            }
            #expect(await broker.pendingCount == 0)
        }
    }

    @Test(
        "a worker that asked for packed requests gets them, and its packed replies answer; RFC 7 workers get six frames"
    )
    func packedFraming() async throws {
        try await withBroker { broker, sent in
            await broker.from("P", .ready(service: statistics, capacity: 1, framing: .packed))
            await broker.from("S", .ready(service: statistics, capacity: 1))
            let first = await broker.submit("one")
            let second = await broker.submit("two")
            let messages = sent.messages
            #expect(messages.map(\.count) == [3, 7])
            #expect(messages.map(\.first) == [Data("P".utf8), Data("S".utf8)])
            // The head fits a Data inline: "MDPW01", the command and a 7-byte request number.
            #expect(messages[0][1].count == 14 && sent.requests.allSatisfy { $0.client.count == 7 })
            #expect(sent.requests.map(\.worker) == [Data("P".utf8), Data("S".utf8)])
            let packedReply = Majordomo.frames(
                .reply(client: sent.requests[0].client, body: Data("packed".utf8)), framing: .packed)
            await broker.receive([Data("P".utf8)] + packedReply)
            #expect(await broker.outcome(of: first) == .reply(Data("packed".utf8)))
            await broker.from("S", .reply(client: sent.requests[1].client, body: Data("standard".utf8)))
            #expect(await broker.outcome(of: second) == .reply(Data("standard".utf8)))
        }
    }

    @Test("a request waits while every worker is full and goes out when one has room")
    func queueing() async throws {
        try await withBroker { broker, sent in
            await broker.from("A", .ready(service: statistics))
            let first = await broker.submit("one")
            let second = await broker.submit("two")
            #expect(sent.requests.count == 1)
            #expect(await broker.queued(statistics) == 1)
            await broker.from("A", .reply(client: sent.requests[0].client, body: Data("1".utf8)))
            #expect(sent.requests.count == 2)
            await broker.from("A", .reply(client: sent.requests[1].client, body: Data("2".utf8)))
            #expect(await broker.outcome(of: first) == .reply(Data("1".utf8)))
            #expect(await broker.outcome(of: second) == .reply(Data("2".utf8)))
        }
    }

    @Test("a worker that disconnects gives its requests to another worker, first in the queue")
    func redispatch() async throws {
        try await withBroker { broker, sent in
            await broker.from("A", .ready(service: statistics))
            let held = await broker.submit("held by A")
            await broker.from("B", .ready(service: statistics))
            let other = await broker.submit("for B")
            #expect(sent.requests.map(\.worker) == [Data("A".utf8), Data("B".utf8)])
            let heldClient = sent.requests[0].client
            await broker.from("A", .disconnect)
            #expect(await broker.workerCount(statistics) == 1)
            await broker.from("B", .reply(client: sent.requests[1].client, body: Data("b".utf8)))
            // B has room again: the request A held goes to it, before anything else.
            #expect(sent.requests.count == 3)
            #expect(sent.requests[2].worker == Data("B".utf8) && sent.requests[2].client == heldClient)
            await broker.from("B", .reply(client: heldClient, body: Data("a, by B".utf8)))
            #expect(await broker.outcome(of: held) == .reply(Data("a, by B".utf8)))
            #expect(await broker.outcome(of: other) == .reply(Data("b".utf8)))
        }
    }

    @Test("a worker whose connection is gone (unroutable) is dropped at once and its request goes on")
    func unroutable() async throws {
        try await withBroker { broker, sent in
            await broker.from("A", .ready(service: statistics))
            await broker.from("B", .ready(service: statistics))
            await broker.from("B", .ready(service: statistics))  // a second READY: a protocol violation
            #expect(sent.messages(to: Data("B".utf8)) == [.disconnect])
            let request = await broker.submit("x")
            await broker.unreachable(Data("A".utf8))
            #expect(await broker.workerCount(statistics) == 0)
            await broker.from("C", .ready(service: statistics))
            #expect(sent.requests.map(\.worker) == [Data("A".utf8), Data("C".utf8)])
            await broker.from("C", .reply(client: sent.requests[1].client, body: Data("c".utf8)))
            #expect(await broker.outcome(of: request) == .reply(Data("c".utf8)))
        }
    }

    @Test("a request held past retryAfter also goes to another worker; the first reply wins")
    func hedging() async throws {
        var settings = Broker.Settings()
        settings.retryAfter = .zero
        try await withBroker(settings) { broker, sent in
            await broker.from("A", .ready(service: statistics))
            await broker.from("B", .ready(service: statistics))
            let request = await broker.submit("slow")
            await broker.sweep()
            #expect(sent.requests.map(\.worker).sorted { $0.first! < $1.first! } == [Data("A".utf8), Data("B".utf8)])
            #expect(sent.requests[0].client == sent.requests[1].client)
            let hedgedTo = sent.requests[1].worker
            await broker.from(
                String(decoding: hedgedTo, as: UTF8.self),
                .reply(client: sent.requests[1].client, body: Data("fast".utf8)))
            #expect(await broker.outcome(of: request) == .reply(Data("fast".utf8)))
            // The slow worker's late reply changes nothing and frees it.
            let slow = sent.requests[0].worker
            await broker.from(
                String(decoding: slow, as: UTF8.self), .reply(client: sent.requests[0].client, body: Data("late".utf8)))
            #expect(await broker.pendingCount == 0)
            #expect(await broker.report().first?.replicas.map(\.requestsInHand) == [0, 0])
        }
    }

    @Test("a request past its deadline is answered deadlineExceeded, or unavailable with no worker")
    func expiry() async throws {
        try await withBroker { broker, sent in
            await broker.from("A", .ready(service: statistics))
            let held = await broker.submit("busy")
            let queued = await broker.submit("waits", deadline: .milliseconds(-1))
            await broker.sweep()
            #expect(await broker.outcome(of: queued) == .deadlineExceeded)
            #expect(await broker.queued(statistics) == 0)
            await broker.from("A", .disconnect)
            let orphan = await broker.submit("nobody", deadline: .milliseconds(-1))
            await broker.sweep()
            #expect(await broker.outcome(of: orphan) == .unavailable)
            #expect(sent.requests.count == 1)
            _ = held
        }
    }

    @Test("past maxQueue a request is refused at once as overloaded, with the queue's length")
    func overflow() async throws {
        var settings = untimedSettings()
        settings.maxQueue = 2
        try await withBroker(settings) { broker, sent in
            await broker.from("A", .ready(service: statistics))
            _ = await broker.submit("in hand")
            _ = await broker.submit("queued 1")
            _ = await broker.submit("queued 2")
            let refused = await broker.submit("one too many")
            #expect(await broker.outcome(of: refused) == .overloaded(queued: 2))
            #expect(sent.requests.count == 1)
        }
    }

    @Test("a READY for a service the broker does not serve is refused with DISCONNECT")
    func unknownService() async throws {
        try await withBroker { broker, sent in
            await broker.from("X", .ready(service: "weather"))
            #expect(sent.messages(to: Data("X".utf8)) == [.disconnect])
            #expect(await broker.report().isEmpty)
        }
    }
}
