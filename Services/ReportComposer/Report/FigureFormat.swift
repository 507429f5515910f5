import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How the report writes its figures.
enum FigureFormat {
    /// A share as published: `35.40` with the dataset's decimals; the whole economy as `100`.
    static func share(_ value: ExactDecimal, decimals: Int, isTotal: Bool) -> String {
        shareText(value, decimals: decimals, isTotal: isTotal).string
    }

    /// ``share(_:decimals:isTotal:)`` as a report text: no `String` is made.
    static func shareText(_ value: ExactDecimal, decimals: Int, isTotal: Bool) -> ReportText {
        fixedText(value, decimals: isTotal && value.isInteger ? 0 : decimals)
    }

    /// A rate of change: `18.3%`; a negative the Japanese way, `▲50.6%`, or with a minus sign
    /// in English, `−50.6%`; `-` for none.
    static func rate(_ value: ExactDecimal?, lang: ReportLanguage = .ja) -> String {
        rateText(value, lang: lang).string
    }

    /// ``rate(_:lang:)`` as a report text: no `String` is made.
    static func rateText(_ value: ExactDecimal?, lang: ReportLanguage = .ja) -> ReportText {
        guard let value else { return "-" }
        guard value < 0 else { return fixedText(value, decimals: 1, suffix: "%") }
        return fixedText(-value, decimals: 1, prefix: lang == .ja ? "▲" : "\u{2212}", suffix: "%")
    }

    /// A year as the edition writes it: `平成2年`, or `1990 (Heisei 2)`.
    static func year(_ year: StatisticsTable.Year, lang: ReportLanguage) -> String {
        yearText(year, lang: lang).string
    }

    /// ``year(_:lang:)`` as a report text.
    static func yearText(_ year: StatisticsTable.Year, lang: ReportLanguage) -> ReportText {
        switch lang {
        case .ja: year.era
        case .en: year.eraEn.map { ReportText("\(year.year) (\($0))") } ?? ReportText(String(year.year))
        }
    }

    /// `value` rounded half away from zero to `decimals` places, with trailing zeros kept
    /// (`35.40`), in integer arithmetic on its significand.
    static func fixed(_ value: ExactDecimal, decimals: Int) -> String {
        fixedText(value, decimals: decimals).string
    }

    /// ``fixed(_:decimals:)`` between `prefix` and `suffix`, as one report text.
    static func fixedText(
        _ value: ExactDecimal, decimals: Int, prefix: StaticString = "", suffix: StaticString = ""
    ) -> ReportText {
        if let text = fixedFromParts(value, decimals: decimals, prefix: prefix, suffix: suffix) { return text }
        return ReportText(prefix.description + fixedFromDigits(value, decimals: decimals) + suffix.description)
    }

    /// The common case: the value scaled to `decimals` places fits 64 bits. `nil` otherwise.
    private static func fixedFromParts(
        _ value: ExactDecimal, decimals: Int, prefix: StaticString, suffix: StaticString
    ) -> ReportText? {
        guard decimals >= 0, decimals <= 18, prefix.utf8CodeUnitCount + suffix.utf8CodeUnitCount <= 16 else {
            return nil
        }
        let significand = value.significand.magnitude
        let negative = value.significand < 0
        let shift = value.exponent + decimals
        var units: UInt64
        if shift >= 0 {
            guard shift <= 18 else { return nil }
            let (scaled, overflow) = significand.multipliedReportingOverflow(by: powersOfTen[shift])
            guard !overflow else { return nil }
            units = scaled
        } else {
            guard -shift <= 19 else { return nil }
            let divisor = -shift == 19 ? UInt64(10_000_000_000_000_000_000) : powersOfTen[-shift]
            units = significand / divisor
            // Half away from zero: the remainder is at least half the divisor.
            if significand % divisor >= divisor - divisor / 2 { units += 1 }
        }
        // Written back to front into a buffer on the stack — the suffix, the digits (at most 19
        // integer digits, a point, 18 decimals and a sign), the prefix — then made one text.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 56) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            func put(_ literal: StaticString) {
                let count = literal.utf8CodeUnitCount
                start -= count
                for offset in 0..<count { buffer[start + offset] = literal.utf8Start[offset] }
            }
            put(suffix)
            var integer = units / powersOfTen[decimals]
            var fraction = units % powersOfTen[decimals]
            if decimals > 0 {
                for _ in 0..<decimals {
                    put(UInt8(fraction % 10) + UInt8(ascii: "0"))
                    fraction /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(integer % 10) + UInt8(ascii: "0"))
                integer /= 10
            } while integer > 0
            if negative && units > 0 { put(UInt8(ascii: "-")) }
            put(prefix)
            return ReportText(copying: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Any value and any number of places, one decimal digit at a time.
    private static func fixedFromDigits(_ value: ExactDecimal, decimals: Int) -> String {
        let decimals = max(0, decimals)
        var digits = String(value.significand.magnitude).utf8.map { $0 - UInt8(ascii: "0") }
        var fractionDigits = 0
        if value.exponent >= 0 {
            digits += repeatElement(0, count: value.exponent)
        } else {
            fractionDigits = -value.exponent
            // At least one integer digit: 6 × 10⁻³ is 0.006.
            if digits.count <= fractionDigits {
                digits.insert(contentsOf: repeatElement(0, count: fractionDigits + 1 - digits.count), at: 0)
            }
        }
        // Drop the digits beyond `decimals`, rounding the rest half away from zero.
        if fractionDigits > decimals {
            let cut = digits.count - (fractionDigits - decimals)
            let roundUp = digits[cut] >= 5
            digits.removeLast(digits.count - cut)
            fractionDigits = decimals
            if roundUp {
                var index = digits.count - 1
                while index >= 0, digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                }
                if index >= 0 { digits[index] += 1 } else { digits.insert(1, at: 0) }
            }
        }
        digits += repeatElement(0, count: decimals - fractionDigits)
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(0, count: decimals + 1 - digits.count), at: 0)
        }
        var text = value.significand < 0 && digits.contains(where: { $0 != 0 }) ? "-" : ""
        let integerCount = digits.count - decimals
        let integerPart = digits[..<integerCount].drop { $0 == 0 }
        text += integerPart.isEmpty ? "0" : String(decoding: integerPart.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if decimals > 0 {
            text += "." + String(decoding: digits[integerCount...].map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        }
        return text
    }

    private static let powersOfTen: [UInt64] = (0...18).map { (0..<$0).reduce(1) { value, _ in value * 10 } }
}

extension ExactDecimal {
    /// Whether the value is a whole number (`100`, `100.00`).
    var isInteger: Bool { normalized.exponent >= 0 }
}
