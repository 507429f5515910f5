import Logging
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Answers every method a client may call: `report.*` and `system.*` here; those in a service's
/// namespaces (`statistics.*`, `initiatives.*`, `zone.*`; see ``ServiceName/namespaces``) by
/// forwarding to a worker of that service.
struct MethodRouter: Sendable {
    let broker: Broker
    let frame: ReportFrame
    /// The longest a request may wait for the services (`timeoutMs` may ask for less).
    let timeout: Duration
    let endpoints: [String: String]
    let startedAt = Date()
    let statistics = MethodStatistics()
    let clock = SecondClock()
    let logger: Logger

    func outcome(for request: JSONRPCRequest) async -> JSONRPCResponse.Outcome {
        let started = ContinuousClock.now
        let log = RequestLog(logger: logger, requestId: request.requestId, method: request.method)
        let outcome: JSONRPCResponse.Outcome
        do {
            if let service = ServiceName(answering: request.method) {
                outcome = .response(try await forward(request, to: service))
            } else {
                outcome = .result(try await result(for: request, log: log))
            }
        } catch let error as JSONRPCError {
            outcome = .error(error)
        } catch {
            log.error("method failed", metadata: ["error": "\(error)"])
            outcome = .error(.internalError("\(error)"))
        }
        let elapsed = ContinuousClock.now - started
        if case .error(let error) = outcome {
            // A client's own mistake is its answer, not the operator's concern: at debug, so that
            // a client sending thousands of bad requests cannot flood the log.
            let level: Logger.Level = error.isClientMistake ? .debug : .notice
            log.log(
                level: level, "request failed",
                metadata: ["code": "\(error.code)", "error": "\(error.message)", "ms": "\(elapsed.milliseconds)"])
        } else {
            log.debug("request answered", metadata: ["ms": "\(elapsed.milliseconds)"])
        }
        // Counted by name only for the methods the system declares, every other name under one
        // entry: a client must not grow the table, or the metrics' series, without bound.
        statistics.record(method: MethodName.counted(request.method), duration: elapsed, outcome: outcome)
        return outcome
    }

    private func result(for request: JSONRPCRequest, log: RequestLog) async throws -> Data {
        switch request.method {
        case MethodName.Report.compose:
            return try await compose(request.decodeParams(ComposeParams.self), requestId: request.requestId, log: log)
                .encoded()
        case MethodName.Report.sections:
            let params = try request.decodeParams(SectionsParams.self)
            return try encode(["sections": frame.sections.map { $0.heading.text(params.lang) }])
        case MethodName.System.ping:
            _ = try request.decodeParams(NoParams.self)
            return try encode(["pong": true])
        case MethodName.System.info:
            _ = try request.decodeParams(NoParams.self)
            return try encode(await info())
        case MethodName.System.stats:
            _ = try request.decodeParams(NoParams.self)
            return try encode(["methods": statistics.snapshot()])
        default:
            throw JSONRPCError.methodNotFound(request.method)
        }
    }

    private func encode(_ value: some Encodable) throws -> Data {
        try JSONCoding.encoder.encode(value)
    }

    // MARK: forwarding

    /// Sends the request, with the client's own id, to a worker of `service` and returns the
    /// worker's whole response, to be passed on as it is. `timeoutMs` in params is the
    /// composer's, and is taken out before forwarding.
    private func forward(_ request: JSONRPCRequest, to service: ServiceName) async throws -> Data {
        var params = request.params
        var limit = timeout
        if case .object(var members)? = params, let value = members.removeValue(forKey: "timeoutMs") {
            guard case .integer(let ms) = value, ms > 0 else {
                throw JSONRPCError.invalidParams(field: "timeoutMs", "must be a positive number of milliseconds")
            }
            limit = min(limit, .milliseconds(ms))
            params = .object(members)
        }
        // A notification still needs the worker's reply, to know it is done; id 0 stands in.
        let body = JSONRPCRequest(
            method: request.method, params: params, id: request.id ?? .integer(0), requestId: request.requestId
        ).encoded()
        let outcome = await broker.call(
            service: service.rawValue, body: body, deadline: .now + limit, requestId: request.requestId)
        guard case .reply(let reply) = outcome else {
            throw outcome.error(service: service.rawValue, timeoutMilliseconds: Int(limit.milliseconds))!
        }
        guard reply.first == UInt8(ascii: "{") else {
            throw JSONRPCError.internalError("the \(service) service sent something that is not a response object")
        }
        return reply
    }

