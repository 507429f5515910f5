import Foundation

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

    /// The exact value as a `Decimal` (up to 18 significant digits; longer literals go
    /// through `Decimal(string:)`).
    public var decimal: Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var negative = false
        var afterPoint = false
        var utf8 = text.utf8.makeIterator()
        var exponentText: Substring?
        var offset = 0
        while let byte = utf8.next() {
            offset += 1
            switch byte {
            case UInt8(ascii: "-") where offset == 1: negative = true
            case UInt8(ascii: "."): afterPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
                if significand > 0 || byte != UInt8(ascii: "0") { digits += 1 }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if afterPoint { exponent -= 1 }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                let rest = text.utf8.dropFirst(offset)
                exponentText = Substring(rest)
            default: return nil
            }
            if exponentText != nil { break }
        }
        if let exponentText {
            guard let value = Int(exponentText.hasPrefix("+") ? exponentText.dropFirst() : exponentText),
                  abs(value) < 128 else { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
            exponent += value
        }
        if significand == 0 { return Decimal(0) }
        guard exponent >= -128, exponent <= 127 else { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}
