import CZeroMQ
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The I/O thread's own state. It is created on that thread and never leaves it, which is what
/// makes its non-Sendable sockets safe to use.
struct SocketThreadLoop {
    /// At most this many messages are taken from one socket per wake-up, so that one busy
    /// socket cannot starve the others or the command queue.
    static let receiveBatch = 256
    /// …and for at most this long: messages that each take long to handle (a flood of large
    /// ones) must not keep the other sockets — a composer's replies from its workers — waiting
    /// for the whole batch (256 messages of 2 ms held a worker's reply for half a second).
    static let receiveBatchDuration: Duration = .milliseconds(1)

    /// What the messages read from a socket caused is sent once they have taken this long to
    /// handle, and after the socket's turn, not only at the end of the pass. Holding a whole
    /// pass's sends moved the requests as a convoy: at 32 in flight the composer read and
    /// rendered a burst while its services (and its client) waited for what it had not sent
    /// yet, and the two cores were 30 % idle. Sending after each message woke libzmq's I/O
    /// thread for each. A count of messages (every 4 served best) held the quick ones (a
    /// request passed on to a service) as long as the slow ones (a report rendered); a time
    /// batches the quick ones and still sends each report soon (interleaved rounds, C load
    /// generator, see BENCHMARKS.md).
    static let sendAfter: Duration = .microseconds(80)

    /// At most this many rounds of queued commands and jobs run between two polls.
    static let commandRounds = 64

    let context: ZMQContext
    let mailbox: SocketThreadMailbox
    let executor: SocketThreadExecutor
    let logger: Logger
    /// The sockets, shared with the code this thread runs (see ``SocketTable``).
    private var table: SocketTable { mailbox.table }
    /// What the thread sleeps on: the eventfd, each polled socket's `ZMQ_FD`, then each
    /// monitor's; rebuilt when sockets open, close, pause or resume.
    private var readiness = ReadinessWait()
    /// Per polled socket, then per monitor: may have input not yet read (its ZMQ_FD fired, it was
    /// sent on, or it is new), so it is read before the thread sleeps.
    private var unread: [Bool] = []
    private var polled: [Int] = []
    private var monitored: [Int] = []
    /// The frames this thread's sockets sent uncopied, handed back by libzmq to be released here.
    private let sentFrames = SentFrameReturn()

    init(context: ZMQContext, mailbox: SocketThreadMailbox, executor: SocketThreadExecutor, logger: Logger) {
        self.context = context
        self.mailbox = mailbox
        self.executor = executor
        self.logger = logger
    }

    /// Reads every socket that has input, runs the alarms that are due and what is queued
    /// (sends, opens, jobs), and sleeps in `poll(2)` only after a pass that found nothing to do,
    /// until stopped. A socket is read when its `ZMQ_FD` fired or it was sent on, until `EAGAIN`
    /// (see ``ReadinessWait``).
    mutating func run() {
        mailbox.enterThread()
        var commands: [SocketCommand] = []
        var idle = false
        while true {
            sentFrames.releaseReturned()
            if table.itemsAreStale { rebuildItems() }
            let alarms = mailbox.alarms
            if idle, mailbox.prepareToSleep() {
                do {
                    try readiness.wait(timeoutMilliseconds: Self.timeout(until: alarms))
                } catch {
                    logger.critical("poll failed; the I/O thread stops", metadata: ["error": "\(error)"])
                    shutDown(waiting: [])
                    return
                }
                // Awake again before anything is received: handing a message to its consumer
                // queues a job from this thread, which must not write the eventfd to wake this
                // very thread (that cost a write, a read and one more poll per message).
                mailbox.wokeUp()
                if readiness.isReadable(0) { mailbox.drainWakeups() }
                for index in unread.indices where readiness.isReadable(index + 1) { unread[index] = true }
            }
            idle = true
            var turnEnded = false
            for (index, id) in polled.enumerated() where unread[index] {
                // Read until EAGAIN: from then on its ZMQ_FD signals the next message.
                unread[index] = !receiveAvailable(from: id)
                table.flush()
                turnEnded = turnEnded || unread[index]
                idle = false
            }
            // A socket still has input (its turn ended first): the thread will not sleep, so ask
            // now, without waiting, which other sockets have input too — otherwise they would not
            // be read until this one is drained.
            if turnEnded, (try? readiness.wait(timeoutMilliseconds: 0)) != nil {
                for index in unread.indices where readiness.isReadable(index + 1) { unread[index] = true }
            }
            for (index, id) in monitored.enumerated() where unread[polled.count + index] {
                receiveMonitorEvents(from: id)
                unread[polled.count + index] = false
                idle = false
            }
            if table.flush() { idle = false }
            if !alarms.isEmpty {
                let now = ContinuousClock.now
                for alarm in alarms where alarm.fireIfDue(now: now) { idle = false }
                if table.flush() { idle = false }
            }
            // Jobs queue further jobs (a message resumes a task, which starts another and
            // queues a send): run rounds until the queue is empty, so that one message costs one
            // pass, not one per hop. The bound keeps the sockets read under any load.
            for _ in 0..<Self.commandRounds {
                mailbox.takeAll(into: &commands)
                if commands.isEmpty { break }
                idle = false
                for command in commands {
                    if case .stop(let done) = command {
                        shutDown(waiting: [done], unrun: commands)
                        return
                    }
                    execute(command)
                }
                table.flush()
                commands.removeAll(keepingCapacity: true)
            }
            // A socket sent on may hold input its ZMQ_FD will not signal: read it again first.
            for id in table.sentOn {
                if let index = polled.firstIndex(of: id) {
                    unread[index] = true
                    idle = false
                }
            }
            table.clearSentOn()
        }
    }

