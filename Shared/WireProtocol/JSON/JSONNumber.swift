#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON number as it was written, checked against the grammar, with exact conversions.
public struct JSONNumber: Sendable, Hashable {
    /// The literal, e.g. `-12.50` or `1e3`.
    public let text: String
    /// No fraction and no exponent.
    public let isInteger: Bool

    /// The value as an `Int`, if it is an integer literal that fits.
    public var int: Int? { isInteger ? Int(text) : nil }

    /// The value as an `Int64`, if it is an integer literal that fits.
    public var int64: Int64? { isInteger ? Int64(text) : nil }

    /// The nearest `Double`.
    public var double: Double? { Double(text) }

    /// The exact value as a `Decimal`, at any length. (Figures of at most 18 digits read
    /// cheaper with ``JSONReader/readExactDecimal()``.)
    public var decimal: Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
