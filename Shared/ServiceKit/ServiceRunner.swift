import Logging
import ServiceLifecycle
import ZeroMQ

/// Runs a process's services until SIGTERM or SIGINT, then shuts down in order: services stop
/// gracefully, the socket thread closes every socket, and the context is terminated last.
public enum ServiceRunner {
    public static func run(
        logger: Logger, _ makeServices: (SocketThread) async throws -> [any Service]
    ) async throws {
        let context = try ZMQContext()
        let io = try SocketThread(context: context, logger: logger)
        do {
            let services = try await makeServices(io)
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0) },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
        } catch {
            await io.stop()
            throw error
        }
        await io.stop()
        logger.info("stopped")
        withExtendedLifetime(context) {}
    }
}
