import Logging
import Synchronization
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads one composer connection on the socket thread, as each message arrives: a heartbeat
/// is noted, and a request whose method answers without waiting (every lookup the services
/// have) is answered right there, from its frames to the reply's send, with no task,
/// continuation or executor job. Only what needs a task — a request whose method waits, or the
/// composer's DISCONNECT — goes to the session through ``events``.
///
/// Requests handed on are bounded: at `maxWaiting` the socket is not read until one is
/// answered, so libzmq holds what comes next and TCP pushes back on the composer.
final class WorkerSocketReader: SocketReader {
    /// What the session's task does for the reader.
    enum Event: Sendable {
        /// A request whose method waits: answered by a task, then ``WaitingRequests/finished(on:)``.
        case request(client: Data, body: Data, framing: Majordomo.Framing)
        /// The composer asked this worker to go (MDP DISCONNECT).
        case disconnected
    }

    let methods: MethodTable
    let contact: PeerContact
    let registrations: Registrations
    let waiting: WaitingRequests
    let events: AsyncStream<Event>.Continuation
    let logger: Logger

    init(
        methods: MethodTable, contact: PeerContact, registrations: Registrations, waiting: WaitingRequests,
        events: AsyncStream<Event>.Continuation, logger: Logger
    ) {
        self.methods = methods
        self.contact = contact
        self.registrations = registrations
        self.waiting = waiting
        self.events = events
        self.logger = logger
    }

    func received(_ frames: [Data], on socket: SocketHandle) {
        let message: Majordomo.BrokerMessage
        do {
            message = try Majordomo.parseFromBroker(frames)
        } catch {
            logger.warning("dropped a malformed message from the composer", metadata: ["error": "\(error)"])
            return
        }
        switch message {
        case .heartbeat:
            if contact.heard() { registrations.began() }
        case .disconnect:
            events.yield(.disconnected)
        case .request(let client, let body):
            if contact.heard() { registrations.began() }
            // The reply goes back the way the request came.
            let framing = Majordomo.framing(of: frames)
            if let reply = methods.respondImmediately(to: body, logger: logger) {
                socket.send(Majordomo.frames(.reply(client: client, body: reply), framing: framing))
                return
            }
            if waiting.began() { socket.setPaused(true) }
            events.yield(.request(client: client, body: body, framing: framing))
        }
    }
}

/// The requests a ``WorkerSocketReader`` handed to tasks and not yet answered.
final class WaitingRequests: Sendable {
    private let count = Mutex(0)
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Counts one more; `true` if that reaches the limit (the socket must not be read now).
    func began() -> Bool {
        count.withLock { count in
            count += 1
            return count == limit
        }
    }

    /// Counts one answered, and reads `socket` again if it was at the limit.
    func finished(on socket: SocketHandle) {
        let wasFull = count.withLock { count in
            defer { count -= 1 }
            return count == limit
        }
        if wasFull { socket.setPaused(false) }
    }
}
