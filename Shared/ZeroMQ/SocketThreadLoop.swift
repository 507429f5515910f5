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

    /// At most this many rounds of queued commands and jobs run between two polls.
    static let commandRounds = 64

    let context: ZMQContext
    let mailbox: SocketThreadMailbox
    let executor: SocketThreadExecutor
    let logger: Logger
    /// The sockets, shared with the code this thread runs (see ``SocketTable``).
    private var table: SocketTable { mailbox.table }
    /// What `zmq_poll` watches: the eventfd, each socket, then each monitor; rebuilt when
    /// sockets open or close.
    private var items: [PollItem] = []
    private var polled: [Int] = []
    private var monitored: [Int] = []

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
            if table.itemsAreStale { rebuildItems() }
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
            table.flush()
            if !alarms.isEmpty {
                let now = ContinuousClock.now
                for alarm in alarms { alarm.fireIfDue(now: now) }
                table.flush()
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
                table.flush()
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
        polled = table.order.filter { table[$0]!.isPolled }
        for id in polled { items.append(PollItem(readable: table[id]!.socket)) }
        monitored = table.order.filter { table[$0]!.monitor != nil }
        for id in monitored { items.append(PollItem(readable: table[id]!.monitor!)) }
        table.itemsAreStale = false
    }

    private func receiveAvailable(from id: Int) {
        guard let entry = table[id] else { return }
        for _ in 0..<Self.receiveBatch {
            do {
                guard let frames = try entry.socket.receive(blocking: false) else { return }
                if let reader = entry.reader, let handle = entry.handle {
                    reader.received(frames, on: handle)
                    // The reader may have paused (or closed) the socket.
                    guard table[id]?.isPolled == true else { return }
                } else if entry.streams.messages.yield(frames) {
                    // At its limit: libzmq holds what comes next, then TCP pushes back.
                    table.setPaused(id, true)
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
                    var entry = SocketTable.Entry(socket: socket, streams: streams, monitor: monitor)
                    // Not read until its reader is installed.
                    entry.awaitsReader = spec.reader
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
        for done in waiting { done.resume() }
    }
}