    /// Milliseconds until the earliest alarm, rounded up (an alarm never goes off early); -1 for
    /// none.
    static func timeout(until alarms: [SocketThreadAlarm]) -> Int {
        var earliest: ContinuousClock.Instant?
        for alarm in alarms {
            if let due = alarm.due, earliest.map({ due < $0 }) ?? true { earliest = due }
        }
        guard let earliest else { return -1 }
        let wait = earliest - ContinuousClock.now
        guard wait > .zero else { return 0 }
        return Int(min(wait.millisecondsRoundedUp, Int64(Int32.max)))
    }

    private mutating func rebuildItems() {
        polled = table.order.filter { table[$0]!.isPolled }
        monitored = table.order.filter { table[$0]!.monitor != nil }
        var fds = [mailbox.wakeFD]
        // One descriptor per socket, in order (-1, which poll ignores, if libzmq gives none).
        for id in polled { fds.append((try? table[id]!.socket.fileDescriptor()) ?? -1) }
        for id in monitored { fds.append((try? table[id]!.monitor!.fileDescriptor()) ?? -1) }
        readiness.reset(fds)
        // Each is read once before the thread sleeps on its ZMQ_FD.
        unread = Array(repeating: true, count: polled.count + monitored.count)
        table.itemsAreStale = false
    }

    /// Receives what the socket has, up to ``receiveBatch`` messages; `true` once it said EAGAIN
    /// (or cannot be read now), `false` if it may have more.
    private func receiveAvailable(from id: Int) -> Bool {
        guard let entry = table[id], entry.isPolled else { return true }
        // What it could not send goes first; until it has, its peer waits (its ZMQ_FD fires
        // when the socket can take more).
        guard entry.unsent.isEmpty || table.sendUnsent(id) else { return true }
        let start = ContinuousClock.now
        let deadline = start + Self.receiveBatchDuration
        var lastSent = start
        for number in 0..<Self.receiveBatch {
            let now = number == 0 ? start : ContinuousClock.now
            if number > 0, now - lastSent >= Self.sendAfter {
                table.flush()
                lastSent = now
                // It could not take all of its replies: it is not read until it has.
                guard entry.unsent.isEmpty else { return true }
            }
            // Its turn is over: the loop reads the other sockets, then this one again.
            guard now < deadline else { return false }
            do {
                guard let frames = try entry.socket.receive(blocking: false) else { return true }
                if let reader = entry.reader, let handle = entry.handle {
                    reader.received(frames, on: handle)
                    // The reader may have paused (or closed) the socket.
                    guard table[id]?.isPolled == true else { return true }
                } else if entry.streams.messages.yield(frames) {
                    // At its limit: libzmq holds what comes next, then TCP pushes back.
                    table.setPaused(id, true)
                    return true
                }
            } catch {
                logger.error("receive failed", metadata: ["socket": .stringConvertible(id), "error": "\(error)"])
                return true
            }
        }
        return false
    }

