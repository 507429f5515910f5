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
    static func unavailable(_ service: String) -> String {
        "【\(service) サービスが応答しなかったため、この部分は表示できません】"
    }
}
