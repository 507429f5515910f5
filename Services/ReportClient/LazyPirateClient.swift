import CZeroMQ
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
        case unreachable(endpoints: [String], attempts: Int, timeoutMilliseconds: Int, curve: Bool)
        /// Every attempt found nothing listening (the connection was refused).
        case nothingListening(endpoints: [String])

        var description: String {
            switch self {
            case .unreachable(let endpoints, let attempts, let timeout, let curve):
                (curve ? "authentication failed or composer unreachable" : "composer unreachable")
                    + ": no reply from \(endpoints.joined(separator: ", ")) "
                    + "after \(attempts) attempt\(attempts == 1 ? "" : "s") of \(timeout) ms"
            case .nothingListening(let endpoints):
                "nothing is listening at \(endpoints.joined(separator: ", "))"
            }
        }
    }

    /// How one attempt ended without a reply.
    private enum Miss: Error {
        case timedOut
        case refused
        case connectionLost
    }

    /// Sends `request` and returns the reply frame, trying the endpoints in the order given. An
    /// endpoint whose host is a name stands for every address it resolves to, in a random order
    /// (clients spread over the composers behind the name), each tried in turn.
    func call(_ request: Data, log: (String) -> Void) throws -> Data {
        var candidates = endpoints.flatMap { EndpointResolver.resolve($0).shuffled() }
        if candidates.isEmpty { candidates = endpoints }
        var refusals = 0
        for attempt in 0..<attempts {
            let endpoint = candidates[attempt % candidates.count]
            let miss: Miss
            switch try self.attempt(request, at: endpoint, number: attempt) {
            case .success(let reply): return reply
            case .failure(let why): miss = why
            }
            if miss == .refused { refusals += 1 }
            guard attempt + 1 < attempts else { break }
            // Refused again by the same endpoint: give a composer that is starting a moment (a
            // failover to another endpoint goes on at once).
            if miss == .refused && candidates[(attempt + 1) % candidates.count] == endpoint {
                Thread.sleep(forTimeInterval: 0.2)
            }
            switch miss {
            case .timedOut: log("no reply from \(endpoint) within \(timeoutMilliseconds) ms; retrying")
            case .refused: log("nothing is listening at \(endpoint); retrying")
            case .connectionLost: log("the connection to \(endpoint) was lost; retrying")
            }
        }
        if refusals == attempts { throw Failure.nothingListening(endpoints: endpoints) }
        throw Failure.unreachable(
            endpoints: endpoints, attempts: attempts, timeoutMilliseconds: timeoutMilliseconds,
            curve: options.contains { if case .curveClient = $0 { true } else { false } })
    }

    /// One attempt on a new REQ socket: the reply, or why there is none. A refused connection or
    /// one that drops (libzmq's socket monitor says so) ends the attempt at once instead of at
    /// the timeout, so a dead composer costs a client milliseconds, not its whole timeout.
    private func attempt(_ request: Data, at endpoint: String, number: Int) throws -> Result<Data, Miss> {
        let socket = try Socket(context: context, type: .req, linger: 0)
        defer { socket.close() }
        try socket.set(.maxMessageSize(64 << 20))
        for option in options { try socket.set(option) }
        if endpoint.contains("[") { try socket.set(.ipv6(true)) }
        let monitorEndpoint = "inproc://report-client-monitor-\(number)-\(UInt32.random(in: 0...UInt32.max))"
        try socket.monitor(monitorEndpoint, events: ZMQ_EVENT_CONNECT_RETRIED | ZMQ_EVENT_DISCONNECTED)
        let events = try Socket(context: context, type: .pair, linger: 0)
        defer {
            try? socket.monitor(nil, events: 0)
            events.close()
        }
        try events.connect(monitorEndpoint)
        try socket.connect(endpoint)
        try socket.send([request])
        var items = [PollItem(readable: socket), PollItem(readable: events)]
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            guard try poll(&items, timeoutMilliseconds: Int(left.millisecondsRoundedUp)) > 0 else { continue }
            if items[0].isReadable, let frames = try socket.receive(blocking: false) {
                return .success(frames.last ?? Data())
            }
            if items[1].isReadable, let frames = try events.receive(blocking: false),
                let event = MonitorEvent.number(in: frames)
            {
                return .failure(event == ZMQ_EVENT_CONNECT_RETRIED ? .refused : .connectionLost)
            }
        }
        return .failure(.timedOut)
    }
}
