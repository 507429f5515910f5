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
    private struct Entry {
        let socket: Socket
        let streams: SocketStreams
        /// The PAIR socket reading this socket's monitor events, if it is monitored.
        var monitor: Socket?
        /// Whether the socket is polled for incoming messages.
        var receiving = true
        /// Not polled for now: its consumer has as much outstanding as its limit allows.
        var paused = false
    }

    /// At most this many messages are taken from one socket per wake-up, so that one busy
    /// socket cannot starve the others or the command queue.
    static let receiveBatch = 256

    /// At most this many rounds of queued commands and jobs run between two polls.
    static let commandRounds = 64

    let context: ZMQContext
    let mailbox: SocketThreadMailbox
    let executor: SocketThreadExecutor
    let logger: Logger
    private var entries: [Int: Entry] = [:]
    private var order: [Int] = []
    /// What `zmq_poll` watches: the eventfd, each socket, then each monitor; rebuilt when
    /// sockets open or close.
    private var items: [PollItem] = []
    private var polled: [Int] = []
    private var monitored: [Int] = []
    private var itemsAreStale = true

    init(context: ZMQContext, mailbox: SocketThreadMailbox, executor: SocketThreadExecutor, logger: Logger) {
        self.context = context
        self.mailbox = mailbox
        self.executor = executor
        self.logger = logger
    }

    /// Polls, receives, then runs what is queued (sends, opens, jobs), until stopped. While
    /// commands are queued the poll does not block, so jobs run as soon as the sockets are read.
    mutating func run() {
        mailbox.enterThread()
        var commands: [SocketCommand] = []
        while true {
            if itemsAreStale { rebuildItems() }
            let alarms = mailbox.alarms
            let sleeps = mailbox.prepareToSleep()
            do {
                try poll(&items, timeoutMilliseconds: sleeps ? Self.timeout(until: alarms) : 0)
            } catch {
                logger.critical("zmq_poll failed; the I/O thread stops", metadata: ["error": "\(error)"])
                shutDown(waiting: [])
                return
            }
            // Awake again before anything is received: handing a message to its consumer queues
            // a job from this thread, which must not write the eventfd to wake this very thread
            // (that cost a write, a read and one more poll per message).
            if sleeps { mailbox.wokeUp() }
            if items[0].isReadable { mailbox.drainWakeups() }
            for (index, id) in polled.enumerated() where items[index + 1].isReadable {
                receiveAvailable(from: id)
            }
            for (index, id) in monitored.enumerated() where items[polled.count + index + 1].isReadable {
                receiveMonitorEvents(from: id)
            }
            if !alarms.isEmpty {
                let now = ContinuousClock.now
                for alarm in alarms { alarm.fireIfDue(now: now) }
            }
            // Jobs queue further jobs (a message resumes a task, which starts another and
            // queues a send): run rounds until the queue is empty, so that one message costs one
            // poll, not one per hop. The bound keeps the sockets polled under any load.
            for _ in 0..<Self.commandRounds {
                mailbox.takeAll(into: &commands)
                if commands.isEmpty { break }
                for command in commands {
                    if case .stop(let done) = command {
                        shutDown(waiting: [done], unrun: commands)
                        return
                    }
                    execute(command)
                }
                commands.removeAll(keepingCapacity: true)
            }
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
        items.removeAll(keepingCapacity: true)
        items.append(PollItem(readable: mailbox.wakeFD))
        polled = order.filter { entries[$0]!.receiving && !entries[$0]!.paused }
        for id in polled { items.append(PollItem(readable: entries[id]!.socket)) }
        monitored = order.filter { entries[$0]!.monitor != nil }
        for id in monitored { items.append(PollItem(readable: entries[id]!.monitor!)) }
        itemsAreStale = false
    }

    private mutating func receiveAvailable(from id: Int) {
        guard let entry = entries[id] else { return }
        for _ in 0..<Self.receiveBatch {
            do {
                guard let frames = try entry.socket.receive(blocking: false) else { return }
                if entry.streams.messages.yield(frames) {
                    // At its limit: libzmq holds what comes next, then TCP pushes back.
                    entries[id]!.paused = true
                    itemsAreStale = true
                    return
                }
            } catch {
                logger.error("receive failed", metadata: ["socket": "\(id)", "error": "\(error)"])
                return
            }
        }
    }

    /// Reads monitor events: each `ZMQ_EVENT_DISCONNECTED` becomes one `peerDisconnects` element.
    private func receiveMonitorEvents(from id: Int) {
        guard let entry = entries[id], let monitor = entry.monitor else { return }
        while let frames = try? monitor.receive(blocking: false) {
            if MonitorEvent.number(in: frames) == ZMQ_EVENT_DISCONNECTED { entry.streams.disconnects.yield() }
        }
    }

    private func close(_ entry: Entry) {
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
                    entries[id] = Entry(socket: socket, streams: streams, monitor: monitor)
                    order.append(id)
                    itemsAreStale = true
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
            guard let entry = entries[id] else {
                fail(nil, id, .failed(ZMQError(operation: "zmq_msg_send", code: ENOTSOCK)), frames: frames)
                return
            }
            do {
                if try entry.socket.send(frames, blocking: false) == .wouldBlock {
                    fail(entry, id, .queueFull, frames: frames)
                }
            } catch let error as ZMQError where error.isHostUnreachable {
                fail(entry, id, .unroutable, frames: frames)
            } catch let error as ZMQError {
                fail(entry, id, .failed(error), frames: frames)
            } catch {
                fail(entry, id, .failed(ZMQError(operation: "zmq_msg_send", code: EINVAL)), frames: frames)
            }
        case .close(let id):
            guard let entry = entries.removeValue(forKey: id) else { return }
            order.removeAll { $0 == id }
            itemsAreStale = true
            close(entry)
        case .stopReceiving(let id):
            guard entries[id]?.receiving == true else { return }
            entries[id]!.receiving = false
            entries[id]!.streams.messages.finish()
            itemsAreStale = true
        case .resumeReceiving(let id):
            guard entries[id]?.paused == true else { return }
            entries[id]!.paused = false
            itemsAreStale = true
        case .run(let job):
            executor.run(job)
        case .stop:
            break
        }
    }

    private func fail(_ entry: Entry?, _ id: Int, _ reason: SendFailure.Reason, frames: [Data]) {
        mailbox.failedSends.add(1, ordering: .relaxed)
        // Counted, and handed to the socket's owner, which knows whom it concerns and logs it
        // at a rate it chooses: a peer that provokes failures must not flood the log.
        logger.debug(
            "message not sent",
            metadata: [
                "socket": "\(id)", "reason": "\(reason)", "frames": "\(frames.count)",
            ])
        entry?.streams.failures.yield(SendFailure(firstFrame: frames.first ?? Data(), reason: reason))
    }

    /// Closes every socket and answers what is still queued: `unrun` (the batch being run when
    /// the stop came) and whatever arrived after it. Later jobs run off the thread, one at a time.
    private mutating func shutDown(waiting: [CheckedContinuation<Void, Never>], unrun: [SocketCommand] = []) {
        var waiting = waiting
        let stop = unrun.firstIndex { if case .stop = $0 { true } else { false } }
        let rest = stop.map { Array(unrun[($0 + 1)...]) } ?? []
        for command in rest + mailbox.markStopped() {
            switch command {
            case .stop(let done): waiting.append(done)
            case .open(_, _, let streams, let reply):
                streams.finish()
                reply.resume(throwing: ZMQError(operation: "open socket", code: ECANCELED))
            case .run, .send, .close, .stopReceiving, .resumeReceiving: mailbox.answerAfterStop(command)
            }
        }
        for id in order {
            if let entry = entries[id] { close(entry) }
        }
        entries = [:]
        order = []
        for done in waiting { done.resume() }
    }
}
