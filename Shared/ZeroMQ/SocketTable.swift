import CZeroMQ
import Logging
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The I/O thread's sockets, by number. Only that thread touches it: the loop, and code the loop
/// runs (a ``SocketReader``, a job of the thread's executor) through
/// ``SocketThreadMailbox/tableIfOnThread``, which hands it out on that thread alone. That is
/// what makes its non-Sendable sockets safe, and lets a reader send without a queued command.
final class SocketTable: @unchecked Sendable {
    /// One socket's state: a reference, so that reading it for every message (the loop, each
    /// send) takes one reference count, not one per member.
    final class Entry {
        let socket: Socket
        let streams: SocketStreams
        /// The PAIR socket reading this socket's monitor events, if it is monitored.
        var monitor: Socket?
        /// Whether the socket is polled for incoming messages.
        var receiving = true
        /// Not polled for now: its consumer has as much outstanding as its limit allows.
        var paused = false
        /// Handles its messages on the thread, once installed.
        var reader: (any SocketReader)?
        var handle: SocketHandle?
        /// Opened for a reader (``SocketSpec/reader``) that is not installed yet: not read, so
        /// that no message goes to the ``SocketMessages`` nobody will take it from.
        var awaitsReader = false
        /// Keeps what it cannot send now (``SocketSpec/keepsUnsent``), in ``unsent``.
        var keepsUnsent = false
        /// Messages kept because the socket could not take them; it is not read while any are.
        var unsent: [[Data]] = []

        var isPolled: Bool { receiving && !paused && !(awaitsReader && reader == nil) }

        init(socket: Socket, streams: SocketStreams, monitor: Socket?) {
            self.socket = socket
            self.streams = streams
            self.monitor = monitor
        }
    }

    private(set) var entries: [Int: Entry] = [:]
    private(set) var order: [Int] = []
    /// Set when the polled set changes; the loop rebuilds its poll items.
    var itemsAreStale = true
    /// Messages not sent, counted; the one field read from other threads.
    let failedSends = Atomic<Int>(0)
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    subscript(id: Int) -> Entry? { entries[id] }

    func add(_ id: Int, _ entry: Entry) {
        entries[id] = entry
        order.append(id)
        itemsAreStale = true
    }

    func remove(_ id: Int) -> Entry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        failedSends.add(entry.unsent.count, ordering: .relaxed)
        order.removeAll { $0 == id }
        itemsAreStale = true
        return entry
    }

    func removeAll() -> [Entry] {
        defer {
            entries = [:]
            order = []
        }
        return order.compactMap { entries[$0] }
    }

    /// Pauses or resumes polling a socket for messages; `false` if nothing changed.
    @discardableResult
    func setPaused(_ id: Int, _ paused: Bool) -> Bool {
        guard let entry = entries[id], entry.paused != paused else { return false }
        entry.paused = paused
        itemsAreStale = true
        return true
    }

    func stopReceiving(_ id: Int) {
        guard let entry = entries[id], entry.receiving else { return }
        entry.receiving = false
        entry.streams.messages.finish()
        itemsAreStale = true
    }

    func startReading(_ id: Int, with reader: any SocketReader, handle: SocketHandle) {
        guard let entry = entries[id] else { return }
        entry.reader = reader
        entry.handle = handle
        itemsAreStale = true
    }

    /// Messages sent from code the loop runs, in order, until the loop flushes them (after
    /// each phase: the sockets read, the alarms, each round of commands; always before it
    /// polls). A burst of replies then reaches libzmq back to back, and its I/O thread is woken
    /// once for the burst, not once per message — like a SwiftNIO write before its flush.
    private var outbox: [(socket: Int, frames: [Data])] = []

    /// Forgets ``sentOn`` (the loop has taken note).
    func clearSentOn() {
        sentOn.removeAll(keepingCapacity: true)
    }

    /// Queues one message until the loop's next flush.
    func enqueue(_ frames: [Data], on id: Int) {
        outbox.append((id, frames))
    }

    /// Sockets sent on by the last ``flush()``: a send may run a socket's pending commands and
    /// so take the signal its `ZMQ_FD` would have given for input, so the loop reads them again
    /// before it sleeps.
    private(set) var sentOn: [Int] = []

    /// Sends what is queued, in order; whether there was anything.
    @discardableResult
    func flush() -> Bool {
        guard !outbox.isEmpty else { return false }
        for (id, _) in outbox where !sentOn.contains(id) { sentOn.append(id) }
        var sending: [(socket: Int, frames: [Data])] = []
        // A failure handler may send again: that goes into the fresh outbox, for the next flush.
        swap(&sending, &outbox)
        for (id, frames) in sending { send(frames, on: id) }
        sending.removeAll(keepingCapacity: true)
        if outbox.isEmpty { swap(&sending, &outbox) }
        return true
    }

    /// Sends one message now, without blocking. A message the socket cannot take is kept if it
    /// keeps what it cannot send (``SocketSpec/keepsUnsent``), else counted and handed to its
    /// reader, or its failures stream.
    func send(_ frames: [Data], on id: Int) {
        guard let entry = entries[id] else {
            fail(nil, id, .failed(ZMQError(operation: "zmq_msg_send", code: ENOTSOCK)), frames: frames)
            return
        }
        // Behind what it kept, in order (only a socket that keeps what it cannot send has any).
        if !entry.unsent.isEmpty {
            entry.unsent.append(frames)
            return
        }
        if !trySend(frames, entry: entry, id: id) { entry.unsent.append(frames) }
    }

    /// Sends what the socket kept, in order, as far as it takes them; `true` once all are gone.
    func sendUnsent(_ id: Int) -> Bool {
        guard let entry = entries[id] else { return true }
        var sent = 0
        for frames in entry.unsent {
            guard trySend(frames, entry: entry, id: id) else { break }
            sent += 1
        }
        entry.unsent.removeFirst(sent)
        return entry.unsent.isEmpty
    }

    /// Sends one message now; `false` only if the socket keeps what it cannot take and could
    /// not take this one (any other failure is counted and reported).
    private func trySend(_ frames: [Data], entry: Entry, id: Int) -> Bool {
        do {
            if try entry.socket.send(frames, blocking: false) == .wouldBlock {
                if entry.keepsUnsent { return false }
                fail(entry, id, .queueFull, frames: frames)
            }
        } catch let error as ZMQError where error.isHostUnreachable {
            fail(entry, id, .unroutable, frames: frames)
        } catch let error as ZMQError {
            fail(entry, id, .failed(error), frames: frames)
        } catch {
            fail(entry, id, .failed(ZMQError(operation: "zmq_msg_send", code: EINVAL)), frames: frames)
        }
        return true
    }

    private func fail(_ entry: Entry?, _ id: Int, _ reason: SendFailure.Reason, frames: [Data]) {
        failedSends.add(1, ordering: .relaxed)
        // Counted, and handed to the socket's owner, which knows whom it concerns and logs it
        // at a rate it chooses: a peer that provokes failures must not flood the log.
        logger.debug(
            "message not sent",
            metadata: [
                "socket": .stringConvertible(id), "reason": "\(reason)", "frames": .stringConvertible(frames.count),
            ])
        let failure = SendFailure(firstFrame: frames.first ?? Data(), reason: reason)
        if let entry, let reader = entry.reader, let handle = entry.handle {
            reader.sendFailed(failure, on: handle)
        } else {
            entry?.streams.failures.yield(failure)
        }
    }
}
