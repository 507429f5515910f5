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
    /// How often an endpoint given by name is resolved again, to join composers that appeared
    /// behind it and leave those that vanished.
    let resolveInterval: Duration
    /// Sessions registered with a composer now: the worker is ready while there is one.
    let registrations: Registrations
    let logger: Logger

    public init(
        service: String, endpoints: [String], io: SocketThread, methods: MethodTable,
        heartbeat: HeartbeatSettings, socketOptions: [SocketOption] = [], readiness: Readiness = Readiness(),
        concurrency: Int = 1, resolveInterval: Duration = .seconds(10), logger: Logger
    ) {
        self.concurrency = concurrency
        self.resolveInterval = resolveInterval
        self.registrations = Registrations(readiness: readiness)
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
                    if EndpointResolver.name(in: endpoint) == nil {
                        group.addTask { await self.serve(endpoint, retired: Retirement()) }
                    } else {
                        group.addTask { await self.follow(endpoint) }
                    }
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
        /// The composer's address no longer resolves from the endpoint's name.
        case retired
    }

    /// Serves every address `endpoint`'s name resolves to, resolving it again every
    /// `resolveInterval`: a session starts for each address that appears and ends for each that
    /// is gone, until shutdown.
    func follow(_ endpoint: String) async {
        var logger = logger
        logger[metadataKey: "endpoint"] = "\(endpoint)"
        await withDiscardingTaskGroup { group in
            var sessions: [String: Retirement] = [:]
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let addresses = await withTaskExecutorPreference(globalConcurrentExecutor) {
                    EndpointResolver.resolve(endpoint)
                }
                for address in addresses where sessions[address] == nil {
                    logger.info("composer found", metadata: ["address": "\(address)"])
                    let retirement = Retirement()
                    sessions[address] = retirement
                    group.addTask { await self.serve(address, retired: retirement) }
                }
                for (address, retirement) in sessions where !addresses.contains(address) {
                    logger.notice("composer no longer behind the name; leaving it", metadata: ["address": "\(address)"])
                    retirement.retire()
                    sessions[address] = nil
                }
                if addresses.isEmpty { logger.warning("the endpoint's name resolves to no address (yet)") }
                await sleepUntilShutdown(resolveInterval)
            }
        }
    }

    /// Sleeps for `duration`, or less if graceful shutdown begins.
    private func sleepUntilShutdown(_ duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { try? await gracefulShutdown() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Keeps one composer connection alive until shutdown (or until `retired`).
    func serve(_ endpoint: String, retired: Retirement) async {
        var backoff = heartbeat.interval
        var logger = logger
        logger[metadataKey: "composer"] = "\(endpoint)"
        while !Task.isShuttingDownGracefully && !Task.isCancelled && !retired.isRetired {
            let end = await session(endpoint, retired: retired, logger: logger)
            if end == .retired { return }
            if end != .shutdown {
                Counter(label: "service_reconnects_total", dimensions: [("composer", endpoint)]).increment()
            }
            let wait: Duration
            switch end {
            case .shutdown, .retired:
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
                logger.warning(
                    "composer not answering; retrying", metadata: ["retryInMs": .stringConvertible(wait.milliseconds)])
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
    func session(_ endpoint: String, retired: Retirement, logger: Logger) async -> SessionEnd {
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
                        + socketOptions + (endpoint.contains("[") ? [.ipv6(true)] : []),
                    // Read by a WorkerSocketReader, which bounds the requests it hands to tasks; a
                    // reply the socket cannot take yet waits, and the socket is not read meanwhile.
                    reader: true, keepsUnsent: true))
        } catch {
            logger.error("cannot open a socket to the composer", metadata: ["error": "\(error)"])
            return .openFailed
        }
        defer { socket.close() }
        // Packed requests: four frames fewer each way (see ``Majordomo/Framing``).
        socket.send(Majordomo.frames(.ready(service: service, capacity: concurrency, framing: .packed)))
        logger.info("registering with composer", metadata: ["service": "\(service)"])
        let contact = PeerContact()
        defer { if contact.registered { registrations.ended() } }

        return await withTaskGroup(of: SessionEnd.self) { group in
            group.addTask { await self.receive(on: socket, contact: contact, logger: logger) }
            group.addTask { await self.beat(on: socket, contact: contact, retired: retired) }
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

    /// Installs the reader that answers on the socket thread, and runs what it hands on: each
    /// request whose method waits in a task of its own, until the composer disconnects this
    /// worker or the session is cancelled (then it waits for every request it started).
    private func receive(on socket: SocketHandle, contact: PeerContact, logger: Logger) async -> SessionEnd {
        let (events, continuation) = AsyncStream.makeStream(of: WorkerSocketReader.Event.self)
        let waiting = WaitingRequests(limit: max(2 * concurrency, 16))
        socket.startReading(
            with: WorkerSocketReader(
                methods: methods, contact: contact, registrations: registrations, waiting: waiting,
                events: continuation, logger: logger))
        return await withDiscardingTaskGroup(returning: SessionEnd.self) { requests in
            for await event in events {
                switch event {
                case .disconnected:
                    return .disconnectedByComposer(heardAnything: contact.heardAnything)
                case .request(let client, let body, let framing):
                    requests.addTask {
                        let reply = await self.methods.respond(to: body, logger: logger) ?? Data()
                        socket.send(Majordomo.frames(.reply(client: client, body: reply), framing: framing))
                        waiting.finished(on: socket)
                    }
                }
            }
            return .shutdown
        }
    }

    private func beat(on socket: SocketHandle, contact: PeerContact, retired: Retirement) async -> SessionEnd {
        while true {
            do {
                try await Task.sleep(for: heartbeat.interval)
            } catch {
                return .shutdown
            }
            if retired.isRetired { return .retired }
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

    /// Notes that the composer was heard; `true` the first time (the worker is registered).
    @discardableResult
    func heard() -> Bool {
        state.withLock { state in
            defer { state = (.now, true) }
            return !state.heardAnything
        }
    }
    var heardAnything: Bool { state.withLock { $0.heardAnything } }
    var registered: Bool { heardAnything }
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

/// Set when a session's composer address no longer resolves from its endpoint's name.
final class Retirement: Sendable {
    private let state = Mutex(false)
    func retire() { state.withLock { $0 = true } }
    var isRetired: Bool { state.withLock { $0 } }
}

/// How many sessions are registered with a composer: the worker is ready (`/readyz`) while at
/// least one is, whichever composers come and go.
final class Registrations: Sendable {
    private let count = Mutex(0)
    let readiness: Readiness

    init(readiness: Readiness) {
        self.readiness = readiness
    }

    func began() {
        let now = count.withLock { count in
            count += 1
            return count
        }
        readiness.set(now > 0)
    }

    func ended() {
        let now = count.withLock { count in
            count = max(0, count - 1)
            return count
        }
        readiness.set(now > 0)
    }
}
