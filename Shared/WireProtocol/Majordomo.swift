#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The worker side of ZeroMQ RFC 7/MDP (MDP/0.1): the frames a worker and a broker exchange.
/// On the broker's ROUTER each message is prefixed by the worker's routing id.
public enum Majordomo {
    /// Frame 1 of every worker message: `MDPW01`.
    public static let workerHeader = Data("MDPW01".utf8)
    /// Frame 1 of every client message and reply (RFC 7's client protocol): `MDPC01`.
    public static let clientHeader = Data("MDPC01".utf8)

    public enum Command: UInt8, Sendable {
        case ready = 0x01
        case request = 0x02
        case reply = 0x03
        case heartbeat = 0x04
        case disconnect = 0x05
    }

    /// How REQUEST and REPLY are laid out. Every other command, and every READY, is RFC 7's.
    public enum Framing: Sendable, Equatable {
        /// RFC 7: `["", "MDPW01", command, client, "", body]`, six frames.
        case standard
        /// This system's extension, which a worker asks for in READY: the header, the command
        /// and the client in one frame, no empty frames — `["MDPW01" command client, body]`, two
        /// frames. Each frame costs a receive and a send on both sides and a header in libzmq's
        /// I/O threads: at 32 reports in flight the four frames fewer per message cut the whole
        /// system's CPU per report by 6 % (see Tests/bench/BENCHMARKS.md). A packed message is
        /// told from a standard one by its first frame, which is not empty.
        case packed
    }

    /// What a worker sends to the broker.
    public enum WorkerMessage: Sendable, Equatable {
        /// READY. `capacity` and `framing` are this system's extensions, in optional last
        /// frames: the number of requests the worker takes at once (decimal ASCII), then
        /// `packed` for ``Framing/packed`` requests. RFC 7 workers send neither and get one
        /// request at a time, in RFC 7's frames.
        case ready(service: String, capacity: Int = 1, framing: Framing = .standard)
        case reply(client: Data, body: Data)
        case heartbeat
        case disconnect
    }

    /// What the broker sends to a worker.
    public enum BrokerMessage: Sendable, Equatable {
        case request(client: Data, body: Data)
        case heartbeat
        case disconnect
    }

    /// A message that does not follow MDP/0.1.
    public struct ProtocolViolation: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: worker → broker

    /// The frame that asks for ``Framing/packed`` requests, after READY's capacity.
    static let packedFraming = Data("packed".utf8)

    /// The frames a worker's DEALER sends (empty delimiter first, as RFC 7 requires); a REPLY
    /// in `framing`, which is the framing of the request it answers.
    public static func frames(_ message: WorkerMessage, framing: Framing = .standard) -> [Data] {
        switch message {
        case .ready(let service, let capacity, let framing):
            [Data(), workerHeader, command(.ready), Data(service.utf8)]
                + (capacity > 1 || framing == .packed ? [Data(String(capacity).utf8)] : [])
                + (framing == .packed ? [packedFraming] : [])
        case .reply(let client, let body):
            framing == .packed
                ? [packedHead(.reply, client), body] : [Data(), workerHeader, command(.reply), client, Data(), body]
        case .heartbeat: [Data(), workerHeader, command(.heartbeat)]
        case .disconnect: [Data(), workerHeader, command(.disconnect)]
        }
    }

