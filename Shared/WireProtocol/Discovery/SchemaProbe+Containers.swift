/// The probe's containers: each read notes a schema and hands back a stand-in value.
extension SchemaProbe {
    /// The schema and stand-in of a value a container reads: primitives here, anything else
    /// through the probe.
    fileprivate func read<T: Decodable>(_ type: T.Type) throws -> (schema: JSONValue, value: T) {
        switch T.self {
        case is String.Type: return (JSONSchema.type("string"), "" as! T)
        case is Bool.Type: return (JSONSchema.type("boolean"), false as! T)
        case is Double.Type: return (JSONSchema.type("number"), 0.0 as! T)
        case is Float.Type: return (JSONSchema.type("number"), Float(0) as! T)
        default: break
        }
        if let integer = T.self as? any FixedWidthInteger.Type {
            return (JSONSchema.type("integer"), Self.zero(integer) as! T)
        }
        return try Self.probe(T.self, depth: depth)
    }

    private static func zero<I: FixedWidthInteger>(_ type: I.Type) -> I { .zero }
}

struct KeyedProbe<Key: CodingKey>: UniformKeyedDecoding {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    /// A member `decode` reads is required.
    func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (schema, value) = try probe.read(T.self)
        probe.note(.init(name: key.stringValue, schema: schema, required: true))
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optional(type, key) }

    // The standard library's own `decodeIfPresent` for these types would ask `contains` and
    // then read a value; the probe answers absent instead, as for any other type.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        probe.note(.init(name: key.stringValue, schema: try probe.read(T.self).schema, required: false))
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw SchemaError(type: key.stringValue, reason: "nested containers are not described")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw SchemaError(type: key.stringValue, reason: "nested containers are not described")
    }

    func superDecoder() throws -> any Decoder { probe }
    func superDecoder(forKey key: Key) throws -> any Decoder { probe }
}

struct UnkeyedProbe: UniformUnkeyedDecoding {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }
    var count: Int? { nil }
    private(set) var currentIndex = 0
    /// One element is read, to learn the items' schema; then the array ends.
    var isAtEnd: Bool { currentIndex > 0 }

    init(probe: SchemaProbe) { self.probe = probe }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decodeElement<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try probe.read(T.self)
        probe.shape = .array(items: schema)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw SchemaError(type: "array", reason: "nested containers are not described")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw SchemaError(type: "array", reason: "nested containers are not described")
    }

    mutating func superDecoder() throws -> any Decoder { probe }
}

struct SingleValueProbe: UniformSingleValueDecoding {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try probe.read(T.self)
        probe.shape = .value(schema)
        return value
    }

}
