import CZeroMQ
import Foundation
import Logging

/// The I/O thread's own state. It is created on that thread and never leaves it, which is what
/// makes its non-Sendable sockets safe to use.
struct SocketThreadLoop {
    private struct Entry {
        let socket: Socket
        let streams: SocketStreams
        /// The PAIR socket reading this socket's monitor events, if it is monitored.
        var monitor: Socket?
    }

    /// At most this many messages are taken from one socket per wake-up, so that one busy
    /// socket cannot starve the others or the command queue.
    static let receiveBatch = 256

    let context: ZMQContext
    let mailbox: SocketThreadMailbox
    let logger: Logger
    private var entries: [Int: Entry] = [:]
    private var order: [Int] = []

    init(context: ZMQContext, mailbox: SocketThreadMailbox, logger: Logger) {
        self.context = context
        self.mailbox = mailbox
        self.logger = logger
    }

    mutating func run() {
        var items: [PollItem] = []
        while true {
            items.removeAll(keepingCapacity: true)
            items.append(PollItem(readable: mailbox.wakeFD))
            for id in order { items.append(PollItem(readable: entries[id]!.socket)) }
            let monitored = order.filter { entries[$0]!.monitor != nil }
            for id in monitored { items.append(PollItem(readable: entries[id]!.monitor!)) }
            do {
                try poll(&items, timeoutMilliseconds: -1)
            } catch {
                logger.critical("zmq_poll failed; the I/O thread stops", metadata: ["error": "\(error)"])
                shutDown(waiting: [])
                return
            }
            if items[0].isReadable { mailbox.drainWakeups() }
            for (index, id) in order.enumerated() where items[index + 1].isReadable {
                receiveAvailable(from: id)
            }
            for (index, id) in monitored.enumerated() where items[order.count + index + 1].isReadable {
                receiveMonitorEvents(from: id)
            }
            for command in mailbox.takeAll() {
                if case .stop(let done) = command {
                    shutDown(waiting: [done])
                    return
                }
                execute(command)
            }
        }
    }

    private func receiveAvailable(from id: Int) {
        guard let entry = entries[id] else { return }
        for _ in 0..<Self.receiveBatch {
            do {
                guard let frames = try entry.socket.receive(blocking: false) else { return }
                entry.streams.messages.yield(frames)
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
            guard frames.count == 2, frames[0].count >= 2 else { continue }
            let event = UInt16(frames[0][frames[0].startIndex]) | UInt16(frames[0][frames[0].startIndex + 1]) << 8
            if Int32(event) == ZMQ_EVENT_DISCONNECTED { entry.streams.disconnects.yield() }
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
            close(entry)
        case .stop:
            break
        }
    }

    private func fail(_ entry: Entry?, _ id: Int, _ reason: SendFailure.Reason, frames: [Data]) {
        mailbox.failedSends.add(1, ordering: .relaxed)
        logger.warning("message not sent", metadata: [
            "socket": "\(id)", "reason": "\(reason)", "frames": "\(frames.count)",
        ])
        entry?.streams.failures.yield(SendFailure(firstFrame: frames.first ?? Data(), reason: reason))
    }

    private mutating func shutDown(waiting: [CheckedContinuation<Void, Never>]) {
        var waiting = waiting
        for command in mailbox.markStopped() {
            switch command {
            case .stop(let done): waiting.append(done)
            case .open(_, _, let streams, let reply):
                streams.finish()
                reply.resume(throwing: ZMQError(operation: "open socket", code: ECANCELED))
            case .send, .close: break
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
