/// A `Decoder` that reads no JSON: it gives a type stand-in values for everything it asks for
/// and notes what that was, so that the type's own `init(from:)` shows its schema (see
/// ``JSONSchema``). Used once per type when the API description is made, never on a request.
final class SchemaProbe: Decoder {
    /// One member of an object, as its type's decoder reads it.
    struct Member {
        var name: String
        var schema: JSONValue
        /// Read with `decode` (rather than `decodeIfPresent`): the object must have it.
        var required: Bool
    }

    /// What the decoded type asked for.
    enum Shape {
        case nothing
        case value(JSONValue)
        case object([Member])
        case array(items: JSONValue?)
    }

    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let depth: Int
    var shape = Shape.nothing

    private init(depth: Int) { self.depth = depth }

    /// The deepest a contract nests; a type deeper than this (one that contains itself) has no
    /// finite schema.
    static let maximumDepth = 24

    /// `type`'s schema and a stand-in value of it.
    static func probe<T: Decodable>(_ type: T.Type, depth: Int) throws -> (schema: JSONValue, value: T) {
        guard depth <= maximumDepth else {
            throw SchemaError(type: "\(T.self)", reason: "nested more than \(maximumDepth) deep")
        }
        if let described = T.self as? any SchemaDescribed.Type {
            return (try described.jsonSchema(), described.schemaPlaceholder as! T)
        }
        if let dictionary = T.self as? any StringKeyedDictionary.Type {
            let values = try probe(dictionary.valueType, depth: depth + 1).schema
            return (.object(["type": "object", "additionalProperties": values]), dictionary.empty as! T)
        }
        if let choice = T.self as? any (CaseIterable & RawRepresentable).Type, let found = enumeration(choice) {
            return (found.schema, found.first as! T)
        }
        let probe = SchemaProbe(depth: depth + 1)
        let value = try T(from: probe)
        return (probe.shape.schema(of: "\(T.self)"), value)
    }

    /// The members of `type`'s object, in the order its decoder reads them.
    static func members<T: Decodable>(of type: T.Type) throws -> [Member] {
        let probe = SchemaProbe(depth: 1)
        _ = try T(from: probe)
        switch probe.shape {
        case .object(let members): return members
        case .nothing: return []
        default: throw SchemaError(type: "\(T.self)", reason: "its params are not an object")
        }
    }

    private static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> (
        schema: JSONValue, first: E
    )? {
        guard let first = E.allCases.first else { return nil }
        let raws = E.allCases.map(\.rawValue)
        if let strings = raws as? [String] {
            return (.object(["type": "string", "enum": .array(strings.map(JSONValue.string))]), first)
        }
        if let integers = raws as? [Int] {
            return (.object(["type": "integer", "enum": .array(integers.map { .integer(Int64($0)) })]), first)
        }
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .nothing = shape { shape = .object([]) }
        return KeyedDecodingContainer(KeyedProbe<Key>(probe: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        if case .nothing = shape { shape = .array(items: nil) }
        return UnkeyedProbe(probe: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueProbe(probe: self) }

    /// Notes a member read from the object.
    func note(_ member: Member) {
        guard case .object(var members) = shape else { return }
        if let index = members.firstIndex(where: { $0.name == member.name }) {
            members[index].required = members[index].required || member.required
        } else {
            members.append(member)
        }
        shape = .object(members)
    }
}

extension SchemaProbe.Shape {
    func schema(of type: String) -> JSONValue {
        switch self {
        case .nothing:
            return .object([:])
        case .value(let schema):
            return schema
        case .array(let items):
            return .object(["type": "array", "items": items ?? .object([:])])
        case .object(let members):
            var schema: [String: JSONValue] = [
                "type": "object",
                "properties": .object(Dictionary(members.map { ($0.name, $0.schema) }) { first, _ in first }),
            ]
            let required = members.filter(\.required).map(\.name)
            if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
            return .object(schema)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
