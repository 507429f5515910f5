import ArgumentParser
import Foundation
import ServiceKit

@main
struct InitiativesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "initiatives-service",
        abstract: "Serves the special zone's facts and each city's initiatives over ZeroMQ.",
        discussion: """
            Connects to the report composer's worker endpoint and registers as the MDP service \
            "initiatives" (RFC 7/MDP, JSON-RPC 2.0 bodies). Start more processes with the same \
            command line to add replicas.

            Methods: initiatives.list (filter: city), initiatives.zone, initiatives.catalogue, \
            initiatives.ping.
            """)

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp("A catalogue file (JSON) to serve instead of the built-in one.", valueName: "file"))
    var data: String?

    func run() async throws {
        let logger = worker.logging.bootstrap(label: "initiatives-service")
        let url = data.map { URL(fileURLWithPath: $0) }
            ?? Bundle.module.url(forResource: "special-zone", withExtension: "json")!
        let catalogue: Catalogue
        do {
            catalogue = try Catalogue(contentsOf: url)
        } catch {
            logger.critical("cannot load the catalogue", metadata: ["error": "\(error)"])
            throw ExitCode(65)
        }
        logger.info("catalogue loaded", metadata: [
            "file": "\(url.path)", "cities": "\(catalogue.content.cities.count)",
        ])
        try await ServiceRunner.run(logger: logger) { io in
            [MajordomoWorker(
                service: "initiatives", endpoints: worker.endpoints, io: io, methods: catalogue.methods,
                heartbeat: worker.heartbeat, logger: logger)]
        }
    }
}
