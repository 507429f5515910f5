/// The state of ``TextRenderer/wrap(_:indent:prefix:into:)``: the line being filled (the
/// indent after the first line, then a range of the text) and the unit not yet placed (a word,
/// or a wide character with the closing punctuation after it), which starts where the line ends.
struct LineWrapper {
    let text: UnsafeBufferPointer<UInt8>
    let width: Int
    let indent: StaticString
    let indentWidth: Int
    let prefix: StaticString
    var lineStart = 0
    var lineIndented = false
    var lineWidth = 0
    var wordStart = 0
    var wordWidth = 0

    init(text: UnsafeBufferPointer<UInt8>, width: Int, indent: StaticString, prefix: StaticString) {
        self.text = text
        self.width = width
        self.indent = indent
        // The indents are spaces: one column each.
        indentWidth = indent.utf8CodeUnitCount
        self.prefix = prefix
    }

    mutating func wrap(into out: inout TextLines) {
        var index = 0
        while index < text.count {
            let (value, length) = DisplayWidth.scalar(in: text, at: index)
            let scalarWidth = DisplayWidth.of(scalarValue: value)
            // A wide character, a space, or closing punctuation after a wide character ends the
            // current unit; closing punctuation sticks to what precedes it.
            if (scalarWidth == 2 || value == 0x20) && !Self.mayNotStartLine(value) {
                placeWord(endingAt: index, into: &out)
            }
            wordWidth += scalarWidth
            index += length
        }
        placeWord(endingAt: text.count, into: &out)
        if lineIndented || lineStart < text.count { emitLine(endingAt: text.count, into: &out) }
    }

    private mutating func placeWord(endingAt end: Int, into out: inout TextLines) {
        if lineWidth + wordWidth > width && lineWidth > indentWidth {
            emitLine(endingAt: wordStart, into: &out)
            lineIndented = true
            lineWidth = indentWidth
            if wordStart < end && text[wordStart] == UInt8(ascii: " ") {
                wordStart += 1
                wordWidth -= 1
            }
            lineStart = wordStart
        }
        lineWidth += wordWidth
        wordStart = end
        wordWidth = 0
    }

    /// The line up to `end`, without its trailing spaces, after the prefix.
    private func emitLine(endingAt end: Int, into out: inout TextLines) {
        out += prefix
        var last = end
        while last > lineStart && text[last - 1] == UInt8(ascii: " ") { last -= 1 }
        // A line of spaces only is trimmed to nothing, its indent with it.
        if last > lineStart {
            if lineIndented { out += indent }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[lineStart..<last]))
        }
        out.endLine()
    }

    /// Characters a line may not start with (行頭禁則): 、。，．）」』】〕！？：；ー・％々ゝゞ, small
    /// kana, and )]},.!?:;%.
    private static func mayNotStartLine(_ value: UInt32) -> Bool {
        switch value {
        case 0x21, 0x25, 0x29, 0x2C, 0x2E, 0x3A, 0x3B, 0x3F, 0x5D, 0x7D, 0x3001, 0x3002, 0x3005, 0x300D, 0x300F, 0x3011,
            0x3015, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x309D, 0x309E,
            0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB,
            0x30FC, 0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F:
            true
        default: false
        }
    }
}
