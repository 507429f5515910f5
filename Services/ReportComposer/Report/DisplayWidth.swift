/// Terminal display width: East Asian wide and fullwidth characters take two columns.
enum DisplayWidth {
    static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The width of a report's text, from its UTF-8 bytes: no `String` is made.
    static func of(_ text: ReportText) -> Int {
        text.withUTF8 { utf8 in
            var width = 0
            var index = 0
            while index < utf8.count {
                let (value, length) = scalar(in: utf8, at: index)
                width += of(scalarValue: value)
                index += length
            }
            return width
        }
    }

    /// The width of the scalar with this value (read from well-formed UTF-8), ASCII at once.
    @inline(__always)
    static func of(scalarValue value: UInt32) -> Int {
        value < 0x80 ? (value == 0 ? 0 : 1) : of(Unicode.Scalar(value)!)
    }

    /// The scalar value at `index` of well-formed UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(utf8[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F), 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12 | UInt32(utf8[index + 2] & 0x3F) << 6
            | UInt32(utf8[index + 3] & 0x3F)
        return (value, 4)
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 || (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) { return 0 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
