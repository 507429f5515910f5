import Foundation
import Logging
import Metrics
import WireProtocol

/// The methods a service answers, by name. Each handler gets typed params (decoded with
/// errors that name the field) and returns an encodable result.
public struct MethodTable: Sendable {
    public typealias Handler = @Sendable (JSONRPCRequest) async throws -> Data

    private var handlers: [String: Handler] = [:]

    public init() {}

    /// The method names, sorted.
    public var methods: [String] { handlers.keys.sorted() }

    /// Adds `method`, whose params are `P` and whose result is what `body` returns.
    public mutating func register<P: MethodParams, R: Encodable & Sendable>(
        _ method: String, params: P.Type = P.self, _ body: @escaping @Sendable (P) async throws -> R
    ) {
        handlers[method] = { request in
            let params = try request.decodeParams(P.self)
            return try JSONCoding.encoder.encode(try await body(params))
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
            if let handler = handlers[request.method] {
                do {
                    outcome = .result(try await handler(request))
                } catch let error as JSONRPCError {
                    outcome = .error(error)
                } catch {
                    logger.error("handler failed", metadata: [
                        "method": "\(request.method)", "error": "\(error)", "requestId": "\(request.requestId ?? "-")",
                    ])
                    outcome = .error(.internalError("\(error)"))
                }
            } else {
                outcome = .error(.methodNotFound(request.method))
            }
            // Unknown methods share one label, so a client cannot grow the metrics without bound.
            let method = handlers[request.method] == nil ? "unknown" : request.method
            Counter(label: "service_requests_total", dimensions: [("method", method)]).increment()
            if case .error(let error) = outcome {
                Counter(label: "service_request_errors_total", dimensions: [("method", method), ("code", String(error.code))]).increment()
            }
            Metrics.Timer(label: "service_request_duration_seconds", dimensions: [("method", method)])
                .recordInterval(since: started)
            logger.debug("request answered", metadata: [
                "method": "\(method)", "requestId": "\(request.requestId ?? "-")",
                "outcome": "\(outcome.errorCode.map { "error \($0)" } ?? "ok")",
            ])
            guard let id = request.id else { return nil }
            return JSONRPCResponse(id: id, outcome: outcome)
        }
    }
}

extension JSONRPCResponse.Outcome {
    /// The error code, if this is an error.
    var errorCode: Int? {
        if case .error(let error) = self { return error.code }
        return nil
    }
}
