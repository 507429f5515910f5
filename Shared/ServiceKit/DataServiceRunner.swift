import ArgumentParser
import Logging
import ServiceLifecycle
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What every data service does at start: load its data (refusing to start, exit status 65,
/// if it is bad), set up CURVE and metrics, then serve as an MDP worker with reload on SIGHUP
/// until SIGTERM.
public enum DataServiceRunner {
    public static func run<Value: Sendable>(
        service: ServiceName, options: WorkerOptions, logger: Logger, dataPath: String,
        describe: @escaping @Sendable (Value) -> String,
        load: @escaping @Sendable () throws -> Value,
        methods: (ReloadableStore<Value>) -> MethodTable
    ) async throws {
        let started = ContinuousClock.now
        let store: ReloadableStore<Value>
        do {
            store = try ReloadableStore(logger: logger, describe: describe, load: load)
        } catch {
            logger.critical("cannot load the data", metadata: ["error": "\(error)"])
            StandardError.write("\(service)-service: \(error)\n")
            throw ExitCode(ExitStatus.dataError)
        }
        logger.info(
            "data loaded",
            metadata: [
                "path": "\(dataPath)", "summary": "\(describe(store.current))",
                "ms": .stringConvertible((ContinuousClock.now - started).milliseconds),
            ])
        let socketOptions: [SocketOption]
        do {
            socketOptions = try options.socketOptions()
        } catch {
            logger.critical("bad CURVE settings", metadata: ["error": "\(error)"])
            throw ExitCode(ExitStatus.noInput)
        }
        let readiness = Readiness()
        // The method names for the metrics' declarations; the table that serves is made after the
        // metrics are bootstrapped, since each method makes its metrics when registered.
        let methodNames = methods(store).methods
        let observability = options.observability.services(
            readiness: readiness,
            declaring: ServiceMetrics.declarations(methods: methodNames, composers: options.endpoints), logger: logger)
        var table = methods(store)
        table.accessLog = options.logging.accessLogIsOn
        try await ServiceRunner.run(logger: logger) { io in
            observability + [
                MajordomoWorker(
                    service: service.rawValue, endpoints: options.endpoints, io: io, methods: table,
                    heartbeat: options.heartbeat, socketOptions: socketOptions, readiness: readiness,
                    concurrency: options.concurrency, resolveInterval: .milliseconds(options.resolveInterval),
                    logger: logger),
                ReloadOnHangup(store: store),
            ]
        }
    }
}
