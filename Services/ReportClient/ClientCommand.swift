import ArgumentParser
import Foundation
import WireProtocol
import ZeroMQ

@main
struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-client",
        abstract: "Requests the Keihin special-zone report (or any method) from a report composer.",
        version: ProjectVersion.description,
        subcommands: [ReportCommand.self, CallCommand.self, KeysCommand.self],
        defaultSubcommand: ReportCommand.self)
}

/// Options every subcommand shares.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("endpoint"),
        help: ArgumentHelp(
            "Composer client endpoint; repeat to fail over between composers.",
            discussion: "Default: $REPORT_CLIENT_ENDPOINT (comma-separated) or tcp://127.0.0.1:5555.",
            valueName: "endpoint"))
    var endpoints: [String] = []

    @Option(help: ArgumentHelp("How long to wait for each attempt.", valueName: "ms"))
    var timeout: Int = 5000

    @Option(help: "Attempts in all, cycling through the endpoints.")
    var attempts: Int = 3

    @Option(
        // A Z85 key may begin with "-": the next argument is the key whatever it looks like.
        parsing: .unconditional,
        help: ArgumentHelp(
            """
            The composer's CURVE public key (Z85 text or a file holding it); turns CURVE on. Default: \
            $REPORT_CURVE_SERVER_KEY.
            """,
            valueName: "key"))
    var curveServerKey: String?

    @Option(
        help: ArgumentHelp(
            "This client's CURVE secret key file (else a fresh key pair). Default: $REPORT_CURVE_SECRET.",
            valueName: "file"))
    var curveSecret: String?

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 ms") }
        guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1") }
        if let problem = EndpointSyntax.problem(in: resolvedEndpoints) {
            throw ValidationError("malformed endpoint: \(problem)")
        }
    }

    var resolvedEndpoints: [String] {
        if !endpoints.isEmpty { return endpoints }
        if let value = ProcessInfo.processInfo.environment["REPORT_CLIENT_ENDPOINT"], !value.isEmpty {
            return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return ["tcp://127.0.0.1:5555"]
    }

    /// Sends one request and returns the result, or exits with the error shown.
    func call(method: String, params: JSONValue?) throws -> JSONValue {
        let context = try ZMQContext()
        let curve: [SocketOption]
        do {
            curve = try CurveClientSettings(
                serverKey: curveServerKey ?? ProcessInfo.processInfo.environment["REPORT_CURVE_SERVER_KEY"],
                secretKey: curveSecret ?? ProcessInfo.processInfo.environment["REPORT_CURVE_SECRET"]
            ).options()
        } catch {
            Self.warn("error: \(error)")
            throw ExitCode(ExitStatus.noInput)
        }
        let client = LazyPirateClient(
            context: context, endpoints: resolvedEndpoints, timeoutMilliseconds: timeout, attempts: attempts,
            options: curve)
        let requestId = "client-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let request = JSONRPCRequest(method: method, params: params, id: .integer(1), requestId: requestId)
        let reply: Data
        do {
            reply = try client.call(request.encoded()) { Self.warn($0) }
        } catch {
            Self.warn("error: \(error)")
            throw ExitCode(ExitStatus.unavailable)
        }
        let response: JSONRPCResponse.Received
        do {
            response = try JSONRPCResponse.decode(reply)
        } catch {
            Self.warn("error: the composer sent something that is not a JSON-RPC response")
            throw ExitCode(ExitStatus.protocolError)
        }
        switch response.result {
        case .failure(let error):
            Self.warn(
                "error \(error.code): \(error.message)"
                    + (error.data.map { " — \(String(decoding: $0.encoded(), as: UTF8.self))" } ?? "")
                    + " (request id \(requestId))")
            throw ExitCode(ExitStatus.requestFailed)
        case .success(let data):
            return try JSONCoding.decoder.decode(JSONValue.self, from: data)
        }
    }

    static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Writes `text` to `output` (saying where) or to standard output.
func emit(_ text: String, to output: String?) throws {
    guard let output else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output))
    } catch {
        ConnectionOptions.warn("error: cannot write \(output): \(error.localizedDescription)")
        throw ExitCode(ExitStatus.cannotCreate)
    }
    ConnectionOptions.warn("wrote \(text.utf8.count) bytes to \(output)")
}

/// Pretty-printed JSON.
func pretty(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Prints the full report (the default subcommand).")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "markdown, text or json.")
    var format: String = "markdown"

    @Option(help: "Report language.")
    var lang: String = "ja"

    @Option(
        help: """
            Line width of the text format, in display columns. Default: the terminal's when standard output is \
            one ($COLUMNS, else the terminal's size), else 80.
            """)
    var width: Int?

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        var params: [String: JSONValue] = ["format": .string(format), "lang": .string(lang)]
        if let width {
            params["width"] = .integer(Int64(width))
        } else if format == "text", output == nil {
            let columns = TerminalWidth.forStandardOutput(environment: ProcessInfo.processInfo.environment)
            params["width"] = .integer(Int64(columns))
        }
        let result = try connection.call(method: MethodName.Report.compose, params: .object(params))
        if result["degraded"] == .bool(true) {
            let missing = (result["missing"]?.arrayValue ?? []).compactMap(\.stringValue)
            ConnectionOptions.warn("warning: degraded report; missing: \(missing.joined(separator: ", "))")
        }
        switch result["content"] {
        case .string(let document)?: try emit(document, to: output)
        case let content?: try emit(pretty(content), to: output)
        case nil: try emit(pretty(result), to: output)
        }
    }
}

struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Calls any method and prints its JSON result.",
        discussion: """
            Example: report-client call statistics.industryStructure '{"regions":["川崎市"]}'

            Every method, with its params and result schemas: report-client call rpc.discover
            """)

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The method, e.g. system.info.")
    var method: String

    @Argument(help: "Params as a JSON object or array.")
    var params: String?

    @Option(help: ArgumentHelp("Write the result to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        var decoded: JSONValue?
        if let params {
            guard let value = try? JSONCoding.decoder.decode(JSONValue.self, from: Data(params.utf8)) else {
                throw ValidationError("params are not valid JSON: \(params)")
            }
            decoded = value
        }
        try emit(pretty(try connection.call(method: method, params: decoded)), to: output)
    }
}
