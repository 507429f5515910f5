import ArgumentParser
import Foundation
import Logging
import ServiceKit
import ZeroMQ

/// The libzmq version, for `system.info`.
enum ZMQVersion {
    static var string: String { ZMQContext.libraryVersion }
}

@main
struct ComposerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-composer",
        abstract: "Assembles the Keihin special-zone report from the statistics and initiatives services.",
        discussion: """
            Binds two ZeroMQ ROUTER endpoints. Clients send JSON-RPC 2.0 requests (one JSON \
            object per frame) to the client endpoint: report.compose, report.sections, \
            system.ping, system.info, and statistics.* / initiatives.*, which are forwarded. \
            Services connect to the worker endpoint and register by name (RFC 7/MDP); start \
            more of them to add replicas. See Shared/Protocol/PROTOCOL.md.
            """)

    @Option(help: ArgumentHelp(
        "Endpoint for clients. Default: $REPORT_CLIENT_ENDPOINT or tcp://127.0.0.1:5555.", valueName: "endpoint"))
    var clientEndpoint: String?

    @Option(help: ArgumentHelp(
        "Endpoint services connect to. Default: $REPORT_WORKER_ENDPOINT or tcp://127.0.0.1:5556.", valueName: "endpoint"))
    var workerEndpoint: String?

    @Option(help: ArgumentHelp("Longest wait for the services per request (clients may ask for less).", valueName: "ms"))
    var timeout: Int = 3000

    @Option(help: ArgumentHelp("Milliseconds between MDP heartbeats.", valueName: "ms"))
    var heartbeatInterval: Int = 1000

    @Option(help: "Heartbeats a worker may miss before it is dropped and its request goes to another.")
    var liveness: Int = 3

    @Option(help: "Requests that may wait per service when every worker is busy; more are refused at once.")
    var maxQueue: Int = 1000

    @Option(help: ArgumentHelp(
        "A request a worker has held this long also goes to another idle worker; the first reply wins.",
        valueName: "ms"))
    var retryAfter: Int = 1000

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 ms") }
        guard heartbeatInterval >= 10 else { throw ValidationError("--heartbeat-interval must be at least 10 ms") }
        guard liveness >= 1 else { throw ValidationError("--liveness must be at least 1") }
        guard maxQueue >= 0 else { throw ValidationError("--max-queue must not be negative") }
        guard retryAfter >= 1 else { throw ValidationError("--retry-after must be at least 1 ms") }
    }

    func run() async throws {
        let logger = logging.bootstrap(label: "report-composer")
        let frame = try ReportFrame.builtIn()
        let clientAt = clientEndpoint ?? Environment.value("REPORT_CLIENT_ENDPOINT") ?? "tcp://127.0.0.1:5555"
        let workerAt = workerEndpoint ?? Environment.value("REPORT_WORKER_ENDPOINT") ?? "tcp://127.0.0.1:5556"
        let settings = Broker.Settings(
            heartbeat: HeartbeatSettings(interval: .milliseconds(heartbeatInterval), liveness: liveness),
            maxQueue: maxQueue, retryAfter: .milliseconds(retryAfter))
        do {
            try await ServiceRunner.run(logger: logger) { io in
                let workers = try await io.open(SocketSpec(
                    type: .router, bind: [workerAt],
                    options: [.linger(milliseconds: 0), .routerMandatory(true),
                              .sendHighWaterMark(100_000), .receiveHighWaterMark(100_000)],
                    monitorDisconnects: true))
                let clients = try await io.open(SocketSpec(
                    type: .router, bind: [clientAt],
                    options: [.linger(milliseconds: 500), .routerMandatory(true),
                              .sendHighWaterMark(100_000), .receiveHighWaterMark(100_000)]))
                logger.info("listening", metadata: [
                    "clients": "\(clients.boundEndpoints.joined(separator: ","))",
                    "workers": "\(workers.boundEndpoints.joined(separator: ","))",
                ])
                let broker = Broker(socket: workers, settings: settings, logger: logger)
                let router = MethodRouter(
                    broker: broker, frame: frame, timeout: .milliseconds(timeout),
                    endpoints: ["client": clients.boundEndpoints.first ?? clientAt,
                                "worker": workers.boundEndpoints.first ?? workerAt],
                    logger: logger)
                return [BrokerService(broker: broker), ClientFront(socket: clients, router: router, logger: logger)]
            }
        } catch let error as ZMQError {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(69)
        }
    }
}
