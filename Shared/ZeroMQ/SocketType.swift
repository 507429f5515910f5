import CZeroMQ

/// The libzmq socket types this project uses.
public enum SocketType: Sendable, CustomStringConvertible {
    case req, rep, dealer, router, pair

    var rawValue: Int32 {
        switch self {
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .pair: ZMQ_PAIR
        }
    }

    public var description: String {
        switch self {
        case .req: "REQ"
        case .rep: "REP"
        case .dealer: "DEALER"
        case .router: "ROUTER"
        case .pair: "PAIR"
        }
    }
}
