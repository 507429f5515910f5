import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a request to a service ended.
enum BackendOutcome: Sendable, Equatable {
    /// The worker's reply body.
    case reply(Data)
    /// No live worker of the service.
    case unavailable
    /// The deadline passed first.
    case deadlineExceeded
    /// The service's queue is full.
    case overloaded(queued: Int)

    /// The JSON-RPC error a client gets for an outcome that is not a reply.
    func error(service: String, timeoutMilliseconds: Int) -> JSONRPCError? {
        switch self {
        case .reply: nil
        case .unavailable: .serviceUnavailable(service)
        case .deadlineExceeded: .deadlineExceeded(service, milliseconds: timeoutMilliseconds)
        case .overloaded(let queued): .overloaded(service, queued: queued)
        }
    }
}
