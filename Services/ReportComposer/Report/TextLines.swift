/// Lines of text being written as UTF-8 bytes, each ended by ``endLine(trimming:)``.
struct TextLines: UTF8Buffer, UTF8Text {
    var bytes: [UInt8] = []
    /// Where the line being written starts.
    private var lineStart = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text` (none: nothing) padded with spaces to `width` columns, on the left
    /// (`right: true`) or the right.
    mutating func pad(_ text: ReportText?, to width: Int, right: Bool = false) {
        let fill = max(0, width - (text.map { DisplayWidth.of($0) } ?? 0))
        if !right, let text { append(raw: text) }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: fill))
        if right, let text { append(raw: text) }
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
