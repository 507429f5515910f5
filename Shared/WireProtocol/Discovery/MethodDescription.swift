/// One method as the API description (OpenRPC's method object) gives it: name, summary, its
/// params and result with their JSON Schemas, and the errors it may answer with. Made from the
/// types the method decodes its params into and encodes its result from.
public struct MethodDescription: Sendable {
    public var name: String
    /// The whole method object.
    public var openRPC: JSONValue

    /// `name`, whose params are `P` and whose result is `R`. `errors` are the method's own,
    /// besides those every method may answer with (``JSONRPCError/Kind/everyMethod``).
    public init<P: MethodParams, R: Decodable>(
        _ name: String, summary: String, params: P.Type, result: R.Type, resultName: String = "result",
        errors: [JSONRPCError.Kind] = [], examples: [String: [JSONValue]] = [:]
    ) throws(SchemaError) {
        self.name = name
        let kinds = JSONRPCError.Kind.everyMethod + errors.filter { !JSONRPCError.Kind.everyMethod.contains($0) }
        openRPC = .object([
            "name": .string(name),
            "summary": .string(summary),
            "paramStructure": .string(P.paramStructure),
            "params": .array(try P.contentDescriptors(examples: examples)),
            "result": .object(["name": .string(resultName), "schema": try JSONSchema.of(R.self)]),
            "errors": .array(kinds.sorted { $0.code > $1.code }.map(\.openRPC)),
        ])
    }

    /// A method object as a service sent it.
    public init?(openRPC: JSONValue) {
        guard case .string(let name)? = openRPC["name"] else { return nil }
        self.name = name
        self.openRPC = openRPC
    }
}
