import Foundation
import ZeroMQ

/// A JSON-RPC client over a REQ socket with the "Lazy Pirate" pattern (zguide, chapter 4):
/// when no reply comes within the timeout it closes the socket, opens a new one to the next
/// endpoint and sends again. Single-threaded: the socket never leaves the calling thread.
struct LazyPirateClient {
    let context: ZMQContext
    let endpoints: [String]
    let timeoutMilliseconds: Int
    let attempts: Int
    /// Extra socket options: CURVE, the largest reply accepted.
    var options: [SocketOption] = []

    enum Failure: Error, CustomStringConvertible {
        case unreachable(endpoints: [String], attempts: Int, timeoutMilliseconds: Int)

        var description: String {
            switch self {
            case .unreachable(let endpoints, let attempts, let timeout):
                "authentication failed or composer unreachable: no reply from \(endpoints.joined(separator: ", ")) "
                    + "after \(attempts) attempt\(attempts == 1 ? "" : "s") of \(timeout) ms"
            }
        }
    }

    /// Sends `request` and returns the reply frame, trying the endpoints in the order given. An
    /// endpoint whose host is a name stands for every address it resolves to, in a random order
    /// (clients spread over the composers behind the name), each tried in turn.
    func call(_ request: Data, log: (String) -> Void) throws -> Data {
        var candidates = endpoints.flatMap { EndpointResolver.resolve($0).shuffled() }
        if candidates.isEmpty { candidates = endpoints }
        for attempt in 0..<attempts {
            let endpoint = candidates[attempt % candidates.count]
            let socket = try Socket(context: context, type: .req, linger: 0)
            defer { socket.close() }
            try socket.set(.maxMessageSize(64 << 20))
            for option in options { try socket.set(option) }
            if endpoint.contains("[") { try socket.set(.ipv6(true)) }
            try socket.connect(endpoint)
            try socket.send([request])
            var items = [PollItem(readable: socket)]
            let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
            while ContinuousClock.now < deadline {
                let left = deadline - ContinuousClock.now
                let ms = Int(left.millisecondsRoundedUp)
                if try poll(&items, timeoutMilliseconds: ms) > 0, items[0].isReadable,
                    let frames = try socket.receive(blocking: false)
                {
                    return frames.last ?? Data()
                }
            }
            if attempt + 1 < attempts {
                log("no reply from \(endpoint) within \(timeoutMilliseconds) ms; retrying")
            }
        }
        throw Failure.unreachable(endpoints: endpoints, attempts: attempts, timeoutMilliseconds: timeoutMilliseconds)
    }
}
