import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The operational methods every data service answers, in the same shape for each.
extension MethodTable {
    /// Adds `method` (e.g. `statistics.reload`): loads `store`'s data again. Answers the
    /// ``ReloadableStore/Outcome`` when the new data is in place, or `-32003` with `detail` (why)
    /// and `loadedAt` (when the data still served was loaded) when it could not be read.
    public mutating func registerReload<Value: Sendable>(_ method: String, of store: ReloadableStore<Value>) {
        register(
            method, summary: "Reads the service's data again; the old data is served until the new is in place.",
            params: NoParams.self, errors: [.reloadFailed]
        ) { _ in
            let outcome = await store.reloadInBackground()
            if let error = outcome.error {
                throw JSONRPCError(
                    .reloadFailed,
                    data: .object([
                        "detail": .string(error), "loadedAt": .string(outcome.loadedAt),
                    ]))
            }
            return outcome
        }
    }

    /// Adds `method` (e.g. `statistics.ping`): answers `{"service": NAME}`.
    public mutating func registerPing(_ method: String, service: ServiceName) {
        register(
            method, summary: "Answers at once, naming the service: a worker of it is alive.", params: NoParams.self
        ) {
            _ in ServicePing(service: service.rawValue)
        }
    }
}

/// The answer of a data service's ping.
public struct ServicePing: Codable, Sendable {
    public var service: String
}
