import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the ``Broker`` sends its messages to workers through: in the composer the worker
/// socket's handle, in unit tests a recorder, so that dispatch, hedging and expiry can be checked
/// without processes.
protocol WorkerTransport: Sendable {
    /// Sends one message to a worker; the first frame is its routing id. Never blocks.
    func send(_ frames: [Data])
}

extension SocketHandle: WorkerTransport {}
