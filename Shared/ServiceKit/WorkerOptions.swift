import ArgumentParser
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The command-line options every data service takes.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("connect"),
        help: ArgumentHelp(
            "Composer worker endpoint to register with; repeat to register with several composers.",
            discussion: """
                A tcp:// endpoint whose host is a name (a Kubernetes headless Service, a Compose service, DNS \
                round robin) registers with every address the name resolves to, and follows it: resolved again \
                every --resolve-interval, it joins composers that appear and leaves those that vanish. \
                Default: $REPORT_WORKER_ENDPOINTS (comma-separated) or tcp://127.0.0.1:5556.
                """,
            valueName: "endpoint"))
    public var connectEndpoints: [String] = []

    @Option(
        help: ArgumentHelp(
            "How often an endpoint given by name is resolved again to find composers that came or went.",
            valueName: "ms"))
    public var resolveInterval: Int = 10_000

    @Option(help: ArgumentHelp("Milliseconds between MDP heartbeats.", valueName: "ms"))
    public var heartbeatInterval: Int = 1000

    @Option(help: "Heartbeats that may be missed before the composer counts as gone and the worker reconnects.")
    public var liveness: Int = 3

    @Option(help: ArgumentHelp("Longest wait between reconnect attempts.", valueName: "ms"))
    public var reconnectMax: Int = 32000

    @Option(
        help: ArgumentHelp(
            """
            Requests this process may hold at once from a composer (sent in READY; 1 is plain RFC 7; the composer \
            grants at most 64). A deep window lets requests arrive in bursts, answered several per wake-up.
            """,
            valueName: "n"))
    public var concurrency: Int = 64

    @Option(
        // A Z85 key may begin with "-": the next argument is the key whatever it looks like.
        parsing: .unconditional,
        help: ArgumentHelp(
            """
            The composer's CURVE public key (Z85 text or a file holding it); turns CURVE on. Default: \
            $REPORT_CURVE_SERVER_KEY, else systemd credential composer.pub.
            """,
            valueName: "key"))
    public var curveServerKey: String?

    @Option(
        help: ArgumentHelp(
            """
            This service's CURVE secret key file (the public key is derived from it). \
            Default: $REPORT_CURVE_SECRET, else systemd credential service.key.
            """,
            valueName: "file"))
    public var curveSecret: String?

    @Option(help: ArgumentHelp("Largest message the composer may send this service.", valueName: "bytes"))
    public var maxMessageSize: Int = 1 << 20

    @OptionGroup public var logging: LoggingOptions

    @OptionGroup public var observability: ObservabilityOptions

    public init() {}

    /// The socket options for the composer connection: the message size limit and, with a
    /// server key, CURVE.
    public func socketOptions() throws -> [SocketOption] {
        try CurveClientSettings(
            serverKey: curveServerKey ?? Environment.value("REPORT_CURVE_SERVER_KEY")
                ?? Environment.credential("composer.pub"),
            secretKey: curveSecret ?? Environment.value("REPORT_CURVE_SECRET") ?? Environment.credential("service.key")
        ).options() + [.maxMessageSize(Int64(maxMessageSize))]
    }

    /// The endpoints to connect to: the flags, else the environment, else the default.
    public var endpoints: [String] {
        if !connectEndpoints.isEmpty { return connectEndpoints }
        return Environment.list("REPORT_WORKER_ENDPOINTS") ?? ["tcp://127.0.0.1:5556"]
    }

    public mutating func validate() throws {
        if let problem = EndpointSyntax.problem(in: endpoints) {
            throw ValidationError("malformed endpoint: \(problem)")
        }
        guard heartbeatInterval >= 10 else { throw ValidationError("--heartbeat-interval must be at least 10 ms") }
        guard resolveInterval >= 100 else { throw ValidationError("--resolve-interval must be at least 100 ms") }
        guard liveness >= 1 else { throw ValidationError("--liveness must be at least 1") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 1024") }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be at least 1024 bytes") }
        guard reconnectMax >= heartbeatInterval else {
            throw ValidationError("--reconnect-max must be at least --heartbeat-interval")
        }
    }

    public var heartbeat: HeartbeatSettings {
        HeartbeatSettings(
            interval: .milliseconds(heartbeatInterval), liveness: liveness,
            reconnectMax: .milliseconds(reconnectMax))
    }
}
