import Foundation
import WireProtocol
import ZeroMQ

/// `statistics-service --measure`: load time, query time and memory, measured inside the
/// process (the benchmark in Tests/bench drives it with generated data).
enum StatisticsMeasurement {
    static func run(url: URL) throws {
        let started = ContinuousClock.now
        let catalogue = try StatisticsCatalogue.load(from: url)
        let loaded = ContinuousClock.now - started
        let dataset = try catalogue.dataset(nil)
        var generator = SystemRandomNumberGenerator()
        var timings: [Duration] = []
        var rows = 0
        for _ in 0..<1000 {
            let regions = (0..<5).map { _ in
                dataset.regions[Int.random(in: 0..<dataset.regions.count, using: &generator)].code
            }
            let queryStarted = ContinuousClock.now
            let result = try dataset.structure(IndustryStructureParams(regions: regions))
            timings.append(ContinuousClock.now - queryStarted)
            rows += result.rows.count
        }
        timings.sort()
        func us(_ d: Duration) -> String { String(format: "%.1f", d.fractionalMicroseconds) }
        print("datasets: \(catalogue.summary)")
        print("cells: \(catalogue.datasets.reduce(0) { $0 + $1.cellCount })")
        print("load: \(us(loaded)) us")
        print(
            """
            query (5 regions, all years and sectors, \(rows / 1000) rows): p50 \(us(timings[500])) us, p99 \
            \(us(timings[990])) us, max \(us(timings[999])) us
            """
        )
        print("peak RSS: \(peakResidentKilobytes() / 1024) MiB")
    }

    /// VmHWM from /proc/self/status.
    static func peakResidentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
