import Logging
import Metrics
import Synchronization
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The methods a service answers, by name. Each handler gets typed params (decoded with
/// errors that name the field) and returns an encodable result.
public struct MethodTable: Sendable {
    public typealias Handler = @Sendable (JSONRPCRequest) async throws -> Data
    /// A handler that answers without waiting (a lookup, a computation on data in memory): run
    /// where the request is read, on the socket thread, with no task.
    public typealias ImmediateHandler = @Sendable (JSONRPCRequest) throws -> Data

    private enum Body: Sendable {
        case immediate(ImmediateHandler)
        case waiting(Handler)
    }

    private struct Entry: Sendable {
        let body: Body
        let metrics: MethodMetrics
        /// The method's API description, made when asked for (it may name values in the data).
        let describe: @Sendable () throws(SchemaError) -> MethodDescription
        /// Where a method whose results are kept keeps them, to answer a request it has answered
        /// before from its bytes alone.
        var kept: KeptResults? = nil

        var isImmediate: Bool {
            if case .immediate = body { return true }
            return false
        }
    }

    private var entries: [String: Entry] = [:]
    /// Whether each answered request gets its info line (`--no-access-log` turns it off).
    public var accessLog = true
    /// Shared by every method nobody registered, so a client cannot grow the metrics.
    private let unknownMetrics = MethodMetrics(method: "unknown")

    public init() {}

    /// The method names, sorted.
    public var methods: [String] { entries.keys.sorted() }

    /// Adds `method`, whose params are `P` and whose result is what `body` returns. `summary`
    /// and `errors` (besides those any request may get) are for the API description.
    public mutating func register<P: MethodParams, R: Codable & Sendable>(
        _ method: String, summary: String, params: P.Type = P.self, errors: [JSONRPCError.Kind] = [],
        _ body: @escaping @Sendable (P) async throws -> R
    ) {
        entries[method] = Entry(
            body: .waiting { request in
                let params = try request.decodeParams(P.self)
                return try JSONCoding.encoder.encode(try await body(params))
            }, metrics: MethodMetrics(method: method),
            describe: { () throws(SchemaError) in
                try MethodDescription(method, summary: summary, params: P.self, result: R.self, errors: errors)
            })
    }

    /// Adds `method` as a pure function of `store`'s data and the params: its encoded result
    /// is kept per params until the data is reloaded, so the same question costs a lookup.
    /// `examples` names values of its params that exist in the data, for the API description.
    public mutating func register<Value: Sendable, P: MethodParams, R: Codable & Sendable>(
        _ method: String, summary: String, params: P.Type = P.self, cachedIn store: ReloadableStore<Value>,
        examples: @escaping @Sendable (Value) -> [String: [JSONValue]] = { _ in [:] },
        _ body: @escaping @Sendable (Value, P) throws -> R
    ) {
        entries[method] = Entry(
            body: .immediate { request in
                try store.cachedResult(for: .init(method: method, params: request.params)) { value in
                    try JSONCoding.encoder.encode(try body(value, try request.decodeParams(P.self)))
                }
            }, metrics: MethodMetrics(method: method),
            describe: { () throws(SchemaError) in
                try MethodDescription(
                    method, summary: summary, params: P.self, result: R.self, examples: examples(store.current))
            },
            kept: KeptResults(
                find: { store.keptResult(for: .init(method: method, rawParams: $0)) },
                generation: { store.generation },
                keep: { store.keep($0, for: .init(method: method, rawParams: $1), generation: $2) }))
    }

    /// Adds `method` (e.g. `statistics.discover`): answers the ``ServiceDescription`` of
    /// `service` — every method in this table, this one included, as the API description gives
    /// it. Register it last.
    public mutating func registerDiscover(_ method: String, service: ServiceName) {
        let summary =
            "The \(service) service's methods, with their params' and results' schemas (OpenRPC method objects)."
        let describeSelf: @Sendable () throws(SchemaError) -> MethodDescription = { () throws(SchemaError) in
            try MethodDescription(method, summary: summary, params: NoParams.self, result: ServiceDescription.self)
        }
        let described = entries.mapValues(\.describe).merging([method: describeSelf]) { _, this in this }
        // What the description depends on besides the code: the data loads its examples come
        // from. Made again only when one of them has been reloaded.
        let loads = entries.values.compactMap(\.kept)
        let kept = Mutex<(loads: [Int], encoded: Data)?>(nil)
        // Answered at once, and written with the JSON writer (`JSONEncoder` over the methods'
        // `JSONValue` trees would take milliseconds).
        entries[method] = Entry(
            body: .immediate { request in
                _ = try request.decodeParams(NoParams.self)
                let now = loads.map { $0.generation() }
                if let last = kept.withLock({ $0 }), last.loads == now { return last.encoded }
                let methods = try described.keys.sorted().map { try described[$0]!().openRPC }
                let encoded = JSONValue.object([
                    "service": .string(service.rawValue), "version": .string(ProjectVersion.current),
                    "methods": .array(methods),
                ]).encoded()
                kept.withLock { $0 = (now, encoded) }
                return encoded
            }, metrics: MethodMetrics(method: method), describe: describeSelf)
    }

    /// Answers `body` at once if it is a single request (or notification) whose method answers
    /// without waiting, or a message that is not a usable request at all: the encoded response
    /// (empty for a notification). `nil` when it needs ``respond(to:logger:)``.
    public func respondImmediately(to body: Data, logger: Logger) -> Data? {
        // A question answered before, told by its bytes: its kept result, with no parse; and a
        // method nobody registered, refused as the full parse would refuse it.
        var keepAs: (kept: KeptResults, request: ScannedRequest, generation: Int)?
        if let scanned = ScannedRequest.scan(body) {
            let started = ContinuousClock.now
            guard let entry = entries[scanned.method] else {
                let error = JSONRPCError.methodNotFound(scanned.method)
                record(
                    .error(error), method: scanned.method, requestId: scanned.requestId, entry: nil, since: started,
                    logger: logger)
                return scanned.response(error: error)
            }
            if let kept = entry.kept {
                if let result = kept.find(scanned.params) {
                    record(
                        .result(result), method: scanned.method, requestId: scanned.requestId, entry: entry,
                        since: started, logger: logger)
                    return scanned.response(result: result)
                }
                keepAs = (kept, scanned, kept.generation())
            }
        }
        switch JSONRPCMessage.parse(body) {
        case .unusable(let response):
            return response.encoded()
        case .batch:
            return nil
        case .single(.invalid(let response)):
            return response.encoded()
        case .single(.request(let request)):
            let entry = entries[request.method]
            guard entry == nil || entry!.isImmediate else { return nil }
            let started = ContinuousClock.now
            let outcome: JSONRPCResponse.Outcome
            if case .immediate(let handler)? = entry?.body {
                outcome = self.outcome(of: request, logger: logger) { try handler(request) }
            } else {
                outcome = .error(.methodNotFound(request.method))
            }
            if let keepAs, case .result(let result) = outcome {
                keepAs.kept.keep(result, keepAs.request.params, keepAs.generation)
            }
            return finish(request, outcome, entry: entry, since: started, logger: logger)?.encoded() ?? Data()
        }
    }

    /// Answers one JSON-RPC request body (as a worker gets it from the composer). Returns the
    /// encoded response, or `nil` for a notification.
    public func respond(to body: Data, logger: Logger) async -> Data? {
        switch JSONRPCMessage.parse(body) {
        case .unusable(let response):
            return response.encoded()
        case .batch(let entries):
            var responses: [JSONRPCResponse] = []
            for entry in entries {
                if let response = await respond(to: entry, logger: logger) { responses.append(response) }
            }
            return responses.isEmpty ? nil : JSONRPCResponse.encodeBatch(responses)
        case .single(let entry):
            return await respond(to: entry, logger: logger)?.encoded()
        }
    }

    private func respond(to entry: JSONRPCEntry, logger: Logger) async -> JSONRPCResponse? {
        switch entry {
        case .invalid(let response):
            return response
        case .request(let request):
            let outcome: JSONRPCResponse.Outcome
            let started = ContinuousClock.now
            let entry = entries[request.method]
            switch entry?.body {
            case .immediate(let handler)?:
                outcome = self.outcome(of: request, logger: logger) { try handler(request) }
            case .waiting(let handler)?:
                do {
                    outcome = .result(try await handler(request))
                } catch {
                    outcome = failure(error, of: request, logger: logger)
                }
            case nil:
                outcome = .error(.methodNotFound(request.method))
            }
            return finish(request, outcome, entry: entry, since: started, logger: logger)
        }
    }

    private func outcome(
        of request: JSONRPCRequest, logger: Logger, _ handler: () throws -> Data
    ) -> JSONRPCResponse.Outcome {
        do {
            return .result(try handler())
        } catch {
            return failure(error, of: request, logger: logger)
        }
    }

    private func failure(_ error: any Error, of request: JSONRPCRequest, logger: Logger) -> JSONRPCResponse.Outcome {
        if let error = error as? JSONRPCError { return .error(error) }
        logger.error(
            "handler failed",
            metadata: [
                "method": "\(request.method)", "error": "\(error)", "requestId": "\(request.requestId ?? "-")",
            ])
        return .error(.internalError("\(error)"))
    }

    private func finish(
        _ request: JSONRPCRequest, _ outcome: JSONRPCResponse.Outcome, entry: Entry?,
        since started: ContinuousClock.Instant, logger: Logger
    ) -> JSONRPCResponse? {
        record(
            outcome, method: request.method, requestId: request.requestId, entry: entry, since: started, logger: logger)
        guard let id = request.id else { return nil }
        return JSONRPCResponse(id: id, outcome: outcome)
    }

    /// Counts an answered request in its method's metrics and writes its request line.
    private func record(
        _ outcome: JSONRPCResponse.Outcome, method: String, requestId: String?, entry: Entry?,
        since started: ContinuousClock.Instant, logger: Logger
    ) {
        let metrics = entry?.metrics ?? unknownMetrics
        metrics.record(outcome: outcome, since: started)
        // One line per request: the access line at info, at debug without it. Its metadata is
        // made only if the line is written (the argument is an autoclosure).
        let elapsed = ContinuousClock.now - started
        logger.log(
            level: accessLog ? .info : .debug, "request",
            metadata: outcome.accessMetadata(elapsed).merging([
                "method": "\(metrics.method)", "requestId": "\(requestId ?? "-")",
            ]) { _, named in named })
    }
}

/// Where a method whose results are kept (``MethodTable/register(_:summary:params:cachedIn:examples:_:)``)
/// keeps them, by the bytes of the params they answer.
struct KeptResults: Sendable {
    let find: @Sendable (_ rawParams: Data) -> Data?
    let generation: @Sendable () -> Int
    let keep: @Sendable (_ result: Data, _ rawParams: Data, _ generation: Int) -> Void
}

/// One method's metrics, made once when the method is registered (after the metrics system
/// is bootstrapped), so that recording a request is a few atomic adds, not a registry lookup.
final class MethodMetrics: Sendable {
    let method: String
    private let requests: Counter
    private let duration: Metrics.Timer

    init(method: String) {
        self.method = method
        requests = Counter(label: "service_requests_total", dimensions: [("method", method)])
        duration = Metrics.Timer(label: "service_request_duration_seconds", dimensions: [("method", method)])
    }

    func record(outcome: JSONRPCResponse.Outcome, since started: ContinuousClock.Instant) {
        requests.increment()
        if case .error(let error) = outcome {
            // Error codes are few and errors rare: these are made as they occur.
            Counter(
                label: "service_request_errors_total", dimensions: [("method", method), ("code", String(error.code))]
            ).increment()
        }
        duration.recordInterval(since: started)
    }
}
