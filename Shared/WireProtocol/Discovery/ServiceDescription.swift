/// What a data service says it answers (`statistics.discover`, `initiatives.discover`): its
/// name, version and every method as an OpenRPC method object. The composer puts these in its
/// `rpc.discover` document, so that a replica with more methods shows them.
public struct ServiceDescription: Codable, Sendable, Equatable {
    public var service: String
    public var version: String
    public var methods: [JSONValue]

    public init(service: String = "", version: String = "", methods: [JSONValue] = []) {
        self.service = service
        self.version = version
        self.methods = methods
    }
}
