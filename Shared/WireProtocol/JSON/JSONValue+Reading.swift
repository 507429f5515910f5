#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONValue {
    /// Parses one JSON text with ``JSONReader``. Integers that fit `Int64` become
    /// ``integer(_:)``; other numbers ``number(_:)``.
    public static func parse(_ data: Data, maxDepth: Int = 64) throws -> JSONValue {
        try JSONReader.read(data, maxDepth: maxDepth) { try JSONValue(reading: &$0) }
    }

    /// Reads the next value.
    public init(reading reader: inout JSONReader) throws {
        switch try reader.peekKind() {
        case .null:
            try reader.readNull()
            self = .null
        case .bool:
            self = .bool(try reader.readBool())
        case .string:
            self = .string(try reader.readString())
        case .number:
            let number = try reader.readNumber()
            if let integer = number.int64 {
                self = .integer(integer)
            } else if let double = number.double, double.isFinite {
                self = .number(double)
            } else {
                throw reader.unexpected("the number \(number.text) is out of range")
            }
        case .array:
            var items: [JSONValue] = []
            try reader.readElements { reader in items.append(try JSONValue(reading: &reader)) }
            self = .array(items)
        case .object:
            var members: [String: JSONValue] = [:]
            try reader.readObject { key, reader in members[key.string] = try JSONValue(reading: &reader) }
            self = .object(members)
        }
    }
}
