/// Reads decimal numbers from text exactly, as whole units of 10^-decimals.
enum NumberText {
    enum Failure: Error, Equatable {
        case notANumber
        case tooManyDecimals
        case outOfRange
    }

    /// `"35.40"` with `decimals: 2` → 3540. Accepts an optional sign, digits and a fraction of
    /// at most `decimals` digits; nothing else.
    static func units(_ text: some Collection<UInt8>, decimals: Int) throws(Failure) -> Int64 {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        var index = text.startIndex
        if index != text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            text.formIndex(after: &index)
        }
        while index != text.endIndex {
            let byte = text[index]
            text.formIndex(after: &index)
            if byte == UInt8(ascii: ".") {
                guard !inFraction else { throw .notANumber }
                inFraction = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .notANumber }
            if inFraction {
                fractionDigits += 1
                guard fractionDigits <= decimals else { throw .tooManyDecimals }
            }
            digits += 1
            guard digits <= 17 else { throw .outOfRange }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        guard digits > 0 else { throw .notANumber }
        for _ in fractionDigits..<decimals { value *= 10 }
        return negative ? -value : value
    }

    /// Any finite decimal number (absolute amounts).
    static func double(_ text: some Collection<UInt8>) throws(Failure) -> Double {
        guard !text.isEmpty, let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw .notANumber
        }
        return value
    }
}
