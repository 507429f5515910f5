import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MethodRouter {
    /// Asks both services at once, reads each reply as it comes and, when the second is in,
    /// assembles the report, renders it and calls `done` with it. The two requests are two
    /// entries of the broker's table; what waits for them is one ``ServicePairExchange``.
    func compose(
        _ params: ComposeParams, requestId: String?, log: RequestLog, broker: isolated Broker,
        done: @escaping (ComposeResult) -> Void
    ) {
        let limit = params.timeoutMs.map { min(timeout, .milliseconds($0)) } ?? timeout
        let deadline = ContinuousClock.now + limit
        let exchange = ServicePairExchange<StatisticsTable?, CatalogueText?> { statistics, catalogue in
            done(self.render(params, statistics: statistics, catalogue: catalogue))
        }
        // Both requests go out before either is answered, so the services work in parallel. Each
        // reply is read as it comes, while its bytes are fresh in the cache, not when both are in.
        let catalogue = params.lang == .ja ? Self.japaneseCatalogueRequest : Self.catalogueRequest
        broker.submit(
            service: ServiceName.statistics.rawValue, body: Self.tableRequest.encoded(requestId: requestId),
            deadline: deadline, requestId: requestId
        ) { exchange.statistics = self.result(of: $0, from: .statistics, log: log, StatisticsTable.readResult) }
        broker.submit(
            service: ServiceName.initiatives.rawValue, body: catalogue.encoded(requestId: requestId),
            deadline: deadline, requestId: requestId
        ) { exchange.initiatives = self.result(of: $0, from: .initiatives, log: log, CatalogueText.readResult) }
    }

    /// The decoded result of a service's reply, or `nil` if the service did not answer or
    /// answered with an error.
    private func result<T>(
        of outcome: BackendOutcome, from service: ServiceName, log: RequestLog,
        _ read: (Data) throws -> Result<T, JSONRPCError>
    ) -> T? {
        guard case .reply(let reply) = outcome else { return nil }
        do {
            switch try read(reply) {
            case .success(let value): return value
            case .failure(let error):
                log.error("service answered with an error", metadata: ["service": "\(service)", "error": "\(error)"])
                return nil
            }
        } catch {
            log.error("unreadable reply", metadata: ["service": "\(service)", "error": "\(error)"])
            return nil
        }
    }

    private func render(_ params: ComposeParams, statistics: StatisticsTable?, catalogue: CatalogueText?)
        -> ComposeResult
    {
        let assembler = ReportAssembler(frame: frame, lang: params.lang)
        let content: ComposeResult.Content
        let headings: [ReportText]
        if params.format == .markdown {
            content = .document(assembler.markdown(statistics: statistics, catalogue: catalogue))
            headings = frame.headings(params.lang)
        } else {
            let report = assembler.assemble(statistics: statistics, catalogue: catalogue)
            content = .rendering(report, as: params.format, width: params.width)
            headings = report.headings
        }
        var missing: [ServiceName] = []
        if statistics == nil { missing.append(.statistics) }
        if catalogue == nil { missing.append(.initiatives) }
        return ComposeResult(
            format: params.format, lang: params.lang, content: content, sections: headings,
            degraded: !missing.isEmpty, missing: missing.map(\.rawValue),
            generatedAt: clock.iso8601)
    }

    /// Only what the report shows: every region, the first and the last year.
    static let tableRequest = JSONRPCRequestTemplate(
        method: MethodName.Statistics.industryStructure,
        params: .object(["span": .string(IndustryStructureParams.Span.endpoints.rawValue)]), id: .integer(1))

    /// The Japanese edition needs no English text; the English one falls back to Japanese.
    static let japaneseCatalogueRequest = JSONRPCRequestTemplate(
        method: MethodName.Initiatives.catalogue,
        params: .object(["lang": .string(ZoneCatalogueParams.Language.ja.rawValue)]), id: .integer(1))

    static let catalogueRequest = JSONRPCRequestTemplate(method: MethodName.Initiatives.catalogue, id: .integer(1))
}
