/// Decodes a `Decodable` straight from a ``JSONValue`` — the params of a request, already
/// parsed — instead of writing it out as JSON for `JSONDecoder` to read again (which cost about
/// as much as the rest of a small request). Its errors are the `DecodingError`s `JSONDecoder`
/// throws, with the same coding paths, so the -32602 a client gets names the same field.
///
/// It reads what params hold: objects, arrays, strings, booleans and integers (and numbers where
/// a `Double` is asked for). A type that decodes itself from another representation (`Decimal`,
/// `Date`) is not one params use.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: JSONValueDecoder(value: value, codingPath: []))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: Any].self, value, codingPath)
        }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self, value, codingPath) }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(
        type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(value.typeName)."))
}

/// A scalar of `T` from `value`, or the error `JSONDecoder` gives.
private func scalar<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    if value == .null {
        throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Found null."))
    }
    switch (value, type) {
    case (.string(let text), is String.Type): return text as! T
    case (.bool(let flag), is Bool.Type): return flag as! T
    case (.integer(let number), is Double.Type): return Double(number) as! T
    case (.number(let number), is Double.Type): return number as! T
    case (.integer(let number), is Float.Type): return Float(number) as! T
    case (.number(let number), is Float.Type): return Float(number) as! T
    case (.integer(let number), _) where type is any FixedWidthInteger.Type:
        let integer = type as! any FixedWidthInteger.Type
        guard let fitted = fit(number, as: integer) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path, debugDescription: "Number \(number) does not fit in \(type).")
            )
        }
        return fitted as! T
    case (.number(let number), _) where type is any FixedWidthInteger.Type:
        throw DecodingError.dataCorrupted(
            .init(codingPath: path, debugDescription: "Number \(number) is not an integer of \(type)."))
    default:
        if type is String.Type || type is Bool.Type || type is Double.Type || type is Float.Type
            || type is any FixedWidthInteger.Type
        {
            throw mismatch(type, value, path)
        }
        return try T(from: JSONValueDecoder(value: value, codingPath: path))
    }
}

private func fit<I: FixedWidthInteger>(_ number: Int64, as type: I.Type) -> Any? { I(exactly: number) }

private struct Keyed<Key: CodingKey>: UniformKeyedDecoding {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap(Key.init(stringValue:)) }
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value for key \(key.stringValue)."))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try scalar(T.self, try member(key), codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { JSONValueDecoder(value: .object(members), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

/// The position of an element, as `JSONDecoder` names it in a coding path (`years[0]`).
private struct Index: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct Unkeyed: UniformUnkeyedDecoding {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next(_ type: Any.Type) throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [Index(currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decodeElement<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(T.self)
        return try scalar(T.self, value, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try next([String: Any].self)
        return try JSONValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([Any].self)
        return try JSONValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(Any.self)
        return JSONValueDecoder(value: value, codingPath: path)
    }
}

private struct Single: UniformSingleValueDecoding {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T { try scalar(T.self, value, codingPath) }

}
