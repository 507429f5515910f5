import ArgumentParser
import Foundation
import Histogram
import WireProtocol
import ZeroMQ

/// Drives a JSON-RPC method on a ROUTER front with a fixed number of requests in flight (one
/// DEALER, empty delimiter first, like a REQ) and prints latency percentiles (HdrHistogram),
/// throughput, and CPU % and peak RSS of the watched processes, one line per setting:
/// `label c=K n=… p50=… p99=… p999=… us req/s=…  cpu%: name=…  peak_rss_mib: name=…`.
@main
struct LoadGenerator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-loadgen",
        abstract: "Load generator for the report benchmark (make bench).",
        version: ProjectVersion.description)

    @Option(help: "The front to drive.")
    var endpoint = "tcp://127.0.0.1:5555"

    @Option(help: "JSON-RPC method.")
    var method = MethodName.Report.compose

    @Option(help: "Params as a JSON object.")
    var params = #"{"format":"markdown"}"#

    @Option(help: "Requests in flight for each setting, comma-separated.")
    var concurrency = "1,8,32,128"

    @Option(help: "Requests measured at c=1.")
    var requests = 5000

    @Option(help: "Seconds measured at each c > 1.")
    var seconds: Double = 10

    @Option(help: "Label printed first on each line.")
    var label = "project"

    @Option(help: "Processes to watch: name=pid,name=pid.")
    var watch = ""

    func run() throws {
        guard let paramsValue = try? JSONCoding.decoder.decode(JSONValue.self, from: Data(params.utf8)) else {
            throw ValidationError("--params is not JSON")
        }
        let watched: [(String, Int32)] = watch.split(separator: ",").compactMap {
            let parts = $0.split(separator: "=")
            return parts.count == 2 ? (String(parts[0]), Int32(parts[1]) ?? 0) : nil
        }
        let context = try ZMQContext()
        let socket = try Socket(context: context, type: .dealer)
        // Close the socket before the context terminates, or zmq_ctx_term waits for it forever.
        defer {
            socket.close()
            withExtendedLifetime(context) {}
        }
        try socket.set(.sendHighWaterMark(0))
        try socket.set(.receiveHighWaterMark(0))
        try socket.connect(endpoint)
        var driver = Driver(socket: socket, method: method, params: paramsValue)
        // Warm-up, not counted.
        _ = try driver.run(window: 1, count: 500, seconds: nil)
        for window in concurrency.split(separator: ",").compactMap({ Int($0) }) {
            if window > 1 { _ = try driver.run(window: window, count: nil, seconds: 1) }
            let before = watched.map { (name: $0.0, cpu: ProcessStats.cpuTicks(pid: $0.1)) }
            let started = ContinuousClock.now
            let result = try driver.run(
                window: window, count: window == 1 ? requests : nil, seconds: window == 1 ? nil : seconds)
            let wall = ContinuousClock.now - started
            let wallSeconds = wall.seconds
            var line =
                """
                \(label.padding(toLength: 10, withPad: " ", startingAt: 0)) c=\(window) \
                n=\(result.histogram.totalCount)
                """
            line += " p50=\(result.histogram.valueAtPercentile(50)) p99=\(result.histogram.valueAtPercentile(99))"
            line +=
                """
                 p999=\(result.histogram.valueAtPercentile(99.9)) us \
                req/s=\(Int(Double(result.histogram.totalCount) / wallSeconds))
                """
            line += " errors=\(result.errors)  cpu%:"
            for (index, process) in watched.enumerated() {
                let ticks = ProcessStats.cpuTicks(pid: process.1) - before[index].cpu
                line += " \(process.0)=\(Int(Double(ticks) / ProcessStats.ticksPerSecond / wallSeconds * 100))"
            }
            line += "  peak_rss_mib:"
            for process in watched { line += " \(process.0)=\(ProcessStats.peakResidentKiB(pid: process.1) / 1024)" }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}

/// One DEALER keeping a window of requests in flight.
struct Driver {
    let socket: Socket
    let method: String
    let params: JSONValue
    var nextID = 0
    var sentAt: [Int: ContinuousClock.Instant] = [:]

    init(socket: Socket, method: String, params: JSONValue) {
        self.socket = socket
        self.method = method
        self.params = params
    }

    struct Result {
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var errors = 0
    }

    mutating func send() throws {
        nextID += 1
        sentAt[nextID] = .now
        let body = JSONRPCRequest(method: method, params: params, id: .integer(Int64(nextID))).encoded()
        try socket.send([Data(), body])
    }

    /// Runs until `count` replies arrived or `seconds` passed, then drains what is in flight.
    mutating func run(window: Int, count: Int?, seconds: Double?) throws -> Result {
        var result = Result()
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        var sent = 0
        func more() -> Bool {
            if let count { return sent < count }
            return ContinuousClock.now < deadline!
        }
        while sent < window && more() {
            try send()
            sent += 1
        }
        var items = [PollItem(readable: socket)]
        while !sentAt.isEmpty {
            guard try poll(&items, timeoutMilliseconds: 10_000) > 0 else {
                throw ValidationError("no reply for 10 s; \(sentAt.count) requests outstanding")
            }
            while let frames = try socket.receive(blocking: false) {
                guard let body = frames.last, let id = Self.id(in: body), let started = sentAt.removeValue(forKey: id)
                else {
                    result.errors += 1
                    continue
                }
                let elapsed = ContinuousClock.now - started
                _ = result.histogram.record(UInt64(max(1, elapsed.microseconds)))
                // An error response (told by its top-level member, not by an "error" a result
                // may hold, as rpc.discover's schemas do), or a report missing a service's part.
                if JSONRPCResponse.encodedIsError(body) || body.range(of: Data(#""degraded":true"#.utf8)) != nil {
                    result.errors += 1
                }
                if more() {
                    try send()
                    sent += 1
                }
            }
        }
        return result
    }

    /// The id of a response: `{"jsonrpc":"2.0","id":N,…` as the composer writes it.
    static func id(in body: Data) -> Int? {
        guard let range = body.range(of: Data(#""id":"#.utf8)) else { return nil }
        var value = 0
        var index = range.upperBound
        var digits = 0
        while index < body.endIndex, body[index] >= 0x30, body[index] <= 0x39 {
            value = value * 10 + Int(body[index] - 0x30)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}

/// CPU time and peak memory of a process, from /proc.
enum ProcessStats {
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// utime + stime of every thread, in clock ticks.
    static func cpuTicks(pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based), so 11 and 12 here.
        guard fields.count > 12 else { return 0 }
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    static func peakResidentKiB(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
