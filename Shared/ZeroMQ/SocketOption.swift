import CZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A socket option, set with `zmq_setsockopt` before the socket binds or connects.
public enum SocketOption: Sendable, Equatable {
    /// How long unsent messages may delay `zmq_close`, in milliseconds (`ZMQ_LINGER`).
    case linger(milliseconds: Int32)
    /// `ZMQ_SNDHWM`: messages queued per peer before sends would block.
    case sendHighWaterMark(Int32)
    /// `ZMQ_RCVHWM`: messages queued per peer before the peer is pushed back.
    case receiveHighWaterMark(Int32)
    /// `ZMQ_RCVBUF`: the kernel's receive buffer per connection, in bytes (what a peer can
    /// have in flight towards this socket beyond the high-water mark).
    case kernelReceiveBuffer(Int32)
    /// `ZMQ_SNDBUF`: the kernel's send buffer per connection, in bytes (what can be on its way to
    /// a peer that does not read, beyond the high-water mark).
    case kernelSendBuffer(Int32)
    /// `ZMQ_IPV6`: IPv6 addresses (and IPv4) for tcp:// endpoints.
    case ipv6(Bool)
    /// `ZMQ_ROUTER_MANDATORY`: an unroutable message is an `EHOSTUNREACH` error, not a silent drop.
    case routerMandatory(Bool)
    /// `ZMQ_ROUTING_ID`: the identity a DEALER or REQ presents to a ROUTER.
    case routingID(Data)
    /// `ZMQ_MAXMSGSIZE`: larger inbound messages disconnect the peer (-1: no limit).
    case maxMessageSize(Int64)
    /// `ZMQ_RCVTIMEO` in milliseconds (-1: block).
    case receiveTimeout(milliseconds: Int32)
    /// `ZMQ_SNDTIMEO` in milliseconds (-1: block).
    case sendTimeout(milliseconds: Int32)
    /// `ZMQ_IMMEDIATE`: queue only to completed connections.
    case immediate(Bool)
    /// `ZMQ_CURVE_SERVER` with `ZMQ_CURVE_SECRETKEY`: this socket is a CurveZMQ server with
    /// that secret key (RFC 26).
    case curveServer(secretKey: CurveKey)
    /// `ZMQ_CURVE_SERVERKEY`, `ZMQ_CURVE_PUBLICKEY`, `ZMQ_CURVE_SECRETKEY`: this socket is a
    /// CurveZMQ client of the server with that public key, with its own key pair.
    case curveClient(serverKey: CurveKey, keyPair: CurveKeyPair)
    /// `ZMQ_ZAP_DOMAIN`: the domain ZAP requests for this socket carry (RFC 27).
    case zapDomain(String)

    var name: String {
        switch self {
        case .linger: "ZMQ_LINGER"
        case .sendHighWaterMark: "ZMQ_SNDHWM"
        case .receiveHighWaterMark: "ZMQ_RCVHWM"
        case .kernelReceiveBuffer: "ZMQ_RCVBUF"
        case .ipv6: "ZMQ_IPV6"
        case .kernelSendBuffer: "ZMQ_SNDBUF"
        case .routerMandatory: "ZMQ_ROUTER_MANDATORY"
        case .routingID: "ZMQ_ROUTING_ID"
        case .maxMessageSize: "ZMQ_MAXMSGSIZE"
        case .receiveTimeout: "ZMQ_RCVTIMEO"
        case .sendTimeout: "ZMQ_SNDTIMEO"
        case .immediate: "ZMQ_IMMEDIATE"
        case .curveServer: "ZMQ_CURVE_SERVER"
        case .curveClient: "ZMQ_CURVE_SERVERKEY"
        case .zapDomain: "ZMQ_ZAP_DOMAIN"
        }
    }

    private func setBytes(_ socket: UnsafeMutableRawPointer, _ option: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
    }

    func apply(to socket: UnsafeMutableRawPointer) -> Int32 {
        func set<T>(_ option: Int32, _ value: T) -> Int32 {
            withUnsafeBytes(of: value) { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
        }
        switch self {
        case .linger(let ms): return set(ZMQ_LINGER, ms)
        case .sendHighWaterMark(let n): return set(ZMQ_SNDHWM, n)
        case .receiveHighWaterMark(let n): return set(ZMQ_RCVHWM, n)
        case .kernelReceiveBuffer(let n): return set(ZMQ_RCVBUF, n)
        case .ipv6(let on): return set(ZMQ_IPV6, Int32(on ? 1 : 0))
        case .kernelSendBuffer(let n): return set(ZMQ_SNDBUF, n)
        case .routerMandatory(let on): return set(ZMQ_ROUTER_MANDATORY, Int32(on ? 1 : 0))
        case .routingID(let id):
            return id.withUnsafeBytes { zmq_setsockopt(socket, ZMQ_ROUTING_ID, $0.baseAddress, $0.count) }
        case .maxMessageSize(let n): return set(ZMQ_MAXMSGSIZE, n)
        case .receiveTimeout(let ms): return set(ZMQ_RCVTIMEO, ms)
        case .sendTimeout(let ms): return set(ZMQ_SNDTIMEO, ms)
        case .immediate(let on): return set(ZMQ_IMMEDIATE, Int32(on ? 1 : 0))
        case .curveServer(let secret):
            let rc = set(ZMQ_CURVE_SERVER, Int32(1))
            return rc != 0 ? rc : setBytes(socket, ZMQ_CURVE_SECRETKEY, secret.bytes)
        case .curveClient(let server, let pair):
            for (option, key) in [
                (ZMQ_CURVE_SERVERKEY, server), (ZMQ_CURVE_PUBLICKEY, pair.publicKey),
                (ZMQ_CURVE_SECRETKEY, pair.secretKey),
            ] {
                let rc = setBytes(socket, option, key.bytes)
                if rc != 0 { return rc }
            }
            return 0
        case .zapDomain(let domain):
            return setBytes(socket, ZMQ_ZAP_DOMAIN, Array(domain.utf8))
        }
    }
}
