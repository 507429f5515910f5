#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A decimal number as an integer significand and a power of ten: `35.40` is 3540 × 10⁻².
/// Exact, cheap to compare, and printable to a fixed number of places in integer arithmetic.
/// The figures of the contract are these rather than `Decimal`, whose digits
/// FoundationEssentials gives out only through `description` (about a microsecond a value).
/// On the wire it is a plain JSON number, written as `Decimal` writes it.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The digits as one integer; its magnitude is below 10¹⁸ for values read from JSON.
    public let significand: Int64
    /// The power of ten the significand is scaled by.
    public let exponent: Int

    public init(significand: Int64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    public init(integerLiteral value: Int64) {
        self.init(significand: value, exponent: 0)
    }

    /// The same value with the significand's trailing zeros moved into the exponent
    /// (`3540 × 10⁻²` is `354 × 10⁻¹`); zero is `0 × 10⁰`.
    public var normalized: ExactDecimal {
        guard significand != 0 else { return ExactDecimal(significand: 0, exponent: 0) }
        var significand = self.significand
        var exponent = self.exponent
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        return ExactDecimal(significand: significand, exponent: exponent)
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let left = lhs.normalized
        let right = rhs.normalized
        return left.significand == right.significand && left.exponent == right.exponent
    }

    public func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.significand)
        hasher.combine(value.exponent)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if (lhs.significand < 0) != (rhs.significand < 0) { return lhs.significand < 0 }
        if lhs.significand == 0 || rhs.significand == 0 { return lhs.significand < rhs.significand }
        // Same sign, both non-zero: bring them to the smaller exponent. Scaling up that
        // overflows means a magnitude beyond the other's.
        let negative = lhs.significand < 0
        let shift = lhs.exponent - rhs.exponent
        if shift == 0 { return lhs.significand < rhs.significand }
        let (scaled, other, scaledIsLeft) = shift > 0 ? (lhs, rhs, true) : (rhs, lhs, false)
        var magnitude = scaled.significand.magnitude
        for _ in 0..<abs(shift) {
            let (next, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return scaledIsLeft == negative }
            magnitude = next
        }
        let otherMagnitude = other.significand.magnitude
        if magnitude == otherMagnitude { return false }
        let scaledIsLarger = magnitude > otherMagnitude
        return scaledIsLeft ? scaledIsLarger == negative : scaledIsLarger != negative
    }

    public static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(significand: -value.significand, exponent: value.exponent)
    }

    /// The value in plain digits, as `Decimal` writes it: `-35.4`, `100`, `0.06`.
    public var description: String {
        let value = normalized
        var digits = String(value.significand.magnitude)
        if value.exponent > 0 {
            digits += String(repeating: "0", count: value.exponent)
        } else if value.exponent < 0 {
            let places = -value.exponent
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (value.significand < 0 ? "-" : "") + digits
    }

    /// The same value as a `Decimal`.
    public var decimal: Decimal {
        Decimal(sign: significand < 0 ? .minus : .plus, exponent: exponent, significand: Decimal(significand.magnitude))
    }

    /// The nearest `Double`, for drawing.
    public var doubleValue: Double {
        // The usual case in one correctly rounded operation on two exact doubles (the
        // significand below 2⁵³, the power of ten at most 10²²): the value parsing the digits
        // gives, without writing and parsing them.
        if significand.magnitude < 1 << 53, (-22...22).contains(exponent) {
            let scale = Self.exactPowersOfTen[Int(exponent.magnitude)]
            return exponent < 0 ? Double(significand) / scale : Double(significand) * scale
        }
        return Double("\(significand)e\(exponent)") ?? .nan
    }

    /// 10⁰ through 10²²: every power of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// `decimal` exactly, if its digits fit a significand below 10¹⁸; `nil` otherwise.
    public init?(exactly decimal: Decimal) {
        guard !decimal.isNaN else { return nil }
        self.init(plainDigits: decimal.description)
    }

    /// A number written in plain digits (`-35.4`), with at most 18 of them.
    init?(plainDigits text: String) {
        var negative = false
        var seenPoint = false
        var digits = 0
        var fractionDigits = 0
        var significand: Int64 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: ".") where !seenPoint: seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + Int64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -significand : significand, exponent: -fractionDigits)
    }
}

extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let decimal = try container.decode(Decimal.self)
        guard let value = ExactDecimal(exactly: decimal) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(decimal) has more than 18 digits")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }
}