    /// Reads monitor events: each `ZMQ_EVENT_DISCONNECTED` becomes one `peerDisconnects` element.
    private func receiveMonitorEvents(from id: Int) {
        guard let entry = table[id], let monitor = entry.monitor else { return }
        while let frames = try? monitor.receive(blocking: false) {
            guard MonitorEvent.number(in: frames) == ZMQ_EVENT_DISCONNECTED else { continue }
            if let reader = entry.reader, let handle = entry.handle {
                reader.peerDisconnected(on: handle)
            } else {
                entry.streams.disconnects.yield()
            }
        }
    }

    private func close(_ entry: SocketTable.Entry) {
        if let monitor = entry.monitor {
            try? entry.socket.monitor(nil, events: 0)
            monitor.close()
        }
        entry.socket.close()
        entry.streams.finish()
    }

    private mutating func execute(_ command: SocketCommand) {
        switch command {
        case .open(let id, let spec, let streams, let reply):
            do {
                let socket = try Socket(context: context, type: spec.type)
                socket.sentFrameReturn = sentFrames
                do {
                    for option in spec.options { try socket.set(option) }
                    var bound: [String] = []
                    for endpoint in spec.bind {
                        try socket.bind(endpoint)
                        bound.append(try socket.lastEndpoint())
                    }
                    for endpoint in spec.connect { try socket.connect(endpoint) }
                    var monitor: Socket?
                    if spec.monitorDisconnects {
                        let endpoint = "inproc://socket-monitor-\(id)-\(UInt64.random(in: 0...UInt64.max))"
                        try socket.monitor(endpoint, events: ZMQ_EVENT_DISCONNECTED)
                        let pair = try Socket(context: context, type: .pair)
                        try pair.connect(endpoint)
                        monitor = pair
                    }
                    let entry = SocketTable.Entry(socket: socket, streams: streams, monitor: monitor)
                    // Not read until its reader is installed.
                    entry.awaitsReader = spec.reader
                    entry.keepsUnsent = spec.keepsUnsent
                    table.add(id, entry)
                    reply.resume(returning: bound)
                } catch {
                    socket.close()
                    throw error
                }
            } catch {
                streams.finish()
                reply.resume(throwing: error)
            }
        case .send(let id, let frames):
            // After what code on the thread queued before it, as one stream of sends.
            table.enqueue(frames, on: id)
        case .close(let id):
            table.flush()
            if let entry = table.remove(id) { close(entry) }
        case .stopReceiving(let id):
            table.stopReceiving(id)
        case .pauseReceiving(let id):
            table.setPaused(id, true)
        case .resumeReceiving(let id):
            table.setPaused(id, false)
        case .startReading(let id, let reader, let handle):
            table.startReading(id, with: reader, handle: handle)
        case .run(let job):
            executor.run(job)
        case .stop:
            break
        }
    }

    /// Closes every socket and answers what is still queued: `unrun` (the batch being run when
    /// the stop came) and whatever arrived after it. Later jobs run off the thread, one at a time.
    private mutating func shutDown(waiting: [CheckedContinuation<Void, Never>], unrun: [SocketCommand] = []) {
        var waiting = waiting
        // What is queued still goes out, within each socket's linger.
        table.flush()
        let stop = unrun.firstIndex { if case .stop = $0 { true } else { false } }
        let rest = stop.map { Array(unrun[($0 + 1)...]) } ?? []
        for command in rest + mailbox.markStopped() {
            switch command {
            case .stop(let done): waiting.append(done)
            case .open(_, _, let streams, let reply):
                streams.finish()
                reply.resume(throwing: ZMQError(operation: "open socket", code: ECANCELED))
            case .run, .send, .close, .stopReceiving, .pauseReceiving, .resumeReceiving, .startReading:
                mailbox.answerAfterStop(command)
            }
        }
        for entry in table.removeAll() { close(entry) }
        // What libzmq frees from now on (lingering messages, at the context's end) is released
        // where it is freed.
        sentFrames.close()
        for done in waiting { done.resume() }
    }
}
