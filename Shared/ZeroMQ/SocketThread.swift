import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one thread of a process that owns ZeroMQ sockets. It creates every socket, waits on
/// their `ZMQ_FD`s and an eventfd (``ReadinessWait``), sends what other threads queue and hands
/// each received message to that socket's ``SocketReader`` or ``SocketMessages``. The rest of
/// the program holds only ``SocketHandle``s: messages cross threads, sockets never do.
public final class SocketThread: Sendable {
    let mailbox: SocketThreadMailbox
    /// Runs tasks and actors on this thread; see ``SocketThreadExecutor``.
    public let executor: SocketThreadExecutor

    /// Starts the thread. `context` must outlive it; call ``stop()`` before releasing the context.
    public init(context: ZMQContext, name: String = "zmq-io", logger: Logger) throws {
        let mailbox = try SocketThreadMailbox(logger: logger)
        self.mailbox = mailbox
        let executor = SocketThreadExecutor(mailbox: mailbox)
        self.executor = executor
        try PosixThread.start(name: name) {
            // SCHED_BATCH, and so are libzmq's I/O threads, which this thread starts (they
            // inherit it with its first socket): a thread the other wakes — a message in, a
            // message to send — waits until the one on its core blocks, instead of preempting
            // it and being preempted back. Interleaved rounds of the C load generator: c=1 p50
            // 420 → 332 µs, c=32 19,304 → 20,334 req/s (BENCHMARKS.md).
            do {
                try PosixThread.scheduleAsBatch()
            } catch {
                logger.debug("the socket thread keeps the default scheduling", metadata: ["error": "\(error)"])
            }
            var loop = SocketThreadLoop(context: context, mailbox: mailbox, executor: executor, logger: logger)
            loop.run()
        }
    }

    /// Opens a socket on the thread: sets its options, binds and connects. Throws the
    /// ``ZMQError`` of the first step that failed (the socket is then closed again).
    public func open(_ spec: SocketSpec) async throws -> SocketHandle {
        let id = mailbox.nextSocketNumber()
        let messageInput = MessageQueue(limit: spec.receiveLimit) { [weak mailbox] in
            mailbox?.post(.resumeReceiving(socket: id))
        }
        let (failures, failureInput) = AsyncStream.makeStream(
            of: SendFailure.self, bufferingPolicy: .bufferingNewest(1024))
        let (disconnects, disconnectInput) = AsyncStream.makeStream(
            of: Void.self, bufferingPolicy: .bufferingNewest(64))
        let streams = SocketStreams(messages: messageInput, failures: failureInput, disconnects: disconnectInput)
        let endpoints = try await withCheckedThrowingContinuation { reply in
            mailbox.post(.open(socket: id, spec: spec, streams: streams, reply: reply))
        }
        return SocketHandle(
            id: id, boundEndpoints: endpoints, messages: SocketMessages(queue: messageInput), sendFailures: failures,
            peerDisconnects: disconnects, mailbox: mailbox, executor: executor)
    }

    /// An alarm whose action runs on this thread; see ``SocketThreadAlarm``.
    public func makeAlarm() -> SocketThreadAlarm {
        mailbox.makeAlarm()
    }

    /// Closes every socket (each with its linger set) and ends the thread. Later opens fail.
    public func stop() async {
        await withCheckedContinuation { done in mailbox.post(.stop(done: done)) }
    }

    /// Messages the thread could not send: a peer at its high-water mark, or a ROUTER peer that
    /// is gone. Each one is also on its socket's ``SocketHandle/sendFailures``.
    public var failedSends: Int { mailbox.table.failedSends.load(ordering: .relaxed) }
}
