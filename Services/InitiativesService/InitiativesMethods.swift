import ServiceKit
import WireProtocol

extension ReloadableStore where Value == Catalogue {
    /// The methods of the initiatives service; each reads the data as of its call.
    var methods: MethodTable {
        var table = MethodTable()
        table.register(
            MethodName.Initiatives.list, summary: "The cities' initiatives, filtered and a page at a time.",
            params: InitiativesListParams.self, cachedIn: self
        ) { catalogue, params in
            try catalogue.list(params)
        }
        table.register(
            MethodName.Initiatives.get, summary: "One initiative by its id.", params: InitiativeGetParams.self,
            cachedIn: self, examples: Catalogue.someIDs
        ) { catalogue, params in
            try catalogue.initiative(params.id)
        }
        table.register(
            MethodName.Initiatives.zoneDescribe,
            summary: "The special zone: what such a zone is, its designation, and why each city applied.",
            params: NoParams.self,
            cachedIn: self
        ) { catalogue, _ in
            catalogue.content.zone
        }
        table.register(
            MethodName.Initiatives.catalogue,
            summary: "Everything the report says of the zone, the cities and their initiatives, in one answer.",
            params: ZoneCatalogueParams.self, cachedIn: self
        ) { catalogue, params in
            params.lang == .ja ? catalogue.content.japaneseOnly : catalogue.content
        }
        table.registerReload(MethodName.Initiatives.reload, of: self)
        table.registerPing(MethodName.Initiatives.ping, service: .initiatives)
        table.registerDiscover(MethodName.Initiatives.discover, service: .initiatives)
        return table
    }
}

extension Catalogue {
    /// Ids of the first initiatives, as examples of `initiatives.get`'s `id` in the API
    /// description: values that exist in the data served.
    @Sendable static func someIDs(_ catalogue: Catalogue) -> [String: [JSONValue]] {
        ["id": catalogue.content.initiatives.prefix(3).map { .string($0.id) }]
    }
}
