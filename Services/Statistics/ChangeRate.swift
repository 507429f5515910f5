import Foundation

/// The rate of change (増減率) the report prints.
enum ChangeRate {
    /// (new − old) / old × 100, rounded half up (away from zero) to one decimal, in decimal
    /// arithmetic so that no binary rounding creeps in. `nil` when `old` is zero.
    static func percent(from old: Decimal, to new: Decimal) -> Decimal? {
        guard old != 0 else { return nil }
        var exact = (new - old) / old * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return rounded
    }
}
