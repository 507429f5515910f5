import ServiceKit
import WireProtocol

extension ReloadableStore where Value == Catalogue {
    /// The methods of the initiatives service; each reads the data as of its call.
    var methods: MethodTable {
        var table = MethodTable()
        table.register(MethodName.Initiatives.list, params: InitiativesListParams.self, cachedIn: self) {
            catalogue, params in
            try catalogue.list(params)
        }
        table.register(MethodName.Initiatives.get, params: InitiativeGetParams.self, cachedIn: self) {
            catalogue, params in
            try catalogue.initiative(params.id)
        }
        table.register(MethodName.Initiatives.zoneDescribe, params: NoParams.self, cachedIn: self) { catalogue, _ in
            catalogue.content.zone
        }
        table.register(MethodName.Initiatives.catalogue, params: ZoneCatalogueParams.self, cachedIn: self) {
            catalogue, params in
            params.lang == .ja ? catalogue.content.japaneseOnly : catalogue.content
        }
        table.registerReload(MethodName.Initiatives.reload, of: self)
        table.registerPing(MethodName.Initiatives.ping, service: .initiatives)
        return table
    }
}