    /// Hands `method` for `service` to the broker without waiting (see ``Broker/submit``).
    private func submit(
        method: String, params: JSONValue? = nil, to service: ServiceName, deadline: ContinuousClock.Instant,
        requestId: String?
    ) async -> Broker.Submission {
        let body = JSONRPCRequest(method: method, params: params, id: .integer(1), requestId: requestId).encoded()
        return await broker.submit(service: service.rawValue, body: body, deadline: deadline, requestId: requestId)
    }

    /// Waits for a submitted request and decodes its result, or `nil` if the service did not
    /// answer or answered with an error.
    private func result<T: JSONReadable>(
        _ type: T.Type, of submission: Broker.Submission, from service: ServiceName, log: RequestLog
    ) async -> T? {
        guard case .reply(let reply) = await broker.outcome(of: submission) else { return nil }
        do {
            switch try JSONRPCResponse.readResult(T.self, from: reply) {
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

    // MARK: report

    /// Asks both services at once, assembles the report and renders it.
    private func compose(_ params: ComposeParams, requestId: String?, log: RequestLog) async -> ComposeResult {
        let limit = params.timeoutMs.map { min(timeout, .milliseconds($0)) } ?? timeout
        let deadline = ContinuousClock.now + limit
        // Both requests go out before either is waited for, so the services work in parallel.
        // Only what the report shows: every region, the first and the last year.
        let statistics = await submit(
            method: MethodName.Statistics.industryStructure, params: Self.tableParams, to: .statistics,
            deadline: deadline,
            requestId: requestId)
        // The Japanese edition needs no English text; the English one falls back to Japanese.
        let catalogue = await submit(
            method: MethodName.Initiatives.catalogue, params: params.lang == .ja ? Self.japaneseOnly : nil,
            to: .initiatives,
            deadline: deadline, requestId: requestId)
        let stats = await result(IndustryStructure.self, of: statistics, from: .statistics, log: log)
        let zone = await result(ZoneCatalogue.self, of: catalogue, from: .initiatives, log: log)
        let report = ReportAssembler(frame: frame, lang: params.lang).assemble(statistics: stats, catalogue: zone)
        var missing: [ServiceName] = []
        if stats == nil { missing.append(.statistics) }
        if zone == nil { missing.append(.initiatives) }
        let content: ComposeResult.Content =
            switch params.format {
            case .markdown: .document(MarkdownRenderer().renderUTF8(report))
            case .text: .document(RenderedText(TextRenderer(width: params.width).render(report)))
            case .json: .report(report)
            case .html: .document(RenderedText(HTMLRenderer().render(report)))
            case .svg:
                .document(RenderedText(ChartRenderer(report: report).standaloneSVG() ?? ChartRenderer.emptySVG(report)))
            }
        return ComposeResult(
            format: params.format, lang: params.lang, content: content, sections: report.headings,
            degraded: !missing.isEmpty, missing: missing.map(\.rawValue),
            generatedAt: clock.iso8601)
    }

    static let japaneseOnly = JSONValue.object(["lang": .string(ZoneCatalogueParams.Language.ja.rawValue)])

    static let tableParams = JSONValue.object(["span": .string(IndustryStructureParams.Span.endpoints.rawValue)])

    private func info() async -> SystemInfo {
        SystemInfo(
            version: ProjectVersion.current, libzmq: ZMQVersion.string,
            startedAt: startedAt.formatted(.iso8601), uptimeSeconds: Date().timeIntervalSince(startedAt),
            endpoints: endpoints, services: await broker.report())
    }
}
