import ServiceKit
import WireProtocol

/// Empty params.
struct NoParams: MethodParams, Encodable {
    static let fields: Set<String> = []
}

extension Catalogue {
    /// The methods of the initiatives service.
    var methods: MethodTable {
        var table = MethodTable()
        table.register("initiatives.list", params: InitiativesListParams.self) { params in
            try self.cities(matching: params.city)
        }
        table.register("initiatives.zone", params: NoParams.self) { _ in self.content.zone }
        table.register("initiatives.catalogue", params: NoParams.self) { _ in self.content }
        table.register("initiatives.ping", params: NoParams.self) { _ in ["service": "initiatives"] }
        return table
    }
}
