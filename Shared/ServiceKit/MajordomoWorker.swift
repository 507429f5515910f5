import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A data service's worker side of RFC 7/MDP: it connects to each composer endpoint, registers
/// with READY, answers REQUESTs with its ``MethodTable``, heartbeats both ways and reconnects
/// by itself (backing off from one heartbeat interval up to `reconnectMax`) when a composer
/// goes silent. On graceful shutdown it sends DISCONNECT, so that the composer hands what this
/// worker holds to another replica, finishes what it is doing and closes.
public struct MajordomoWorker: Service {
    let service: String
    let endpoints: [String]
    let io: SocketThread
    let methods: MethodTable
    let heartbeat: HeartbeatSettings
    /// Extra options for each composer connection (CURVE, message size limit).
    let socketOptions: [SocketOption]
    /// Set while this worker is registered with at least one composer.
    let readiness: Readiness
    /// Requests taken at once (announced in READY).
    let concurrency: Int
    /// The most bytes of requests received and not yet answered, per composer connection.
    static let maxReceivedBytes = 16 << 20
    let logger: Logger

    public init(
        service: String, endpoints: [String], io: SocketThread, methods: MethodTable,
        heartbeat: HeartbeatSettings, socketOptions: [SocketOption] = [], readiness: Readiness = Readiness(),
        concurrency: Int = 1, logger: Logger
    ) {
        self.concurrency = concurrency
        self.socketOptions = socketOptions
        self.readiness = readiness
        self.service = service
        self.endpoints = endpoints
        self.io = io
        self.methods = methods
        self.heartbeat = heartbeat
        self.logger = logger
    }

    /// Serves every composer endpoint. Requests are handled on the socket thread, where they
    /// arrive, so that a reply goes out without a thread hop; method handlers that block must
    /// move their work elsewhere (see ``ReloadableStore/reloadInBackground()``).
    public func run() async throws {
        await withTaskExecutorPreference(io.executor) {
            await withDiscardingTaskGroup { group in
                for endpoint in endpoints {
                    group.addTask { await self.serve(endpoint) }
                }
            }
        }
    }

    /// How one connection to a composer ended.
    enum SessionEnd: Equatable {
        case shutdown
        case composerSilent(heardAnything: Bool)
        case disconnectedByComposer(heardAnything: Bool)
        case openFailed
    }

