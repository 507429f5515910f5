import ArgumentParser
import Logging

/// `--log-level`, shared by every executable.
public struct LoggingOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical. Default: $LOG_LEVEL or info."))
    public var logLevel: String?

    @Option(help: ArgumentHelp("json (one object a line) or text. Default: $LOG_FORMAT or text.", valueName: "format"))
    public var logFormat: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            """
            One info line per request answered (method, outcome, durationMs, bytes, requestId); --no-access-log \
            for benchmarks. Default: on, or $REPORT_ACCESS_LOG (on or off).
            """))
    public var accessLog: Bool?

    public init() {}

    /// Whether each request answered gets its info line: the flag, else `$REPORT_ACCESS_LOG`, else on.
    public var accessLogIsOn: Bool {
        accessLog ?? (Environment.value("REPORT_ACCESS_LOG").map { $0 != "off" } ?? true)
    }

    public mutating func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("unknown --log-level '\(logLevel)'")
        }
        if let setting = Environment.value("REPORT_ACCESS_LOG"), !["on", "off"].contains(setting) {
            throw ValidationError("REPORT_ACCESS_LOG is on or off, not '\(setting)'")
        }
        if let format = logFormat ?? Environment.value("LOG_FORMAT"), !["json", "text"].contains(format) {
            throw ValidationError("--log-format is json or text, not '\(format)'")
        }
    }

    /// Sets up swift-log (lines to standard error) and returns the process's logger.
    public func bootstrap(label: String) -> Logger {
        let level = (logLevel ?? Environment.value("LOG_LEVEL")).flatMap(Logger.Level.init(rawValue:)) ?? .info
        let json = (logFormat ?? Environment.value("LOG_FORMAT")) == "json"
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            // Written by the log writer's thread: a slow reader of standard error stalls no one.
            var handler = StreamLogHandler(
                label: label, stream: LogWriterStream(writer: .standardError), metadataProvider: nil)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
