import Logging
import ServiceKit
import ServiceLifecycle
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The composer's ZAP handler (ZeroMQ RFC 27): libzmq asks it, for every CURVE handshake on
/// this process's sockets, whether the peer's public key may connect. Bound at
/// `inproc://zeromq.zap.01` before any CURVE socket, answers from the allow-lists (reloaded on
/// SIGHUP), and logs every refusal with the key and the peer's address.
struct ZAPHandler: Service {
    static let endpoint = "inproc://zeromq.zap.01"

    let socket: SocketHandle
    let allowLists: ReloadableStore<AllowLists>
    let logger: Logger

    func run() async {
        for await frames in socket.messages.cancelOnGracefulShutdown() {
            if let reply = answer(frames) { socket.send(reply) }
        }
    }

    /// The reply to one ZAP request `[routing id, "", "1.0", request id, domain, address,
    /// identity, mechanism, credentials…]`.
    func answer(_ frames: [Data]) -> [Data]? {
        guard frames.count >= 8, frames[1].isEmpty, frames[2] == Data("1.0".utf8) else {
            logger.error("malformed ZAP request", metadata: ["frames": .stringConvertible(frames.count)])
            return nil
        }
        let domain = String(decoding: frames[4], as: UTF8.self)
        let address = String(decoding: frames[5], as: UTF8.self)
        let mechanism = String(decoding: frames[7], as: UTF8.self)
        func reply(_ status: String, _ text: String, user: String = "") -> [Data] {
            [
                frames[0], Data(), Data("1.0".utf8), frames[3], Data(status.utf8), Data(text.utf8), Data(user.utf8),
                Data(),
            ]
        }
        switch mechanism {
        case "CURVE":
            guard frames.count >= 9, let key = CurveKey(bytes: Array(frames[8])) else {
                return reply("400", "malformed CURVE credentials")
            }
            guard allowLists.current.allows(key, domain: domain) else {
                logger.warning(
                    "connection refused: key not allowed",
                    metadata: [
                        "domain": "\(domain)", "key": "\(key.z85)", "peer": "\(address)",
                    ])
                return reply("400", "key not allowed")
            }
            return reply("200", "OK", user: key.z85)
        case "NULL":
            return reply("200", "OK")
        default:
            logger.warning(
                "connection refused: unsupported mechanism",
                metadata: ["mechanism": "\(mechanism)", "peer": "\(address)"])
            return reply("400", "unsupported mechanism")
        }
    }
}

extension ZAPHandler: CustomStringConvertible {
    var description: String { "ZAPHandler" }
}
