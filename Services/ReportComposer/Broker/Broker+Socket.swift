import ZeroMQ

/// The broker on its worker socket: every message, failed send and closed connection the socket
/// reports, handled on the socket's thread.
extension Broker {
    /// Receives worker messages, beats and watches connections until cancelled.
    func run(on socket: SocketHandle) async {
        await withTaskExecutorPreference(socket.executor) { await self.serve(socket) }
    }

    /// Each loop runs isolated to the broker (its body is an actor method), so handling a
    /// message costs no executor switch.
    private func serve(_ socket: SocketHandle) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.receiveWorkerMessages(socket) }
            group.addTask { await self.heartbeatLoop() }
            group.addTask { await self.unroutableLoop(socket) }
            group.addTask { await self.disconnectLoop(socket) }
            await group.next()
            group.cancelAll()
        }
    }

    private func receiveWorkerMessages(_ socket: SocketHandle) async {
        for await frames in socket.messages { receive(frames) }
    }

    private func unroutableLoop(_ socket: SocketHandle) async {
        for await failure in socket.sendFailures where failure.reason == .unroutable {
            unreachable(failure.firstFrame)
        }
    }

    /// A connection closed: libzmq does not say whose, so probe every worker with a heartbeat;
    /// the one that is gone turns up as unroutable right away.
    private func disconnectLoop(_ socket: SocketHandle) async {
        for await _ in socket.peerDisconnects { probe() }
    }
}
