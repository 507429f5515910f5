import Synchronization
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MethodRouter {
    /// Asks both services to describe their methods, at once, and when both have answered (or
    /// failed to) calls `done` with the ``APIDescription``. A service that does not answer is
    /// named in `x-unavailable` and its methods are left out: nothing is described that no live
    /// replica said it answers.
    func discover(
        requestId: String?, log: RequestLog, broker: isolated Broker, done: @escaping (JSONRPCResponse.Outcome) -> Void
    ) {
        let exchange = ServicePairExchange<BackendOutcome, BackendOutcome> { statistics, initiatives in
            // The same two answers as last time make the same document: it is not made again.
            let key = [statistics, initiatives].map { outcome -> Data? in
                if case .reply(let reply) = outcome { return reply }
                return nil
            }
            if let document = self.lastDiscovery.document(for: key) {
                done(.result(document))
                return
            }
            var described: [ServiceDescription] = []
            var unavailable: [ServiceName] = []
            for (service, outcome) in [(ServiceName.statistics, statistics), (.initiatives, initiatives)] {
                if let description = self.description(of: outcome, from: service, log: log) {
                    described.append(description)
                } else {
                    unavailable.append(service)
                }
            }
            do {
                let document = try APIDescription(services: described, unavailable: unavailable).encoded()
                if unavailable.isEmpty { self.lastDiscovery.keep(document, for: key) }
                done(.result(document))
            } catch {
                log.error("API description failed", metadata: ["error": "\(error)"])
                done(.error(.internalError("\(error)")))
            }
        }
        let deadline = ContinuousClock.now + timeout
        for (service, method) in [
            (ServiceName.statistics, MethodName.Statistics.discover), (.initiatives, MethodName.Initiatives.discover),
        ] {
            let request = JSONRPCRequest(method: method, params: nil, id: .integer(1), requestId: requestId)
            broker.submit(service: service.rawValue, body: request.encoded(), deadline: deadline, requestId: requestId)
            {
                outcome in
                if service == .statistics { exchange.statistics = outcome } else { exchange.initiatives = outcome }
            }
        }
    }

    private func description(of outcome: BackendOutcome, from service: ServiceName, log: RequestLog)
        -> ServiceDescription?
    {
        guard case .reply(let reply) = outcome else { return nil }
        do {
            // Read with the JSON reader, not `JSONDecoder`, which takes milliseconds for a
            // description this size.
            let response = try JSONValue.parse(reply)
            if let error = response["error"] {
                log.error(
                    "service could not describe itself",
                    metadata: ["service": "\(service)", "error": "\(String(decoding: error.encoded(), as: UTF8.self))"])
                return nil
            }
            guard let result = response["result"], case .string(let name)? = result["service"],
                case .string(let version)? = result["version"], let methods = result["methods"]?.arrayValue
            else {
                log.error(
                    "unreadable reply", metadata: ["service": "\(service)", "error": "not a service description"])
                return nil
            }
            return ServiceDescription(service: name, version: version, methods: methods)
        } catch {
            log.error("unreadable reply", metadata: ["service": "\(service)", "error": "\(error)"])
            return nil
        }
    }
}

/// The last API description the composer made, with the two services' answers it was made
/// from.
final class LastDiscovery: Sendable {
    private let last = Mutex<(key: [Data?], document: Data)?>(nil)

    func document(for key: [Data?]) -> Data? {
        last.withLock { $0?.key == key ? $0?.document : nil }
    }

    func keep(_ document: Data, for key: [Data?]) {
        last.withLock { $0 = (key, document) }
    }
}
