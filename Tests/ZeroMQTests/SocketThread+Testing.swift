import Logging

@testable import ZeroMQ

/// Runs `body` with a context and an I/O thread of its own, and stops the thread when `body`
/// returns or throws, so that a failing test does not leave a thread polling. `body` may stop
/// the thread itself; a second `stop` returns at once.
func withSocketThread<Result>(
    _ body: (ZMQContext, SocketThread) async throws -> Result
) async throws -> Result {
    let context = try ZMQContext()
    let io = try SocketThread(context: context, logger: Logger(label: "test"))
    do {
        let result = try await body(context, io)
        await io.stop()
        return result
    } catch {
        await io.stop()
        throw error
    }
}
