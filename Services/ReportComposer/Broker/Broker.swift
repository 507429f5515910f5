import Logging
import Metrics
import ServiceKit
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The composer's side of RFC 7/MDP: workers register by service name on the worker endpoint;
/// each request goes to the worker of its service with the fewest requests in hand (among
/// equals, the one that has had room longest), waits in a bounded queue when every worker is
/// full, goes to another worker when the one holding it dies or is slow, and is answered by its
/// deadline whatever happens.
///
/// The broker sends through a ``WorkerTransport`` (the worker socket in the composer, a
/// recorder in unit tests) and runs on the socket thread's executor, so a message handled there
/// reaches the broker, and the broker its socket, without a thread hop.
actor Broker {
    struct Settings: Sendable {
        var heartbeat = HeartbeatSettings()
        /// Requests that may wait per service before new ones are refused as overloaded.
        var maxQueue = 1000
        /// A request a worker has held this long is also given to another idle worker, if
        /// there is one; the first reply wins. Requests are reads, safe to repeat.
        var retryAfter: Duration = .seconds(1)
        /// Service names a worker may register as; a READY for any other is refused.
        var services = Set(ServiceName.allCases.map(\.rawValue))
        /// The most requests one worker is given at once, whatever its READY asks for.
        var maxWorkerCapacity = 64
        /// Ready (for `/readyz`) only while every service has a live replica.
        var readiness = Readiness()
    }

    /// A request in hand: a reference, looked up (not copied) at each step of its way.
    private final class Pending {
        let service: String
        /// The service's queue in the registry.
        let slot: Int
        let requestId: String?
        let body: Data
        let deadline: ContinuousClock.Instant
        /// When to also give the request to another worker; `nil` once done.
        var hedgeAt: ContinuousClock.Instant?
        /// Called with the outcome, on the broker's executor; with none, the outcome is kept in
        /// `finished` until ``outcome(of:)`` asks for it.
        var completion: Completion?

        init(
            service: String, slot: Int, requestId: String?, body: Data, deadline: ContinuousClock.Instant,
            hedgeAt: ContinuousClock.Instant?, completion: Completion?
        ) {
            self.service = service
            self.slot = slot
            self.requestId = requestId
            self.body = body
            self.deadline = deadline
            self.hedgeAt = hedgeAt
            self.completion = completion
        }
    }

    /// What a submitter is called with, on the broker's executor (the socket thread): a
    /// request's outcome, the moment it is known.
    typealias Completion = (BackendOutcome) -> Void

    /// A request handed to the broker: its number while it is in hand, or its outcome at once.
    enum Submission: Sendable {
        case inHand(UInt64)
        case done(BackendOutcome)
    }

    /// How often deadlines and hedges are checked: a request is answered at most this much
    /// after its deadline. One sweep for all requests costs far less than a timer per request.
    static let sweepInterval: Duration = .milliseconds(5)

    let transport: any WorkerTransport
    private let executor: SocketThreadExecutor
    let settings: Settings
    let logger: Logger
    private let startedAt = ContinuousClock.now
    var registry = WorkerRegistry()
    private var pending: [UInt64: Pending] = [:]
    /// Requests in hand: submitted and not yet answered.
    var pendingCount: Int { pending.count }
    /// Sweeps every ``sweepInterval`` while requests are in hand; unset while none is, so an
    /// idle composer sleeps. An alarm of the socket thread: no Dispatch timer and no other thread.
    private let sweepAlarm: SocketThreadAlarm
    /// Workers a send found gone, to drop on the next sweep (see ``noteUnreachable(_:)``).
    private var unreachableWorkers: [Data] = []
    /// Outcomes of submitted requests nobody waits for yet.
    private var finished: [UInt64: BackendOutcome] = [:]
    private var nextRequest: UInt64 = 0
    /// Requests in flight, kept current per request; made once (after metrics are bootstrapped).
    let inFlightGauge = Gauge(label: "report_requests_in_flight")

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// A broker that sends through `transport` and runs on `executor`, the executor of the
    /// socket thread that `sweepAlarm` belongs to.
    init(
        transport: any WorkerTransport, executor: SocketThreadExecutor, sweepAlarm: SocketThreadAlarm,
        settings: Settings, logger: Logger
    ) {
        self.transport = transport
        self.executor = executor
        self.settings = settings
        self.logger = logger
        self.sweepAlarm = sweepAlarm
        settings.readiness.set(
            notReadyBecause: "not ready: no live replica of \(settings.services.sorted().joined(separator: ", "))")
        // The alarm goes off on the socket thread, which is this actor's executor.
        sweepAlarm.onFire { [weak self] in self?.assumeIsolated { $0.sweep() } }
    }

    /// A broker on the worker socket: it sends there and runs on that socket's thread.
    init(socket: SocketHandle, settings: Settings, logger: Logger) {
        self.init(
            transport: socket, executor: socket.executor, sweepAlarm: socket.makeAlarm(), settings: settings,
            logger: logger)
    }

    // MARK: requests

    /// Sends `body` (a JSON-RPC request) to a worker of `service` and waits for its reply, at
    /// most until `deadline`.
    func call(service: String, body: Data, deadline: ContinuousClock.Instant, requestId: String? = nil) async
        -> BackendOutcome
    {
        await outcome(of: submit(service: service, body: body, deadline: deadline, requestId: requestId))
    }

    /// Hands `body` to a worker of `service` (or queues it) without waiting: a caller on the
    /// broker's executor submits several requests, then waits for each with ``outcome(of:)``,
    /// and they are all in flight at once without a task each.
    func submit(service: String, body: Data, deadline: ContinuousClock.Instant, requestId: String? = nil) -> Submission
    {
        submit(service: service, body: body, deadline: deadline, requestId: requestId, completion: nil)
    }

    /// Hands `body` to a worker of `service` (or queues it) and calls `completion` with its
    /// outcome — a worker's reply, or why there is none by `deadline` — on this executor, from
    /// the code that learns it (the worker socket's reader, the sweep): a request in hand is a
    /// table entry and a closure, no task and no continuation. When the outcome is known at once
    /// (no worker, queue full), `completion` runs before this returns.
    func submit(
        service: String, body: Data, deadline: ContinuousClock.Instant, requestId: String?,
        completion: @escaping Completion
    ) {
        if case .done(let outcome) = submit(
            service: service, body: body, deadline: deadline, requestId: requestId, completion: Optional(completion))
        {
            completion(outcome)
        }
    }

    private func submit(
        service: String, body: Data, deadline: ContinuousClock.Instant, requestId: String?,
        completion: Completion?
    ) -> Submission {
        // One lookup of the name: the queue's slot says the rest.
        let known = registry.existingSlot(service)
        guard mayHaveWorkers(slot: known) else { return .done(.unavailable) }
        // Only the data services' names (`ServiceName`) come here: their queues are all there is.
        let slot = known ?? registry.slot(service)
        let queued = registry.queued(slot: slot)
        guard queued < settings.maxQueue else {
            logger.warning(
                "queue full; request refused",
                metadata: [
                    "service": "\(service)", "queued": "\(queued)", "requestId": "\(requestId ?? "-")",
                ])
            return .done(.overloaded(queued: queued))
        }
        nextRequest += 1
        let id = nextRequest
        if pending.isEmpty && unreachableWorkers.isEmpty { sweepAlarm.set(at: .now + Self.sweepInterval) }
        let hedgeAt = ContinuousClock.now + settings.retryAfter
        pending[id] = Pending(
            service: service, slot: slot, requestId: requestId, body: body, deadline: deadline,
            hedgeAt: hedgeAt < deadline ? hedgeAt : nil, completion: completion)
        registry.enqueue(id, slot: slot)
        dispatch(slot)
        inFlightGauge.record(pending.count)
        return .inHand(id)
    }

    /// Waits for a submitted request's outcome: a worker's reply, or why there is none by its
    /// deadline. Each submission is waited for once.
    func outcome(of submission: Submission) async -> BackendOutcome {
        switch submission {
        case .done(let outcome):
            return outcome
        case .inHand(let id):
            if let outcome = finished.removeValue(forKey: id) { return outcome }
            return await withUnsafeContinuation { continuation in
                if pending[id] != nil {
                    pending[id]!.completion = { continuation.resume(returning: $0) }
                } else {
                    continuation.resume(returning: finished.removeValue(forKey: id) ?? .unavailable)
                }
            }
        }
    }

    /// Gives a request its outcome: to its submitter, or kept until the caller waits.
    private func resolve(_ id: UInt64, _ outcome: BackendOutcome) {
        guard let entry = pending.removeValue(forKey: id) else { return }
        inFlightGauge.record(pending.count)
        // Nothing left to sweep: an idle composer sleeps until the next request sets it again.
        if pending.isEmpty && unreachableWorkers.isEmpty { sweepAlarm.cancel() }
        if let completion = entry.completion {
            completion(outcome)
        } else {
            finished[id] = outcome
        }
    }

    /// Answers requests whose deadline has passed and hedges those held too long; sets the
    /// alarm for the next sweep while requests remain in hand.
    func sweep() {
        if !unreachableWorkers.isEmpty {
            let workers = unreachableWorkers
            unreachableWorkers = []
            for worker in workers { unreachable(worker) }
        }
        guard !pending.isEmpty else { return }
        let now = ContinuousClock.now
        for (id, request) in pending {
            if request.deadline <= now {
                expire(id)
            } else if let hedgeAt = request.hedgeAt, hedgeAt <= now {
                pending[id]?.hedgeAt = nil
                hedge(id)
            }
        }
        if !pending.isEmpty { sweepAlarm.set(at: now + Self.sweepInterval) }
    }

    /// Whether a request for `service` is worth queueing: a worker is registered, or one was
    /// within the liveness window (it may be restarting), or the composer itself just started.
    private func mayHaveWorkers(slot: Int?) -> Bool {
        if let slot, registry.workerCount(slot: slot) > 0 { return true }
        let now = ContinuousClock.now
        let last = max(slot.flatMap { registry.lastAlive(slot: $0) } ?? startedAt, startedAt)
        return now - last < settings.heartbeat.expiry
    }

    private func expire(_ id: UInt64) {
        guard let request = pending[id] else { return }
        _ = registry.dequeue(id, slot: request.slot)
        let outcome: BackendOutcome = registry.workerCount(slot: request.slot) == 0 ? .unavailable : .deadlineExceeded
        logger.warning(
            "request expired",
            metadata: [
                "service": "\(request.service)", "outcome": "\(outcome)", "requestId": "\(request.requestId ?? "-")",
            ])
        resolve(id, outcome)
    }

    /// Gives a request that is taking long to a second idle worker.
    private func hedge(_ id: UInt64) {
        guard let entry = pending[id], !registry.holders(of: id).isEmpty,
            let worker = registry.hedge(id, slot: entry.slot)
        else { return }
        logger.notice(
            "request slow; also sent to another worker",
            metadata: [
                "service": "\(entry.service)", "worker": "\(worker.id.hex)", "requestId": "\(entry.requestId ?? "-")",
            ])
        send(id, body: entry.body, to: worker)
    }

    /// Gives request `id` to `worker`, in the framing the worker asked for.
    private func send(_ id: UInt64, body: Data, to worker: WorkerRegistry.Worker) {
        transport.send(
            Majordomo.frames(to: worker.id, .request(client: Self.encode(id), body: body), framing: worker.framing))
    }

    private func dispatch(_ service: String) {
        dispatch(registry.slot(service))
    }

    private func dispatch(_ slot: Int) {
        while let (request, worker) = registry.nextAssignment(slot: slot) {
            guard let entry = pending[request] else {
                // Expired while queued: the worker has room again.
                registry.release(worker, request: request)
                continue
            }
            send(request, body: entry.body, to: worker)
        }
    }

    // MARK: worker messages

    /// Handles one message from the worker socket.
    func receive(_ frames: [Data]) {
        let now = ContinuousClock.now
        let worker: Data
        let message: Majordomo.WorkerMessage
        do {
            (worker, message) = try Majordomo.parseFromWorker(frames)
        } catch {
            logger.warning("dropped a malformed worker message", metadata: ["error": "\(error)"])
            if let id = frames.first, registry.isKnown(id) { disconnect(id, now: now, reason: "protocol violation") }
            return
        }
        switch message {
        case .ready(let service, let capacity, let framing):
            if registry.isKnown(worker) {
                disconnect(worker, now: now, reason: "READY from a registered worker")
                return
            }
            guard settings.services.contains(service) else {
                logger.warning(
                    "READY for an unknown service refused",
                    metadata: ["service": "\(service.prefix(64))", "worker": "\(worker.hex)"])
                transport.send(Majordomo.frames(to: worker, .disconnect))
                return
            }
            let granted = min(capacity, settings.maxWorkerCapacity)
            registry.register(worker, service: service, capacity: granted, framing: framing, now: now)
            publishGauges()
            logger.info(
                "worker registered",
                metadata: [
                    "service": "\(service)", "worker": "\(worker.hex)", "workers": "\(registry.workerCount(service))",
                    "capacity": "\(granted)", "framing": "\(framing)",
                ])
            dispatch(service)
        case .reply(let client, let body):
            // One lookup of the routing id; the worker's reference does the rest.
            guard let entry = registry.worker(worker) else {
                transport.send(Majordomo.frames(to: worker, .disconnect))
                return
            }
            entry.lastSeen = now
            let request = Self.decode(client)
            if !registry.release(entry, request: request) {
                logger.warning("reply for a request this worker did not hold", metadata: ["worker": "\(worker.hex)"])
            }
            if let request { resolve(request, .reply(body)) }
            // Still registered: the completion may have removed it.
            if entry.isRegistered { dispatch(entry.slot) }
        case .heartbeat:
            if registry.isKnown(worker) {
                registry.touch(worker, now: now)
            } else {
                // A worker of an earlier composer: ask it to register again.
                transport.send(Majordomo.frames(to: worker, .disconnect))
            }
        case .disconnect:
            remove(worker, now: now, reason: "worker disconnected")
        }
    }

    func disconnect(_ worker: Data, now: ContinuousClock.Instant, reason: String) {
        transport.send(Majordomo.frames(to: worker, .disconnect))
        remove(worker, now: now, reason: reason)
    }

    /// Drops a worker; the request it held goes back to the front of its service's queue.
    func remove(_ worker: Data, now: ContinuousClock.Instant, reason: String) {
        guard let service = registry.workers[worker]?.service else { return }
        let held = registry.remove(worker, now: now)
        defer { publishGauges() }
        // Requests it held go back to the front of the queue, unless another worker has them too.
        for request in held.reversed() where pending[request] != nil && registry.holders(of: request).isEmpty {
            logger.info(
                "re-dispatching a request the worker held",
                metadata: [
                    "service": "\(service)", "requestId": "\(pending[request]?.requestId ?? "-")",
                ])
            registry.enqueue(request, service: service, atFront: true)
        }
        logger.notice(
            "worker removed",
            metadata: [
                "service": "\(service)", "worker": "\(worker.hex)", "reason": "\(reason)",
                "workers": "\(registry.workerCount(service))",
            ])
        dispatch(service)
    }

    /// A message to `worker` could not be routed: its connection is gone (the process died or
    /// the network dropped it). Dropping it now, rather than after the liveness window, gets
    /// the request it held to another worker at once.
    func unreachable(_ worker: Data) {
        Counter(label: "report_unroutable_total").increment()
        remove(worker, now: .now, reason: "connection gone (unroutable)")
    }

    /// The worker socket could not route a message to `worker`. Told in the middle of a send
    /// (dispatch, hedge, beat), so dropped on the next sweep, which is due at once: a send never
    /// changes the tables the code that made it is walking.
    func noteUnreachable(_ worker: Data) {
        unreachableWorkers.append(worker)
        sweepAlarm.set(at: .now)
    }

    /// Bytes of a request number as a worker is given it (the MDP client address): seven, so
    /// that a packed head — `"MDPW01"`, the command and these — is 14 bytes, which a `Data`
    /// holds inline (a 15-byte one cost two allocations on each side of each message). Numbers
    /// count from 1; seven bytes last 2,000 years at a million requests a second.
    private static let clientBytes = 7

    private static func encode(_ request: UInt64) -> Data {
        withUnsafeBytes(of: request.bigEndian) { Data($0.dropFirst(8 - clientBytes)) }
    }

    private static func decode(_ client: Data) -> UInt64? {
        guard client.count == clientBytes else { return nil }
        return client.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension Data {
    /// Lower-case hex, for logs and `system.info`.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
