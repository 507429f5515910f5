/// JSON Schemas (draft 7, as OpenRPC uses) of the types the system decodes and writes, made
/// from the types' own `Decodable` conformances: what a type reads is what its schema says.
///
/// A type is decoded once by a ``SchemaProbe`` that answers every request with a stand-in value
/// and notes what was asked for: a member read with `decode` is required, one read with
/// `decodeIfPresent` is optional, an unkeyed container is an array of what its element reads,
/// a `String` enum that is `CaseIterable` is an `enum` of its raw values. A type whose JSON its
/// `Decodable` conformance cannot show says so itself (``SchemaDescribed``).
public enum JSONSchema {
    /// The schema of `type`'s JSON.
    public static func of<T: Decodable>(_ type: T.Type) throws(SchemaError) -> JSONValue {
        do {
            return try SchemaProbe.probe(T.self, depth: 0).schema
        } catch let error as SchemaError {
            throw error
        } catch {
            throw SchemaError(type: "\(T.self)", reason: "\(error)")
        }
    }

    /// `{"type": name}`.
    static func type(_ name: String) -> JSONValue { .object(["type": .string(name)]) }
}

/// Why a type's schema could not be made: its decoder asked for something the probe cannot
/// stand in for (a value it then refused, or a type nested deeper than any contract).
public struct SchemaError: Error, CustomStringConvertible, Sendable {
    public var type: String
    public var reason: String
    public var description: String { "no schema for \(type): \(reason)" }
}

/// A type that states its own schema, because its `Decodable` conformance does not show it (a
/// value that may be one of several JSON types, a number read from a `Decimal`).
public protocol SchemaDescribed {
    /// The type's JSON Schema.
    static func jsonSchema() throws(SchemaError) -> JSONValue
    /// A value the probe may hand to the type's container as a stand-in.
    static var schemaPlaceholder: Self { get }
}

extension JSONValue: SchemaDescribed {
    /// Any JSON value.
    public static func jsonSchema() -> JSONValue { .object([:]) }
    public static var schemaPlaceholder: JSONValue { .null }
}

extension ExactDecimal: SchemaDescribed {
    /// A number, written with its exact digits.
    public static func jsonSchema() -> JSONValue { JSONSchema.type("number") }
    public static var schemaPlaceholder: ExactDecimal { ExactDecimal(significand: 0, exponent: 0) }
}

/// A dictionary with string keys: a JSON object whose members are all one type.
protocol StringKeyedDictionary {
    static var valueType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Decodable {
    static var valueType: any Decodable.Type { Value.self }
    static var empty: Self { [:] }
}
