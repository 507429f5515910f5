/// A renderer's output as UTF-8 bytes — Markdown, HTML and SVG, plain text — with literal pieces
/// and texts appended in place, no `String` made per piece.
protocol UTF8Buffer {
    var bytes: [UInt8] { get set }
}

extension UTF8Buffer {
    /// Appends a literal's bytes.
    static func += (buffer: inout Self, literal: StaticString) {
        buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends text that needs no escaping (markup already escaped, digits, marks).
    mutating func append(raw text: some UTF8Text) {
        text.withUTF8Bytes { bytes.append(contentsOf: $0) }
    }
}
