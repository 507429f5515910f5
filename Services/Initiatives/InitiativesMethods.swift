import ServiceKit
import WireProtocol

/// Empty params.
struct NoParams: MethodParams, Encodable {
    static let fields: Set<String> = []
}

extension ReloadableStore where Value == Catalogue {
    /// The methods of the initiatives service; each reads the data as of its call.
    var methods: MethodTable {
        var table = MethodTable()
        table.register("initiatives.list", params: InitiativesListParams.self) { params in
            try self.current.list(params)
        }
        table.register("initiatives.get", params: InitiativeGetParams.self) { params in
            try self.current.initiative(params.id)
        }
        table.register("zone.describe", params: NoParams.self) { _ in self.current.content.zone }
        table.register("initiatives.catalogue", params: NoParams.self) { _ in self.current.content }
        table.register("initiatives.reload", params: NoParams.self) { _ in
            let outcome = self.reload()
            if let error = outcome.error {
                throw JSONRPCError(
                    code: JSONRPCError.reloadFailedCode, message: "Reload failed; the previous data is still served",
                    data: .object(["detail": .string(error)]))
            }
            return outcome
        }
        table.register("initiatives.ping", params: NoParams.self) { _ in ["service": "initiatives"] }
        return table
    }
}
