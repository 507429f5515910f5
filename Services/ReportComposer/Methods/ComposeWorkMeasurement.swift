import WireProtocol
import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `report-composer --measure-work STATISTICS,CATALOGUE`: what one report costs the composer
/// without any messaging — reading the two service replies (saved JSON-RPC responses), putting
/// the report together as Markdown and writing the result — timed inside the process.
/// `make bench` saves the replies from the running services and reports these figures beside
/// the throughput, as the work a composer of this design cannot avoid.
enum ComposeWorkMeasurement {
    /// The steps timed, in the order a request takes them.
    static let steps = [
        "read statistics reply", "read catalogue reply", "assemble and write markdown", "encode result",
    ]

    /// Times `reports` reports after `warmUp` untimed ones and returns the lines to print.
    static func run(
        statisticsReply: Data, catalogueReply: Data, frame: ReportFrame, reports: Int = 2_000, warmUp: Int = 200
    ) throws -> [String] {
        var timings = Array(repeating: [Duration](), count: steps.count + 1)
        var cpuTimed: Duration = .zero
        for index in 0..<(warmUp + reports) {
            if index == warmUp { cpuTimed = .zero }
            let cpuBefore = threadCPUTime()
            var marks = [ContinuousClock.now]
            let statistics = try StatisticsTable.readResult(from: statisticsReply).get()
            marks.append(.now)
            let catalogue = try CatalogueText.readResult(from: catalogueReply).get()
            marks.append(.now)
            // As a request for Markdown does: written as the frame is filled, with no report model.
            let markdown = ReportAssembler(frame: frame, lang: .ja).markdown(
                statistics: statistics, catalogue: catalogue)
            marks.append(.now)
            let result = ComposeResult(
                format: .markdown, lang: .ja, content: .document(markdown), sections: frame.headings(.ja),
                degraded: false, missing: [], generatedAt: "2026-11-29T00:00:00Z")
            let encoded = try result.encoded()
            marks.append(.now)
            cpuTimed += threadCPUTime() - cpuBefore
            guard index >= warmUp else { continue }
            precondition(encoded.count > markdown.utf8.count, "the encoded result holds the document")
            for step in 0..<steps.count { timings[step].append(marks[step + 1] - marks[step]) }
            timings[steps.count].append(marks[steps.count] - marks[0])
        }
        var lines = ["work per report (Markdown, Japanese; \(reports) reports after \(warmUp) warm-up), microseconds:"]
        for (step, name) in (steps + ["total"]).enumerated() {
            let sorted = timings[step].sorted()
            lines.append(
                "\(name): p50 \(micros(sorted[sorted.count / 2])) p99 \(micros(sorted[sorted.count * 99 / 100]))")
        }
        lines.append("thread CPU per report: \(micros(cpuTimed / reports))")
        // Each format's own part: rendering and writing the result, from the assembled report.
        let statistics = try StatisticsTable.readResult(from: statisticsReply).get()
        let catalogue = try CatalogueText.readResult(from: catalogueReply).get()
        let report = ReportAssembler(frame: frame, lang: .ja).assemble(statistics: statistics, catalogue: catalogue)
        var costs: [String] = []
        for format in ReportFormat.allCases {
            let rounds = max(1, reports / 4)
            var cpu: Duration = .zero
            for index in 0..<(rounds + warmUp / 4) {
                let before = threadCPUTime()
                let result = ComposeResult(
                    format: format, lang: .ja, content: .rendering(report, as: format), sections: report.headings,
                    degraded: false, missing: [], generatedAt: "2026-11-29T00:00:00Z")
                let encoded = try result.encoded()
                precondition(encoded.count > 1000, "the result holds the document")
                if index >= warmUp / 4 { cpu += threadCPUTime() - before }
            }
            costs.append("\(format.rawValue) \(micros(cpu / rounds))")
        }
        lines.append("render and encode, thread CPU per report: " + costs.joined(separator: ", "))
        return lines
    }

    /// Reads a saved reply file, naming it in the error.
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MeasurementError(description: "cannot read \(path)")
        }
        return data
    }

    struct MeasurementError: Error, CustomStringConvertible {
        let description: String
    }

    private static func micros(_ duration: Duration) -> String {
        let tenths = Int((duration.fractionalMicroseconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// CPU time the calling thread has used.
    private static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
