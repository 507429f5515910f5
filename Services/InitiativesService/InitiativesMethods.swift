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
        table.register("initiatives.list", params: InitiativesListParams.self, cachedIn: self) { catalogue, params in
            try catalogue.list(params)
        }
        table.register("initiatives.get", params: InitiativeGetParams.self, cachedIn: self) { catalogue, params in
            try catalogue.initiative(params.id)
        }
        table.register("zone.describe", params: NoParams.self, cachedIn: self) { catalogue, _ in catalogue.content.zone }
        table.register("initiatives.catalogue", params: ZoneCatalogueParams.self, cachedIn: self) { catalogue, params in
            params.lang == .ja ? catalogue.content.japaneseOnly : catalogue.content
        }
        table.register("initiatives.reload", params: NoParams.self) { _ in
            let outcome = await self.reloadInBackground()
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