    /// Keeps one composer connection alive until shutdown.
    func serve(_ endpoint: String) async {
        var backoff = heartbeat.interval
        var logger = logger
        logger[metadataKey: "composer"] = "\(endpoint)"
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let end = await session(endpoint, logger: logger)
            readiness.set(false)
            if end != .shutdown {
                Counter(label: "service_reconnects_total", dimensions: [("composer", endpoint)]).increment()
            }
            let wait: Duration
            switch end {
            case .shutdown:
                return
            case .disconnectedByComposer(heardAnything: true):
                backoff = heartbeat.interval
                logger.notice("composer asked this worker to reconnect; registering again")
                continue
            case .composerSilent(heardAnything: true):
                backoff = heartbeat.interval
                wait = .zero
                logger.warning("composer went silent; reconnecting")
            case .composerSilent(heardAnything: false), .disconnectedByComposer(heardAnything: false), .openFailed:
                wait = backoff
                backoff = min(backoff * 2, heartbeat.reconnectMax)
                logger.warning("composer not answering; retrying", metadata: ["retryInMs": "\(wait.milliseconds)"])
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                return
            }
        }
    }

    /// One connection: register, then answer requests and heartbeat until the composer goes
    /// silent, disconnects this worker, or the process shuts down.
    func session(_ endpoint: String, logger: Logger) async -> SessionEnd {
        let socket: SocketHandle
        do {
            socket = try await io.open(
                SocketSpec(
                    type: .dealer, connect: [endpoint],
                    // A composer has at most `concurrency` requests out here at once: libzmq holds little
                    // more than that, whatever a peer sends (or leaves unread).
                    options: [
                        .linger(milliseconds: 500), .sendHighWaterMark(Int32(clamping: max(4 * concurrency, 64))),
                        .receiveHighWaterMark(Int32(clamping: max(2 * concurrency, 16))),
                    ]
                        + socketOptions,
                    // Requests in handling are bounded: past this the worker stops reading until
                    // it has answered some, whatever the peer sends.
                    receiveLimit: ReceiveLimit(
                        messages: max(2 * concurrency, 16), bytes: Self.maxReceivedBytes, release: .explicit)))
        } catch {
            logger.error("cannot open a socket to the composer", metadata: ["error": "\(error)"])
            return .openFailed
        }
        defer { socket.close() }
        socket.send(Majordomo.frames(.ready(service: service, capacity: concurrency)))
        logger.info("registering with composer", metadata: ["service": "\(service)"])
        let contact = PeerContact()

        return await withTaskGroup(of: SessionEnd.self) { group in
            group.addTask { await self.receive(on: socket, contact: contact, logger: logger) }
            group.addTask { await self.beat(on: socket, contact: contact) }
            group.addTask {
                do {
                    try await gracefulShutdown()
                    return .shutdown
                } catch {
                    return .shutdown
                }
            }
            let end = await group.next() ?? .shutdown
            if end == .shutdown {
                socket.send(Majordomo.frames(.disconnect))
                logger.info("unregistered (DISCONNECT sent); finishing requests in hand")
            }
            group.cancelAll()
            // Waits for the receiver, which waits for every request it started.
            for await _ in group {}
            return end
        }
    }

    private func receive(on socket: SocketHandle, contact: PeerContact, logger: Logger) async -> SessionEnd {
        await withDiscardingTaskGroup(returning: SessionEnd.self) { requests in
            for await frames in socket.messages {
                let message: Majordomo.BrokerMessage
                do {
                    message = try Majordomo.parseFromBroker(frames)
                } catch {
                    logger.warning("dropped a malformed message from the composer", metadata: ["error": "\(error)"])
                    socket.messages.release(frames)
                    continue
                }
                switch message {
                case .heartbeat:
                    contact.heard()
                    readiness.set(true)
                    socket.messages.release(frames)
                case .disconnect:
                    socket.messages.release(frames)
                    return .disconnectedByComposer(heardAnything: contact.heardAnything)
                case .request(let client, let body):
                    contact.heard()
                    readiness.set(true)
                    requests.addTask {
                        let reply = await self.methods.respond(to: body, logger: logger) ?? Data()
                        socket.send(Majordomo.frames(.reply(client: client, body: reply)))
                        socket.messages.release(frames)
                    }
                }
            }
            return .shutdown
        }
    }

    private func beat(on socket: SocketHandle, contact: PeerContact) async -> SessionEnd {
        while true {
            do {
                try await Task.sleep(for: heartbeat.interval)
            } catch {
                return .shutdown
            }
            if contact.silence > heartbeat.expiry {
                return .composerSilent(heardAnything: contact.heardAnything)
            }
            socket.send(Majordomo.frames(.heartbeat))
        }
    }
}

/// When a peer was last heard from, shared by a session's receiver and heartbeater.
final class PeerContact: Sendable {
    private let state = Mutex<(last: ContinuousClock.Instant, heardAnything: Bool)>((.now, false))

    func heard() { state.withLock { $0 = (.now, true) } }
    var heardAnything: Bool { state.withLock { $0.heardAnything } }
    var silence: Duration { state.withLock { ContinuousClock.now - $0.last } }
}

extension Metrics.Timer {
    /// Records the time since `start`.
    func recordInterval(since start: ContinuousClock.Instant) {
        recordNanoseconds((ContinuousClock.now - start).nanoseconds)
    }
}

extension MajordomoWorker: CustomStringConvertible {
    public var description: String { "MajordomoWorker(\(service) → \(endpoints.joined(separator: ",")))" }
}
