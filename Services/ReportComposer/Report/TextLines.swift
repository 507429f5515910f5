/// Lines of text being written as UTF-8 bytes, each ended by ``endLine(trimming:)``.
struct TextLines: UTF8Text {
    var bytes: [UInt8] = []
    /// Where the line being written starts.
    private var lineStart = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    static func += (lines: inout TextLines, literal: StaticString) {
        lines.bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(_ text: some UTF8Text) {
        text.withUTF8Bytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// Appends `text` (none: nothing) padded with spaces to `width` columns, on the left
    /// (`right: true`) or the right.
    mutating func pad(_ text: ReportText?, to width: Int, right: Bool = false) {
        let fill = max(0, width - (text.map { DisplayWidth.of($0) } ?? 0))
        if !right, let text { append(text) }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: fill))
        if right, let text { append(text) }
    }

    /// `count` times `mark`, as a line.
    mutating func rule(_ mark: UInt8, count: Int) {
        bytes.append(contentsOf: repeatElement(mark, count: count))
        endLine()
    }

    /// Ends the line, `trimming` its trailing spaces first.
    mutating func endLine(trimming: Bool = false) {
        if trimming {
            while bytes.count > lineStart, bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        }
        bytes.append(UInt8(ascii: "\n"))
        lineStart = bytes.count
    }

    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }
}