    /// Reads what the broker's ROUTER received: `[worker id, "", "MDPW01", command, …]`, or a
    /// packed REPLY, `[worker id, "MDPW01" 0x03 client, body]`.
    public static func parseFromWorker(_ frames: [Data]) throws -> (worker: Data, message: WorkerMessage) {
        if frames.count == 3, !frames[1].isEmpty {
            guard let client = try packedClient(in: frames[1], command: .reply) else {
                throw ProtocolViolation("a packed message from a worker is a REPLY")
            }
            return (frames[0], .reply(client: client, body: frames[2]))
        }
        guard frames.count >= 4, frames[1].isEmpty, frames[2] == workerHeader else {
            throw ProtocolViolation("expected [identity, empty, MDPW01, command, …], got \(frames.count) frames")
        }
        let worker = frames[0]
        switch try command(in: frames[3]) {
        case .ready:
            guard (5...7).contains(frames.count), let service = String(validating: frames[4], as: UTF8.self),
                !service.isEmpty
            else {
                throw ProtocolViolation(
                    "READY carries one non-empty UTF-8 service name (and optionally a capacity, then `packed`)")
            }
            var capacity = 1
            if frames.count >= 6 {
                guard let text = String(validating: frames[5], as: UTF8.self), let value = Int(text), value >= 1 else {
                    throw ProtocolViolation("READY's capacity frame is a positive decimal number")
                }
                capacity = value
            }
            if frames.count == 7, frames[6] != packedFraming {
                throw ProtocolViolation("READY's frame after the capacity is `packed`")
            }
            return (
                worker, .ready(service: service, capacity: capacity, framing: frames.count == 7 ? .packed : .standard)
            )
        case .reply:
            guard frames.count == 7, frames[5].isEmpty else {
                throw ProtocolViolation("REPLY is [client, empty, body]")
            }
            return (worker, .reply(client: frames[4], body: frames[6]))
        case .heartbeat:
            guard frames.count == 4 else { throw ProtocolViolation("HEARTBEAT has no body") }
            return (worker, .heartbeat)
        case .disconnect:
            return (worker, .disconnect)
        case .request:
            throw ProtocolViolation("REQUEST goes from broker to worker, not back")
        }
    }

    // MARK: broker → worker

    /// The frames the broker's ROUTER sends to `worker`; a REQUEST in `framing`, the one the
    /// worker asked for in READY.
    public static func frames(to worker: Data, _ message: BrokerMessage, framing: Framing = .standard) -> [Data] {
        switch message {
        case .request(let client, let body):
            framing == .packed
                ? [worker, packedHead(.request, client), body]
                : [worker, Data(), workerHeader, command(.request), client, Data(), body]
        case .heartbeat: [worker, Data(), workerHeader, command(.heartbeat)]
        case .disconnect: [worker, Data(), workerHeader, command(.disconnect)]
        }
    }

    /// Reads what a worker's DEALER received: `["", "MDPW01", command, …]`, or a packed
    /// REQUEST, `["MDPW01" 0x02 client, body]`.
    public static func parseFromBroker(_ frames: [Data]) throws -> BrokerMessage {
        if frames.count == 2, !frames[0].isEmpty {
            guard let client = try packedClient(in: frames[0], command: .request) else {
                throw ProtocolViolation("a packed message from the broker is a REQUEST")
            }
            return .request(client: client, body: frames[1])
        }
        guard frames.count >= 3, frames[0].isEmpty, frames[1] == workerHeader else {
            throw ProtocolViolation("expected [empty, MDPW01, command, …], got \(frames.count) frames")
        }
        switch try command(in: frames[2]) {
        case .request:
            guard frames.count == 6, frames[4].isEmpty else {
                throw ProtocolViolation("REQUEST is [client, empty, body]")
            }
            return .request(client: frames[3], body: frames[5])
        case .heartbeat: return .heartbeat
        case .disconnect: return .disconnect
        case .ready, .reply: throw ProtocolViolation("READY and REPLY go from worker to broker")
        }
    }

    /// How a message from the broker is framed: a REPLY goes back the way its REQUEST came.
    public static func framing(of frames: [Data]) -> Framing {
        frames.first?.isEmpty == false ? .packed : .standard
    }

    private static func command(_ command: Command) -> Data { Data([command.rawValue]) }

    /// `"MDPW01"`, the command and the client, in one frame.
    private static func packedHead(_ command: Command, _ client: Data) -> Data {
        var head = Data(capacity: workerHeader.count + 1 + client.count)
        head.append(workerHeader)
        head.append(command.rawValue)
        head.append(client)
        return head
    }

    /// The client of a packed head of `command`; `nil` for a packed head of another command.
    private static func packedClient(in head: Data, command expected: Command) throws -> Data? {
        let header = workerHeader.count
        guard head.count > header, head.prefix(header).elementsEqual(workerHeader) else {
            throw ProtocolViolation("a packed message's first frame starts with MDPW01 and a command")
        }
        let command = try command(in: head.dropFirst(header).prefix(1))
        return command == expected ? Data(head.dropFirst(header + 1)) : nil
    }

    private static func command(in frame: Data) throws -> Command {
        guard frame.count == 1, let command = Command(rawValue: frame[frame.startIndex]) else {
            throw ProtocolViolation("unknown MDP command frame (\(frame.count) bytes)")
        }
        return command
    }
}
