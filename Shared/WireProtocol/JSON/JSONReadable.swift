#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A type read straight from JSON by ``JSONReader``, without `Codable`: the service replies
/// the composer reads on every request. Each conformance reads the same members that its
/// `Codable` conformance writes; the tests round-trip every one through both.
public protocol JSONReadable {
    init(reading reader: inout JSONReader) throws
}

extension JSONReadable {
    /// Reads a whole JSON text as `Self`.
    public init(json data: Data) throws {
        self = try JSONReader.read(data) { try Self(reading: &$0) }
    }
}

extension JSONReader {
    /// Reads a `T`.
    public mutating func read<T: JSONReadable>(_ type: T.Type = T.self) throws -> T {
        try T(reading: &self)
    }

    /// Reads an array of `T`.
    public mutating func readArray<T: JSONReadable>(of type: T.Type) throws -> [T] {
        try readArray { try T(reading: &$0) }
    }

    /// Reads an array of strings.
    public mutating func readStrings() throws -> [String] {
        try readArray { try $0.readString() }
    }

    /// Reads a value with `read`, or `nil` for `null`, as `decodeIfPresent` does.
    @inlinable
    public mutating func readOptional<T>(_ read: (inout JSONReader) throws -> T) throws -> T? {
        if try readNullIfPresent() { return nil }
        return try read(&self)
    }

    /// The value of a member an object must have, or an error naming it.
    @inlinable
    public func required<T>(_ value: T?, _ member: StaticString, of type: StaticString) throws -> T {
        guard let value else { throw unexpected("\(type) needs the member \"\(member)\"") }
        return value
    }

    /// Checks that a member an object must have was there, or throws the error naming it.
    public func require(_ present: Bool, _ member: StaticString, of type: StaticString) throws {
        guard present else { throw unexpected("\(type) needs the member \"\(member)\"") }
    }

    /// Reads a string and checks it, keeping nothing: for a member that must be there but is
    /// not needed. Returns `true`, to mark the member present.
    public mutating func checkString() throws -> Bool {
        try readStringUTF8 { _, _ in true }
    }
}
