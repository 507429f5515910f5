import ArgumentParser
import Foundation

/// The command-line options every data service takes.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("connect"),
        help: ArgumentHelp(
            "Composer worker endpoint to register with; repeat to register with several composers.",
            discussion: "Default: $REPORT_WORKER_ENDPOINTS (comma-separated) or tcp://127.0.0.1:5556.",
            valueName: "endpoint"))
    public var connectEndpoints: [String] = []

    @Option(help: ArgumentHelp("Milliseconds between MDP heartbeats.", valueName: "ms"))
    public var heartbeatInterval: Int = 1000

    @Option(help: "Heartbeats that may be missed before the composer counts as gone and the worker reconnects.")
    public var liveness: Int = 3

    @Option(help: ArgumentHelp("Longest wait between reconnect attempts.", valueName: "ms"))
    public var reconnectMax: Int = 32000

    @OptionGroup public var logging: LoggingOptions

    public init() {}

    /// The endpoints to connect to: the flags, else the environment, else the default.
    public var endpoints: [String] {
        if !connectEndpoints.isEmpty { return connectEndpoints }
        return Environment.list("REPORT_WORKER_ENDPOINTS") ?? ["tcp://127.0.0.1:5556"]
    }

    public mutating func validate() throws {
        guard heartbeatInterval >= 10 else { throw ValidationError("--heartbeat-interval must be at least 10 ms") }
        guard liveness >= 1 else { throw ValidationError("--liveness must be at least 1") }
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

/// How often peers heartbeat and how many beats may be missed.
public struct HeartbeatSettings: Sendable {
    public var interval: Duration
    public var liveness: Int
    public var reconnectMax: Duration

    public init(interval: Duration = .seconds(1), liveness: Int = 3, reconnectMax: Duration = .seconds(32)) {
        self.interval = interval
        self.liveness = liveness
        self.reconnectMax = reconnectMax
    }

    /// How long a peer may stay silent before it counts as gone.
    public var expiry: Duration { interval * liveness }
}

/// Reads settings from the environment.
public enum Environment {
    public static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list.
    public static func list(_ name: String) -> [String]? {
        value(name).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }
}
