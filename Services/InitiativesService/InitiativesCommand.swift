import ArgumentParser
import Foundation
import ServiceKit
import WireProtocol

@main
struct InitiativesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "initiatives-service",
        abstract: "Serves the special zone's facts and each city's initiatives over ZeroMQ.",
        discussion: """
            Connects to the report composer's worker endpoint and registers as the MDP service \
            "initiatives" (RFC 7/MDP, JSON-RPC 2.0 bodies). Start more processes with the same \
            command line to add replicas.

            Methods: initiatives.list (filters: city, field, organisationKind, section; paging: \
            offset, limit), initiatives.get (id), zone.describe, initiatives.catalogue, \
            initiatives.reload, initiatives.ping.

            Data: --data names a catalogue file (JSON); without it the report's own catalogue is \
            served. SIGHUP or initiatives.reload reads it again; a bad file keeps the old data in \
            service and the error is logged and returned.
            """,
        version: ProjectVersion.description)

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp("A catalogue file (JSON) to serve instead of the built-in one.", valueName: "file"))
    var data: String?

    func run() async throws {
        let logger = worker.logging.bootstrap(label: "initiatives-service")
        let url =
            data.map { URL(fileURLWithPath: $0) }
            ?? Bundle.module.url(forResource: "special-zone", withExtension: "json")!
        try await DataServiceRunner.run(
            service: .initiatives, options: worker, logger: logger, dataPath: url.path, describe: Self.summary,
            load: { try Catalogue(contentsOf: url) }, methods: \.methods)
    }

    @Sendable static func summary(_ catalogue: Catalogue) -> String {
        "\(catalogue.content.cities.count) cities, \(catalogue.content.initiatives.count) initiatives"
    }
}
