#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A type read straight from JSON by ``JSONReader``, without `Codable`. Each conformance reads
/// the same members that its `Codable` conformance writes.
public protocol JSONReadable {
    init(reading reader: inout JSONReader) throws
}

extension JSONReader {
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
