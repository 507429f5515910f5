import Foundation
import WireProtocol

/// How the report writes its figures.
enum FigureFormat {
    /// A share as published: `35.40` with the dataset's decimals; the whole economy as `100`.
    static func share(_ value: Decimal, decimals: Int, isTotal: Bool) -> String {
        fixed(value, decimals: isTotal && value == value.rounded(0) ? 0 : decimals)
    }

    /// A rate of change the Japanese way: `18.3%`, `▲50.6%` for a negative, `-` for none.
    static func rate(_ value: Decimal?) -> String {
        guard let value else { return "-" }
        return value < 0 ? "▲\(fixed(-value, decimals: 1))%" : "\(fixed(value, decimals: 1))%"
    }

    /// `value` rounded half up to `decimals` places, with trailing zeros kept (`35.40`).
    static func fixed(_ value: Decimal, decimals: Int) -> String {
        let rounded = value.rounded(decimals)
        let negative = rounded < 0
        let digits = "\(negative ? -rounded : rounded)"
        var parts = digits.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        let fraction = decimals > 0 ? "." + parts[1].padding(toLength: decimals, withPad: "0", startingAt: 0) : ""
        return (negative ? "-" : "") + parts[0] + fraction
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
    static func unavailable(_ service: String) -> String {
        "【\(service) サービスが応答しなかったため、この部分は表示できません】"
    }
}
