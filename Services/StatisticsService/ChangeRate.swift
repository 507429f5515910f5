import WireProtocol

/// The rate of change (増減率) the report prints.
enum ChangeRate {
    /// (new − old) / old × 100, rounded half up (away from zero) to one decimal, for values in
    /// whole units of any common scale (the dataset's shares in hundredths), in exact integer
    /// arithmetic: round((new − old) × 1000 / old) tenths of a percent. `nil` when `old` is zero.
    static func percent(fromUnits old: Int64, toUnits new: Int64) -> ExactDecimal? {
        guard old != 0 else { return nil }
        let numerator = (new - old).magnitude * 1000
        let denominator = old.magnitude
        let tenths = (numerator * 2 + denominator) / (denominator * 2)
        let negative = (new - old < 0) != (old < 0)
        return ExactDecimal(significand: negative ? -Int64(tenths) : Int64(tenths), exponent: -1)
    }
}
