import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MethodRouter {
    /// Sends the request, with the client's own id, to a worker of `service` and calls `done`
    /// with the worker's whole response, to be passed on as it is. `timeoutMs` in params is the
    /// composer's, and is taken out before forwarding.
    func forward(
        _ request: JSONRPCRequest, to service: ServiceName, broker: isolated Broker,
        done: @escaping (JSONRPCResponse.Outcome) -> Void
    ) throws {
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
        broker.submit(
            service: service.rawValue, body: body, deadline: .now + limit, requestId: request.requestId
        ) { outcome in
            guard case .reply(let reply) = outcome else {
                done(.error(outcome.error(service: service.rawValue, timeoutMilliseconds: Int(limit.milliseconds))!))
                return
            }
            guard reply.first == UInt8(ascii: "{") else {
                done(
                    .error(.internalError("the \(service) service sent something that is not a response object")))
                return
            }
            done(.response(reply))
        }
    }
}
