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

    /// What a worker sends to the broker.
    public enum WorkerMessage: Sendable, Equatable {
        /// READY. `capacity` is this system's extension: an optional last frame with the number
        /// of requests the worker takes at once (decimal ASCII). RFC 7 workers send none and get
        /// one request at a time.
        case ready(service: String, capacity: Int = 1)
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

    /// The frames a worker's DEALER sends (empty delimiter first, as RFC 7 requires).
    public static func frames(_ message: WorkerMessage) -> [Data] {
        switch message {
        case .ready(let service, let capacity):
            [Data(), workerHeader, command(.ready), Data(service.utf8)]
                + (capacity > 1 ? [Data(String(capacity).utf8)] : [])
        case .reply(let client, let body): [Data(), workerHeader, command(.reply), client, Data(), body]
        case .heartbeat: [Data(), workerHeader, command(.heartbeat)]
        case .disconnect: [Data(), workerHeader, command(.disconnect)]
        }
    }

    /// Reads what the broker's ROUTER received: `[worker id, "", "MDPW01", command, …]`.
    public static func parseFromWorker(_ frames: [Data]) throws -> (worker: Data, message: WorkerMessage) {
        guard frames.count >= 4, frames[1].isEmpty, frames[2] == workerHeader else {
            throw ProtocolViolation("expected [identity, empty, MDPW01, command, …], got \(frames.count) frames")
        }
        let worker = frames[0]
        switch try command(in: frames[3]) {
        case .ready:
            guard frames.count == 5 || frames.count == 6, let service = String(validating: frames[4], as: UTF8.self),
                !service.isEmpty
            else {
                throw ProtocolViolation("READY carries one non-empty UTF-8 service name (and optionally a capacity)")
            }
            var capacity = 1
            if frames.count == 6 {
                guard let text = String(validating: frames[5], as: UTF8.self), let value = Int(text), value >= 1 else {
                    throw ProtocolViolation("READY's capacity frame is a positive decimal number")
                }
                capacity = value
            }
            return (worker, .ready(service: service, capacity: capacity))
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

    /// The frames the broker's ROUTER sends to `worker`.
    public static func frames(to worker: Data, _ message: BrokerMessage) -> [Data] {
        switch message {
        case .request(let client, let body): [worker, Data(), workerHeader, command(.request), client, Data(), body]
        case .heartbeat: [worker, Data(), workerHeader, command(.heartbeat)]
        case .disconnect: [worker, Data(), workerHeader, command(.disconnect)]
        }
    }

    /// Reads what a worker's DEALER received: `["", "MDPW01", command, …]`.
    public static func parseFromBroker(_ frames: [Data]) throws -> BrokerMessage {
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

    private static func command(_ command: Command) -> Data { Data([command.rawValue]) }

    private static func command(in frame: Data) throws -> Command {
        guard frame.count == 1, let command = Command(rawValue: frame[frame.startIndex]) else {
            throw ProtocolViolation("unknown MDP command frame (\(frame.count) bytes)")
        }
        return command
    }
}
