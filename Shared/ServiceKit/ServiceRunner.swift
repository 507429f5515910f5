import Logging
import ServiceLifecycle
import ZeroMQ

/// Runs a process's services until SIGTERM or SIGINT, then shuts down in order: services stop
/// gracefully (intake first, then the work in hand, within `shutdownBound`), the socket thread
/// closes every socket, and the context is terminated last.
public enum ServiceRunner {
    /// How long a graceful shutdown may take before the remaining services are cancelled.
    public static let shutdownBound: Duration = .seconds(10)

    public static func run(
        logger: Logger, _ makeServices: (SocketThread) async throws -> [any Service]
    ) async throws {
        // Large blocks (a 200 KB frame) are mapped on their own and go back to the system when
        // freed; the rest is trimmed after bursts (HeapTrimmer).
        HeapMemory.mapLargeBlocks(atLeast: 128 << 10)
        let context = try ZMQContext()
        let io = try SocketThread(context: context, logger: logger)
        do {
            let services = try await makeServices(io) + [HeapTrimmer(logger: logger)]
            var configuration = ServiceGroupConfiguration(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger)
            configuration.maximumGracefulShutdownDuration = shutdownBound
            let group = ServiceGroup(configuration: configuration)
            try await group.run()
        } catch {
            await io.stop()
            context.terminate()
            throw error
        }
        // Every socket is closed now; the replies they still hold go out (within their linger)
        // before the process exits.
        await io.stop()
        context.terminate()
        logger.info("stopped")
    }
}
