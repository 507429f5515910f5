import ArgumentParser
import Foundation
import ServiceKit

@main
struct StatisticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics-service",
        abstract: "Serves the industry-structure statistics of the Keihin report over ZeroMQ.",
        discussion: """
            Connects to the report composer's worker endpoint and registers as the MDP service \
            "statistics" (RFC 7/MDP, JSON-RPC 2.0 bodies). Start more processes with the same \
            command line to add replicas; the composer shares requests among them.

            Methods: statistics.industryStructure (filters: regions, years, sectors), \
            statistics.regions, statistics.datasets, statistics.ping.
            """)

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp(
        "A dataset file (JSON) to serve instead of the built-in seed table.", valueName: "file"))
    var data: String?

    func run() async throws {
        let logger = worker.logging.bootstrap(label: "statistics-service")
        let url = data.map { URL(fileURLWithPath: $0) }
            ?? Bundle.module.url(forResource: "industry-structure", withExtension: "json")!
        let dataset: IndustryDataset
        do {
            dataset = try IndustryDataset(contentsOf: url)
        } catch {
            logger.critical("cannot load the dataset", metadata: ["error": "\(error)"])
            throw ExitCode(65)
        }
        logger.info("dataset loaded", metadata: [
            "file": "\(url.path)", "rows": "\(dataset.structure.rows.count)",
        ])
        try await ServiceRunner.run(logger: logger) { io in
            [MajordomoWorker(
                service: "statistics", endpoints: worker.endpoints, io: io, methods: dataset.methods,
                heartbeat: worker.heartbeat, logger: logger)]
        }
    }
}
