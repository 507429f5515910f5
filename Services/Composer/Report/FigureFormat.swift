import Foundation
import WireProtocol

/// How the report writes its figures.
enum FigureFormat {
    /// A share as published: `35.40` with the dataset's decimals; the whole economy as `100`.
    static func share(_ value: Decimal, decimals: Int, isTotal: Bool) -> String {
        fixed(value, decimals: isTotal && value == value.rounded(0) ? 0 : decimals)
    }

    /// A rate of change: `18.3%`; a negative the Japanese way, `▲50.6%`, or with a minus sign
    /// in English, `−50.6%`; `-` for none.
    static func rate(_ value: Decimal?, lang: ReportLanguage = .ja) -> String {
        guard let value else { return "-" }
        guard value < 0 else { return "\(fixed(value, decimals: 1))%" }
        return (lang == .ja ? "▲" : "\u{2212}") + "\(fixed(-value, decimals: 1))%"
    }

    /// A year as the edition writes it: `平成2年`, or `1990 (Heisei 2)`.
    static func year(_ year: IndustryStructure.Year, lang: ReportLanguage) -> String {
        switch lang {
        case .ja: year.era
        case .en: year.eraEn.map { "\(year.year) (\($0))" } ?? String(year.year)
        }
    }

    /// `value` rounded half up to `decimals` places, with trailing zeros kept (`35.40`).
    static func fixed(_ value: Decimal, decimals: Int) -> String {
        var scale = Decimal(1)
        for _ in 0..<decimals { scale *= 10 }
        // Exact: the value is rounded in decimal, then scaled to a whole number of units.
        let units = NSDecimalNumber(decimal: (value * scale).rounded(0)).int64Value
        let magnitude = units.magnitude
        let divisor = UInt64(NSDecimalNumber(decimal: scale).int64Value)
        var text = units < 0 ? "-" : ""
        text += String(magnitude / divisor)
        if decimals > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}

extension Decimal {
    func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}

extension IndustryStructure {
    func sector(_ code: String) -> Sector? { sectors.first { $0.code == code } }
}

/// Words the composer itself prints around service data, not taken from the report.
enum SystemNotice {
    /// Marks a part of the report whose service did not answer.
    static func unavailable(_ service: String, lang: ReportLanguage = .ja) -> String {
        switch lang {
        case .ja: "【\(service) サービスが応答しなかったため、この部分は表示できません】"
        case .en: "[The \(service) service did not answer, so this part cannot be shown.]"
        }
    }
}

/// The report's marks: ○ before a paragraph, ➢ before an outlook, a caption in parentheses,
/// and the … after a leading organisation, as the seed writes them; in English, plain
/// punctuation.
enum Marks {
    static func paragraph(_ lang: ReportLanguage) -> String { lang == .ja ? "○" : "○ " }
    static func outlook(_ lang: ReportLanguage) -> String { lang == .ja ? "➢" : "➢ " }
    static func lead(_ lang: ReportLanguage) -> String { lang == .ja ? "…" : ": " }
    static func note(_ text: String, _ lang: ReportLanguage) -> String { lang == .ja ? "（\(text)）" : "(\(text))" }
}
