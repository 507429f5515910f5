import ArgumentParser
import Logging
import ServiceKit
import ServiceLifecycle
import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
            object per frame) to the client endpoint: \(MethodName.Report.compose) (formats \
            \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")); languages \
            \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", "))), \
            \(MethodName.Report.sections), \(MethodName.System.ping), \(MethodName.System.info), \
            \(MethodName.System.stats), and the methods of the services' namespaces \
            (\(ServiceName.allCases.flatMap(\.namespaces).map { $0 + ".*" }.joined(separator: ", "))), \
            which are forwarded; \(MethodName.RPC.discover) answers an OpenRPC document of them \
            all, with their params' and results' schemas. RFC 7 clients (MDPC01) may ask service \
            report, statistics or initiatives on the same endpoint. Services connect to the worker \
            endpoint and register by name (RFC 7/MDP); start more of them to add replicas. See \
            Shared/WireProtocol/PROTOCOL.md.
            """,
        version: ProjectVersion.description)

    @Option(
        help: ArgumentHelp(
            "Endpoint for clients. Default: $REPORT_CLIENT_ENDPOINT or tcp://127.0.0.1:5555.", valueName: "endpoint"))
    var clientEndpoint: String?

    @Option(
        help: ArgumentHelp(
            "Endpoint services connect to. Default: $REPORT_WORKER_ENDPOINT or tcp://127.0.0.1:5556.",
            valueName: "endpoint"))
    var workerEndpoint: String?

    @Option(
        help: ArgumentHelp("Longest wait for the services per request (clients may ask for less).", valueName: "ms"))
    var timeout: Int = 3000

    @Option(help: ArgumentHelp("Milliseconds between MDP heartbeats.", valueName: "ms"))
    var heartbeatInterval: Int = 1000

    @Option(help: "Heartbeats a worker may miss before it is dropped and its request goes to another.")
    var liveness: Int = 3

    @Option(help: "Requests that may wait per service when every worker is busy; more are refused at once.")
    var maxQueue: Int = 1000

    @Option(
        help: ArgumentHelp(
            "A request a worker has held this long also goes to another idle worker; the first reply wins.",
            valueName: "ms"))
    var retryAfter: Int = 1000

    @Option(
        help: ArgumentHelp(
            """
            Serve the client endpoint over CURVE with this secret key file. \
            Default: $REPORT_CLIENT_CURVE_SECRET, else systemd credential composer.key.
            """,
            valueName: "file"))
    var clientCurveSecret: String?

    @Option(
        help: ArgumentHelp(
            """
            Only clients whose public key is in this file (one Z85 key a line) or folder (*.pub) may connect. Default: \
            $REPORT_CLIENT_ALLOW, else systemd credential clients.allow.
            """,
            valueName: "path"))
    var clientAllow: String?

    @Option(
        help: ArgumentHelp(
            """
            Serve the worker endpoint over CURVE with this secret key file. \
            Default: $REPORT_WORKER_CURVE_SECRET, else systemd credential composer.key.
            """,
            valueName: "file"))
    var workerCurveSecret: String?

    @Option(
        help: ArgumentHelp(
            """
            Only services whose public key is in this file or folder may register. \
            Default: $REPORT_WORKER_ALLOW, else systemd credential workers.allow.
            """,
            valueName: "path"))
    var workerAllow: String?

    @Option(
        help: ArgumentHelp(
            "Largest message a client may send (ZMQ_MAXMSGSIZE); a larger one drops its connection.", valueName: "bytes"
        ))
    var maxMessageSize: Int = 1 << 20

    @Option(help: ArgumentHelp("Largest message a service may send.", valueName: "bytes"))
    var maxWorkerMessageSize: Int = 64 << 20

    @Option(
        help: """
            Requests one client (routing id) may have in flight, each entry of a batch counted; more are answered \
            -32002 at once.
            """)
    var maxInFlightPerClient: Int = 64

    @Option(
        help: """
            Replies waiting to be sent to one client that does not read them (ZMQ_SNDHWM); more are dropped and \
            counted (report_replies_dropped_total). Default: twice --max-in-flight-per-client, so that a client \
            within its cap that reads never loses one.
            """)
    var maxUnsentReplies: Int?

    @Option(
        help: """
            Messages one client may have queued in libzmq before TCP pushes back on it (ZMQ_RCVHWM, per client).
            """)
    var maxQueuedPerClient: Int = 32

    @Option(
        help: ArgumentHelp(
            """
            The kernel's receive buffer per client connection (ZMQ_RCVBUF): what a client can have sent that the \
            composer has not taken yet, beyond --max-queued-per-client.
            """, valueName: "bytes"))
    var clientReceiveBuffer: Int = 16 << 10

    @Option(
        help: ArgumentHelp(
            """
            The kernel's send buffer per client connection (ZMQ_SNDBUF): how much of the replies to a client that \
            does not read can be on their way, beyond --max-unsent-replies.
            """, valueName: "bytes"))
    var clientSendBuffer: Int = 256 << 10

    @Option(
        help: """
            Client messages received and not yet answered, all clients together; past it the composer stops \
            reading the client endpoint until it catches up.
            """)
    var maxReceivedMessages: Int = 64

    @Option(
        help: ArgumentHelp(
            "Bytes of client messages received and not yet answered, all clients together (as above).",
            valueName: "bytes"))
    var maxReceivedBytes: Int = 2 << 20

    @Option(help: "Deepest JSON nesting a request may have.")
    var maxJSONDepth: Int = 32

    @Option(help: ArgumentHelp("Longest JSON string in a request.", valueName: "bytes"))
    var maxJSONString: Int = 256 * 1024

    @Option(help: "Most entries in one JSON array or object of a request (a batch included).")
    var maxJSONEntries: Int = 10_000

    @Option(help: "Most frames in a client message (routing id, delimiter, body); more are dropped.")
    var maxFrames: Int = 8

    @Option(help: "Service names workers may register as (comma-separated).")
    var services: String = ServiceName.allCases.map(\.rawValue).joined(separator: ",")

    @Option(
        help: ArgumentHelp(
            """
            Measure what one report costs without messaging — read these two saved service replies \
            (statistics.industryStructure and initiatives.catalogue responses), assemble, render Markdown, encode — \
            print the timings and exit.
            """,
            valueName: "statistics.json,catalogue.json"))
    var measureWork: String?

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var observability: ObservabilityOptions

    /// The endpoints to bind: the flags, else the environment, else the defaults.
    private var clientEndpointToBind: String {
        clientEndpoint ?? Environment.value("REPORT_CLIENT_ENDPOINT") ?? "tcp://127.0.0.1:5555"
    }
    private var workerEndpointToBind: String {
        workerEndpoint ?? Environment.value("REPORT_WORKER_ENDPOINT") ?? "tcp://127.0.0.1:5556"
    }

    func validate() throws {
        // Before anything else, and before any warning about where an endpoint is open.
        if let problem = EndpointSyntax.problem(in: [clientEndpointToBind, workerEndpointToBind]) {
            throw ValidationError("malformed endpoint: \(problem)")
        }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 ms") }
        guard heartbeatInterval >= 10 else { throw ValidationError("--heartbeat-interval must be at least 10 ms") }
        guard liveness >= 1 else { throw ValidationError("--liveness must be at least 1") }
        guard maxQueue >= 0 else { throw ValidationError("--max-queue must not be negative") }
        guard retryAfter >= 1 else { throw ValidationError("--retry-after must be at least 1 ms") }
        guard maxMessageSize >= 1024, maxWorkerMessageSize >= 1024 else {
            throw ValidationError("message size limits must be at least 1024 bytes")
        }
        guard maxInFlightPerClient >= 1 else { throw ValidationError("--max-in-flight-per-client must be at least 1") }
        guard (maxUnsentReplies ?? 1) >= 1, maxQueuedPerClient >= 1 else {
            throw ValidationError("--max-unsent-replies and --max-queued-per-client must be at least 1")
        }
        guard maxReceivedMessages >= 1, maxReceivedBytes >= maxMessageSize else {
            throw ValidationError(
                "--max-received-messages must be at least 1 and --max-received-bytes at least --max-message-size")
        }
        guard (2...512).contains(maxJSONDepth) else { throw ValidationError("--max-json-depth must be 2 to 512") }
        guard maxJSONString >= 64, maxJSONEntries >= 1 else {
            throw ValidationError("--max-json-string must be at least 64 and --max-json-entries at least 1")
        }
        guard maxFrames >= 3 else {
            throw ValidationError("--max-frames must be at least 3 (routing id, delimiter, body)")
        }
        if clientAllow != nil && clientSecretPath == nil {
            throw ValidationError("--client-allow needs --client-curve-secret: allow-lists are CURVE public keys")
        }
        if workerAllow != nil && workerSecretPath == nil {
            throw ValidationError("--worker-allow needs --worker-curve-secret: allow-lists are CURVE public keys")
        }
    }

    // Each file: the flag, else its variable, else the systemd credential of that role.
    private var clientSecretPath: String? {
        clientCurveSecret ?? Environment.value("REPORT_CLIENT_CURVE_SECRET") ?? Environment.credential("composer.key")
    }
    private var workerSecretPath: String? {
        workerCurveSecret ?? Environment.value("REPORT_WORKER_CURVE_SECRET") ?? Environment.credential("composer.key")
    }

    func run() async throws {
        if let measureWork {
            let paths = measureWork.split(separator: ",").map(String.init)
            guard paths.count == 2 else {
                throw ValidationError("--measure-work takes two files: statistics.json,catalogue.json")
            }
            let lines = try ComposeWorkMeasurement.run(
                statisticsReply: ComposeWorkMeasurement.read(paths[0]),
                catalogueReply: ComposeWorkMeasurement.read(paths[1]),
                frame: ReportFrame.builtIn())
            print(lines.joined(separator: "\n"))
            return
        }
        let logger = logging.bootstrap(label: "report-composer")
        let clientKeys: CurveKeyPair?
        let workerKeys: CurveKeyPair?
        do {
            clientKeys = try clientSecretPath.map(CurveKeyFiles.readKeyPair)
            workerKeys = try workerSecretPath.map(CurveKeyFiles.readKeyPair)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(ExitStatus.noInput)
        }
        let clientAllowPath =
            clientAllow ?? Environment.value("REPORT_CLIENT_ALLOW") ?? Environment.credential("clients.allow")
        let workerAllowPath =
            workerAllow ?? Environment.value("REPORT_WORKER_ALLOW") ?? Environment.credential("workers.allow")
        let allowLists = try ReloadableStore(logger: logger, describe: \.summary) {
            try AllowLists.load(clients: clientAllowPath, workers: workerAllowPath)
        }
        let frame = try ReportFrame.builtIn()
        let clientAt = clientEndpointToBind
        let workerAt = workerEndpointToBind
        let settings = Broker.Settings(
            heartbeat: HeartbeatSettings(interval: .milliseconds(heartbeatInterval), liveness: liveness),
            maxQueue: maxQueue, retryAfter: .milliseconds(retryAfter),
            services: Set(services.split(separator: ",").map { $0.trimmingWhitespace }))
        let readiness = settings.readiness
        let metrics = observability.services(
            readiness: readiness, declaring: ComposerMetrics.declarations(services: settings.services.sorted()),
            logger: logger)
        do {
            try await ServiceRunner.run(logger: logger) { io in
                var security: [any Service] = []
                if clientKeys != nil || workerKeys != nil {
                    // The ZAP handler must be bound before any CURVE socket accepts a peer.
                    let zap = try await io.open(
                        SocketSpec(type: .router, bind: [ZAPHandler.endpoint], options: [.linger(milliseconds: 0)]))
                    security = [
                        ZAPHandler(socket: zap, allowLists: allowLists, logger: logger),
                        ReloadOnHangup(store: allowLists),
                    ]
                    logger.info(
                        "CURVE on",
                        metadata: [
                            "clients": "\(clientKeys?.publicKey.z85 ?? "off")",
                            "workers": "\(workerKeys?.publicKey.z85 ?? "off")",
                            "allowLists": "\(allowLists.current.summary)",
                        ])
                }
                for (name, endpoint, keys) in [("client", clientAt, clientKeys), ("worker", workerAt, workerKeys)]
                where keys == nil && !EndpointScope.isLocal(endpoint) {
                    logger.warning(
                        """
                        THE \(name.uppercased()) ENDPOINT \(endpoint) IS OPEN BEYOND THIS MACHINE WITHOUT CURVE: \
                        anyone who can reach it can \
                        \(name == "client" ? "read every report" : "register as a service and serve false figures"). \
                        Use --\(name)-curve-secret.
                        """
                    )
                }
                let workers = try await io.open(
                    SocketSpec(
                        type: .router, bind: [workerAt],
                        options: [
                            .linger(milliseconds: 0), .routerMandatory(true),
                            .sendHighWaterMark(100_000), .receiveHighWaterMark(100_000),
                            .maxMessageSize(Int64(maxWorkerMessageSize)),
                        ]
                            + (workerKeys.map {
                                [.curveServer(secretKey: $0.secretKey), .zapDomain(AllowLists.workers)]
                            } ?? []),
                        monitorDisconnects: true, reader: true))
                let clients = try await io.open(
                    SocketSpec(
                        type: .router, bind: [clientAt],
                        options: [
                            .linger(milliseconds: 500), .routerMandatory(true),
                            .sendHighWaterMark(Int32(clamping: maxUnsentReplies ?? 2 * maxInFlightPerClient)),
                            .receiveHighWaterMark(Int32(clamping: maxQueuedPerClient)),
                            .kernelReceiveBuffer(Int32(clamping: clientReceiveBuffer)),
                            .kernelSendBuffer(Int32(clamping: clientSendBuffer)),
                            .maxMessageSize(Int64(maxMessageSize)),
                        ]
                            + (clientKeys.map {
                                [.curveServer(secretKey: $0.secretKey), .zapDomain(AllowLists.clients)]
                            } ?? []),
                        reader: true))
                logger.info(
                    "listening",
                    metadata: [
                        "clients": "\(clients.boundEndpoints.joined(separator: ","))",
                        "workers": "\(workers.boundEndpoints.joined(separator: ","))",
                    ])
                let broker = Broker(socket: workers, settings: settings, logger: logger)
                let router = MethodRouter(
                    broker: broker, frame: frame, timeout: .milliseconds(timeout),
                    endpoints: [
                        "client": clients.boundEndpoints.first ?? clientAt,
                        "worker": workers.boundEndpoints.first ?? workerAt,
                    ],
                    accessLog: logging.accessLogIsOn, logger: logger)
                let limits = ClientFront.Limits(
                    json: JSONLimits(
                        maxDepth: maxJSONDepth, maxStringBytes: maxJSONString, maxContainerEntries: maxJSONEntries),
                    maxFrames: maxFrames, maxInFlightPerClient: maxInFlightPerClient,
                    received: ReceiveLimit(messages: maxReceivedMessages, bytes: maxReceivedBytes))
                return metrics + security + [
                    BrokerService(broker: broker, socket: workers),
                    ClientFront(socket: clients, router: router, limits: limits, logger: logger),
                ]
            }
        } catch let error as ZMQError {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(ExitStatus.unavailable)
        } catch let error as CurveKeyFiles.Failure {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(ExitStatus.noInput)
        }
    }
}
