/// HTML or SVG being written, as UTF-8 bytes: literal pieces, escaped text and coordinates
/// appended in place, with no `String` per piece (string interpolation made a temporary string
/// per attribute, and a `Double`'s description per coordinate).
struct MarkupBuffer: UTF8Buffer {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` with `& < > " '` escaped, as ``HTML/escape(_:)`` does.
    mutating func append(escaping text: some UTF8Text) {
        text.withUTF8Bytes { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let replacement: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                self += replacement
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Appends `open`, `text` escaped, then `close`: an element or attribute with its text.
    mutating func append(_ open: StaticString, escaping text: some UTF8Text, _ close: StaticString) {
        self += open
        append(escaping: text)
        self += close
    }

    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0 && count < 10
            if magnitude > 0 {
                // Wider than ten digits: rare enough for the slow way.
                bytes.append(contentsOf: String(value.magnitude).utf8)
                return
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A coordinate to two decimals, without a fraction when it is whole: `12`, `12.5` as
    /// `12.50`, `-0.25`.
    mutating func append(coordinate value: Double) {
        let hundredths = Int((value * 100).rounded())
        guard hundredths % 100 != 0 else { return append(hundredths / 100) }
        let magnitude = abs(hundredths)
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        append(magnitude / 100)
        let fraction = magnitude % 100
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }
}
