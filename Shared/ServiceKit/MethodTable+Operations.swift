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
        register(method, params: NoParams.self) { _ in
            let outcome = await store.reloadInBackground()
            if let error = outcome.error {
                throw JSONRPCError(
                    code: JSONRPCError.reloadFailedCode, message: "Reload failed; the previous data is still served",
                    data: .object([
                        "detail": .string(error), "loadedAt": .string(outcome.loadedAt.formatted(.iso8601)),
                    ]))
            }
            return outcome
        }
    }

    /// Adds `method` (e.g. `statistics.ping`): answers `{"service": NAME}`.
    public mutating func registerPing(_ method: String, service: ServiceName) {
        register(method, params: NoParams.self) { _ in ["service": service.rawValue] }
    }
}
