import ServiceLifecycle
import ZeroMQ

/// Runs the broker until graceful shutdown. It is listed before the client front, and a
/// service group shuts services down in reverse order, so the broker keeps serving until the
/// front has drained the requests in hand.
struct BrokerService: Service {
    let broker: Broker
    /// The worker socket the broker serves.
    let socket: SocketHandle

    func run() async throws {
        await cancelWhenGracefulShutdown { await broker.run(on: socket) }
    }
}

extension BrokerService: CustomStringConvertible {
    var description: String { "BrokerService" }
}
