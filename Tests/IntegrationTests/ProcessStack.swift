import Foundation
import Synchronization
import Testing
import WireProtocol
import ZeroMQ

extension ProcessStack {
    /// Runs one of this package's executables to its end: exit status, standard output and
    /// standard error.
    static func runToEnd(_ name: String, _ arguments: [String]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent(name)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }
}

/// A running executable of this package, with its standard error collected.
final class RunningProcess: Sendable {
    let name: String
    let process: Process
    private let output = LogBuffer()

    init(_ name: String, arguments: [String]) throws {
        self.name = name
        let process = Process()
        process.executableURL = ProcessStack.binaries.appendingPathComponent(name)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        try process.run()
        let handle = pipe.fileHandleForReading
        let output = self.output
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                output.append(chunk)
            }
        }
    }

    var log: String { output.text }

    /// Waits until the log has a line matching `pattern`, and returns its captures.
    func waitForLog(_ pattern: String, timeout: Duration = .seconds(20)) async throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = log
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                return (0..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StackError("\(name) never logged /\(pattern)/; its log:\n\(log)")
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit and returns its status.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw StackError("\(name) did not exit; log:\n\(log)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
    }
}

/// Text a reader thread appends to while tests read it.
final class LogBuffer: Sendable {
    private let storage = Mutex("")
    func append(_ chunk: Data) { storage.withLock { $0 += String(decoding: chunk, as: UTF8.self) } }
    var text: String { storage.withLock { $0 } }
}

struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The three executables as separate processes on free loopback ports: the composer binds
/// `tcp://127.0.0.1:*` and the test reads the ports it got from its "listening" log line.
final class ProcessStack: Sendable {
    /// The folder with the built executables: `$REPORT_BIN_DIR`, else beside the test bundle.
    static var binaries: URL {
        if let override = ProcessInfo.processInfo.environment["REPORT_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.pathComponents.count > 1
            && !FileManager.default.fileExists(atPath: url.appendingPathComponent("report-composer").path)
        {
            url.deleteLastPathComponent()
        }
        return url
    }

    let composer: RunningProcess
    let clientEndpoint: String
    let workerEndpoint: String
    private let services = Mutex<[RunningProcess]>([])

    init(composerArguments: [String] = []) async throws {
        composer = try RunningProcess(
            "report-composer",
            arguments: [
                "--client-endpoint", "tcp://127.0.0.1:*", "--worker-endpoint", "tcp://127.0.0.1:*",
            ] + composerArguments)
        let captures: [String]
        do {
            captures = try await composer.waitForLog(#"clients=(\S+) workers=(\S+).*listening"#)
        } catch {
            composer.stop()  // never leave a process behind when start-up fails
            throw error
        }
        clientEndpoint = captures[1]
        workerEndpoint = captures[2]
    }

    /// Starts one replica of a service.
    @discardableResult
    func start(_ service: String, arguments: [String] = []) throws -> RunningProcess {
        let process = try RunningProcess("\(service)-service", arguments: ["--connect", workerEndpoint] + arguments)
        services.withLock { $0.append(process) }
        return process
    }

    /// Starts the services and waits until the composer lists them with their worker counts.
    static func full(statistics: Int = 1, initiatives: Int = 1) async throws -> ProcessStack {
        let stack = try await ProcessStack()
        for _ in 0..<statistics { try stack.start("statistics") }
        for _ in 0..<initiatives { try stack.start("initiatives") }
        try await stack.waitForWorkers(["statistics": statistics, "initiatives": initiatives])
        return stack
    }

    /// Polls `system.info` until each service has the given number of workers.
    func waitForWorkers(_ expected: [String: Int], timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        var last: JSONValue?
        while ContinuousClock.now < deadline {
            let info = try request(method: MethodName.System.info)
            last = info
            let counts = Dictionary(
                uniqueKeysWithValues: (info["result"]?["services"]?.arrayValue ?? []).compactMap {
                    service -> (String, Int)? in
                    guard let name = service["name"]?.stringValue, case .integer(let n)? = service["workers"] else {
                        return nil
                    }
                    return (name, Int(n))
                })
            if expected.allSatisfy({ counts[$0.key, default: 0] == $0.value }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StackError(
            """
            workers never reached \(expected); last system.info: \(String(describing: last))\ncomposer \
            log:\n\(composer.log)
            """
        )
    }

    /// Sends frames on a fresh socket of `type` and returns the reply's frames.
    func exchange(_ frames: [Data], type: SocketType = .req, timeout: Int32 = 10_000) throws -> [Data] {
        let context = try ZMQContext()
        let socket = try Socket(context: context, type: type)
        defer { socket.close() }
        try socket.set(.receiveTimeout(milliseconds: timeout))
        try socket.connect(clientEndpoint)
        try socket.send(frames)
        guard let reply = try socket.receive() else {
            throw StackError("no reply within \(timeout) ms; composer log:\n\(composer.log)")
        }
        return reply
    }

    /// One JSON-RPC request over a REQ socket; returns the decoded response.
    func request(method: String, params: JSONValue? = nil, id: JSONValue = .integer(1)) throws -> JSONValue {
        let reply = try exchange([JSONRPCRequest(method: method, params: params, id: id).encoded()])
        return try JSONCoding.decoder.decode(JSONValue.self, from: reply[0])
    }

    func stop() {
        for service in services.withLock({ $0 }) { service.stop() }
        composer.stop()
    }

    deinit { stop() }
}
