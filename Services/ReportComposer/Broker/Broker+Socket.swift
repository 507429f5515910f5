import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The broker on its worker socket: every message, failed send and closed connection the socket
/// reports is handled on the socket's thread as it is read, by ``WorkerSocketReader``.
extension Broker {
    /// Reads the worker socket and beats until cancelled.
    func run(on socket: SocketHandle) async {
        socket.startReading(with: WorkerSocketReader(broker: self))
        await withTaskExecutorPreference(socket.executor) { await self.heartbeatLoop() }
    }
}

/// Hands the worker socket's messages to the broker on the socket thread — the broker's own
/// executor, so each is handled synchronously, isolated to it, with no task per message.
final class WorkerSocketReader: SocketReader {
    let broker: Broker

    init(broker: Broker) {
        self.broker = broker
    }

    func received(_ frames: [Data], on socket: SocketHandle) {
        broker.assumeIsolated { $0.receive(frames) }
    }

    func sendFailed(_ failure: SendFailure, on socket: SocketHandle) {
        guard failure.reason == .unroutable else { return }
        broker.assumeIsolated { $0.noteUnreachable(failure.firstFrame) }
    }

    /// A connection closed: libzmq does not say whose, so probe every worker with a heartbeat;
    /// the one that is gone turns up as unroutable right away.
    func peerDisconnected(on socket: SocketHandle) {
        broker.assumeIsolated { $0.probe() }
    }
}
