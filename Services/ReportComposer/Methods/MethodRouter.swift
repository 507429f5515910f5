import Logging
import ServiceKit
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Answers every method a client may call: `report.*`, `system.*` and `rpc.discover` here; those in a service's
/// namespaces (`statistics.*`, `initiatives.*`, `zone.*`; see ``ServiceName/namespaces``) by
/// forwarding to a worker of that service.
///
/// Runs to completion on the socket thread, isolated to the ``Broker``: a request is answered
/// from the code that read it (the client socket's reader) or, when it waits for services, from
/// the code that reads the last reply it needs (the worker socket's reader) or the broker's
/// sweep — no task and no continuation per request.
///
/// A class: each completion a request leaves with the broker holds the router by one
/// reference, not a copy of its members.
final class MethodRouter: Sendable {
    let broker: Broker
    let frame: ReportFrame
    /// The longest a request may wait for the services (`timeoutMs` may ask for less).
    let timeout: Duration
    let endpoints: [String: String]
    let startedAt = Date()
    let statistics = MethodStatistics()
    let clock = SecondClock()
    /// Whether each answered request gets its info line (`--no-access-log` turns it off).
    let accessLog: Bool
    let logger: Logger
    let lastDiscovery = LastDiscovery()

    init(
        broker: Broker, frame: ReportFrame, timeout: Duration, endpoints: [String: String], accessLog: Bool = true,
        logger: Logger
    ) {
        self.broker = broker
        self.frame = frame
        self.timeout = timeout
        self.endpoints = endpoints
        self.accessLog = accessLog
        self.logger = logger
    }

    /// Answers `request` by calling `done` with its outcome, on the broker's executor: before
    /// this returns when no service is asked, otherwise once the services have answered.
    func answer(
        _ request: JSONRPCRequest, broker: isolated Broker, done: @escaping (JSONRPCResponse.Outcome) -> Void
    ) {
        let started = ContinuousClock.now
        let log = RequestLog(logger: logger, requestId: request.requestId, method: request.method)
        let finish = { (outcome: JSONRPCResponse.Outcome) in
            self.record(outcome, of: request, since: started, log: log)
            done(outcome)
        }
        do {
            // The report first: most requests are for it, and comparing a name costs less than
            // finding its namespace.
            if request.method == MethodName.Report.compose {
                let params = try ComposeParams.read(from: request)
                compose(params, requestId: request.requestId, log: log, broker: broker) { result in
                    // The whole response at once: the report is written into the message it goes
                    // out in, not into a result then copied into an envelope.
                    finish(.response(result.encodedResponse(id: request.id ?? .null)))
                }
            } else if let service = ServiceName(answering: request.method) {
                try forward(request, to: service, broker: broker) { finish($0) }
            } else if request.method == MethodName.RPC.discover {
                _ = try request.decodeParams(NoParams.self)
                discover(requestId: request.requestId, log: log, broker: broker) { finish($0) }
            } else {
                finish(.result(try result(for: request, broker: broker)))
            }
        } catch {
            finish(failure(error, log: log))
        }
    }

    private func failure(_ error: any Error, log: RequestLog) -> JSONRPCResponse.Outcome {
        if let error = error as? JSONRPCError { return .error(error) }
        log.error("method failed", metadata: ["error": "\(error)"])
        return .error(.internalError("\(error)"))
    }

    private func record(
        _ outcome: JSONRPCResponse.Outcome, of request: JSONRPCRequest, since started: ContinuousClock.Instant,
        log: RequestLog
    ) {
        let elapsed = ContinuousClock.now - started
        // One line per request: the access line at info, at debug without it.
        log.log(level: accessLog ? .info : .debug, "request", metadata: outcome.accessMetadata(elapsed))
        if case .error(let error) = outcome {
            // A client's own mistake is its answer, not the operator's concern: at debug, so that
            // a client sending thousands of bad requests cannot flood the log.
            let level: Logger.Level = error.isClientMistake ? .debug : .notice
            log.log(
                level: level, "request failed",
                metadata: [
                    "code": .stringConvertible(error.code), "error": "\(error.message)",
                    "durationMs": .stringConvertible(elapsed.fractionalMilliseconds),
                ])
        }
        // Counted by name only for the methods the system declares, every other name under one
        // entry: a client must not grow the table, or the metrics' series, without bound.
        statistics.record(method: MethodName.counted(request.method), duration: elapsed, outcome: outcome)
    }

    /// The methods answered from the composer's own state, at once.
    private func result(for request: JSONRPCRequest, broker: isolated Broker) throws -> Data {
        switch request.method {
        case MethodName.Report.sections:
            let params = try request.decodeParams(SectionsParams.self)
            return try encode(SectionHeadings(sections: frame.sections.map { $0.heading.text(params.lang).string }))
        case MethodName.System.ping:
            _ = try request.decodeParams(NoParams.self)
            return try encode(Pong())
        case MethodName.System.info:
            _ = try request.decodeParams(NoParams.self)
            return try encode(info(broker: broker))
        case MethodName.System.stats:
            _ = try request.decodeParams(NoParams.self)
            return try encode(MethodStatisticsSnapshot(methods: statistics.snapshot()))
        default:
            throw JSONRPCError.methodNotFound(request.method)
        }
    }

    func encode(_ value: some Encodable) throws -> Data {
        try JSONCoding.encoder.encode(value)
    }

    private func info(broker: isolated Broker) -> SystemInfo {
        SystemInfo(
            version: ProjectVersion.current, libzmq: ZMQVersion.string,
            startedAt: startedAt.formatted(.iso8601), uptimeSeconds: Date().timeIntervalSince(startedAt),
            endpoints: endpoints, services: broker.report())
    }
}
