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
        let exchange = ServicePairExchange { statistics, initiatives in
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
                done(.result(try self.encode(APIDescription(services: described, unavailable: unavailable))))
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
        struct Response: Decodable {
            var result: ServiceDescription?
            var error: JSONRPCError?
        }
        do {
            let response = try JSONCoding.decoder.decode(Response.self, from: reply)
            if let error = response.error {
                log.error(
                    "service could not describe itself", metadata: ["service": "\(service)", "error": "\(error)"])
            }
            return response.result
        } catch {
            log.error("unreadable reply", metadata: ["service": "\(service)", "error": "\(error)"])
            return nil
        }
    }
}
