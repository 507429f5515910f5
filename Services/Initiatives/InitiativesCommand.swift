import ArgumentParser
import Foundation
import ServiceKit
import ZeroMQ

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
            """)

    @OptionGroup var worker: WorkerOptions

    @Option(help: ArgumentHelp("A catalogue file (JSON) to serve instead of the built-in one.", valueName: "file"))
    var data: String?

    func run() async throws {
        let logger = worker.logging.bootstrap(label: "initiatives-service")
        let url = data.map { URL(fileURLWithPath: $0) }
            ?? Bundle.module.url(forResource: "special-zone", withExtension: "json")!
        let store: ReloadableStore<Catalogue>
        do {
            store = try ReloadableStore(logger: logger, describe: Self.summary) { try Catalogue(contentsOf: url) }
        } catch {
            logger.critical("cannot load the catalogue", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("initiatives-service: \(error)\n".utf8))
            throw ExitCode(65)
        }
        logger.info("catalogue loaded", metadata: ["path": "\(url.path)", "summary": "\(Self.summary(store.current))"])
        let socketOptions: [SocketOption]
        do {
            socketOptions = try worker.socketOptions()
        } catch {
            logger.critical("bad CURVE settings", metadata: ["error": "\(error)"])
            throw ExitCode(66)
        }
        let readiness = Readiness()
        let observability = worker.observability.services(readiness: readiness, logger: logger)
        try await ServiceRunner.run(logger: logger) { io in
            observability + [MajordomoWorker(
                service: "initiatives", endpoints: worker.endpoints, io: io, methods: store.methods,
                heartbeat: worker.heartbeat, socketOptions: socketOptions, readiness: readiness, logger: logger),
             ReloadOnHangup(store: store)]
        }
    }

    @Sendable static func summary(_ catalogue: Catalogue) -> String {
        "\(catalogue.content.cities.count) cities, \(catalogue.content.initiatives.count) initiatives"
    }
}
