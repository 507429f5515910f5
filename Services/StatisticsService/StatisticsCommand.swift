import ArgumentParser
import Foundation
import ServiceKit
import WireProtocol

@main
struct StatisticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics-service",
        abstract: "Serves industry-structure statistics (the Keihin report's table by default) over ZeroMQ.",
        discussion: """
            Connects to the report composer's worker endpoint and registers as the MDP service \
            "statistics" (RFC 7/MDP, JSON-RPC 2.0 bodies). Start more processes with the same \
            command line to add replicas; the composer shares requests among them.

            Methods: statistics.industryStructure (filters: dataset, regions, years, sectors), \
            statistics.compare (dataset, regions, sectors, from, to), statistics.facts (the same), \
            statistics.regions, statistics.datasets, statistics.reload, statistics.ping.

            Data: --data names a JSON dataset, a CSV dataset (NAME.csv with NAME.meta.json beside \
            it) or a folder of several; without it the seed's table is served. A bad file stops \
            the service at start; SIGHUP or statistics.reload reads the data again, and if the \
            new data is bad the old data stays in service and the error is logged and returned.
            """,
        version: ProjectVersion.description)

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp("A dataset file (.json or .csv) or a folder of them.", valueName: "path"))
    var data: String?

    @Flag(help: "Load the data, time 1,000 queries for five regions each, print the figures and exit (no ZeroMQ).")
    var measure = false

    func run() async throws {
        let logger = worker.logging.bootstrap(label: "statistics-service")
        let url =
            data.map { URL(fileURLWithPath: $0) }
            ?? Bundle.module.url(forResource: "industry-structure", withExtension: "json")!
        if measure {
            try StatisticsMeasurement.run(url: url)
            return
        }
        try await DataServiceRunner.run(
            service: .statistics, options: worker, logger: logger, dataPath: url.path, describe: \.summary,
            load: { try StatisticsCatalogue.load(from: url) }, methods: \.methods)
    }
}
