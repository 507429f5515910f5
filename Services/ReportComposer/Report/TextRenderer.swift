import WireProtocol

/// Renders the report as plain text for a terminal: paragraphs wrapped at `width` columns
/// counted by display width, the table aligned the same way.
struct TextRenderer: Sendable {
    var width: Int = 80

    func render(_ report: Report) -> String {
        let lang = report.lang
        var out: [String] = []
        out.append(contentsOf: wrap(report.series))
        out.append(contentsOf: wrap(report.title))
        out.append(String(repeating: "=", count: min(width, DisplayWidth.of(report.title.string))))
        out.append(contentsOf: report.authors.flatMap { wrap($0) })
        out.append("")
        for line in report.abstract {
            out.append(contentsOf: wrap((lang == .ja ? "☆" : "☆ ") + line.string, indent: "  "))
        }
        for section in report.sections {
            out.append("")
            out.append(contentsOf: wrap(section.heading))
            out.append(String(repeating: "-", count: min(width, DisplayWidth.of(section.heading.string))))
            for block in section.blocks where block.kind != .chart {
                out.append(contentsOf: render(block, report: report))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ block: Report.Block, report: Report) -> [String] {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            return wrap("\(Marks.paragraph(lang))" + (block.text?.string ?? ""), indent: "  ")
        case .initiative:
            let lead = block.organisation.map { "\($0.string)\(Marks.lead(lang))" } ?? ""
            var lines = wrap("\(Marks.paragraph(lang))" + lead + (block.text?.string ?? ""), indent: "  ")
            if let outlook = block.outlook { lines += wrap("\(Marks.outlook(lang))" + outlook.string, indent: "  ") }
            return lines
        case .note:
            return wrap(Marks.note(block.text?.string ?? "", lang)) + [""]
        case .unavailable:
            return wrap(SystemNotice.unavailable(block.service ?? "?", lang: lang))
        case .table:
            return block.table.map { table(TableText($0, lang: lang, changeLabel: report.labels.changeRate)) }
                ?? []
        case .chart:
            return []
        }
    }

    /// The table, with as many regions side by side as fit in `width`; the rest follow below.
    private func table(_ table: TableText) -> [String] {
        let labelWidth = table.rows.map { DisplayWidth.of($0.sector) }.max() ?? 0
        let columns = table.columnTitles.count
        let columnWidth = max(
            table.columnTitles.map { DisplayWidth.of($0) }.max() ?? 0,
            table.rows.flatMap(\.cells).map { DisplayWidth.of($0) }.max() ?? 0)
        let regionWidth = columns * (columnWidth + 2)
        // Narrower than one region's columns: each figure on a line of its own.
        guard labelWidth + regionWidth <= width else { return stackedTable(table, valueWidth: columnWidth) }
        let perLine = max(1, (width - labelWidth) / regionWidth)
        // The caption (measure and unit) first, wrapped like a paragraph, right above the table.
        var lines: [String] = [""] + wrap(table.caption)
        for start in stride(from: 0, to: table.regions.count, by: perLine) {
            let group = Array(start..<min(start + perLine, table.regions.count))
            var regionLine = DisplayWidth.pad("", to: labelWidth)
            var titleLine = regionLine
            for index in group {
                regionLine += "  " + DisplayWidth.pad(table.regions[index], to: regionWidth - 2)
                for title in table.columnTitles {
                    titleLine += "  " + DisplayWidth.pad(title, to: columnWidth, right: true)
                }
            }
            lines.append(trimmed(regionLine))
            lines.append(titleLine)
            for row in table.rows {
                var line = DisplayWidth.pad(row.sector, to: labelWidth)
                for index in group {
                    for column in 0..<columns {
                        line +=
                            "  " + DisplayWidth.pad(row.cells[index * columns + column], to: columnWidth, right: true)
                    }
                }
                lines.append(line)
            }
            lines.append("")
        }
        return lines
    }

    /// The table for a width that one region's columns do not fit: per region, per sector, one
    /// line per figure with its column's title (the value on a line below it if both do not fit).
    private func stackedTable(_ table: TableText, valueWidth: Int) -> [String] {
        let titleWidth = table.columnTitles.map { DisplayWidth.of($0) }.max() ?? 0
        let sideBySide = 4 + titleWidth + 2 + valueWidth <= width
        var lines: [String] = [""] + wrap(table.caption)
        for (region, name) in table.regions.enumerated() {
            lines += [""] + wrap(name)
            for row in table.rows {
                lines += wrap(row.sector, indent: "  ").map { "  " + $0 }
                for (column, title) in table.columnTitles.enumerated() {
                    let value = row.cells[region * table.columnTitles.count + column]
                    if sideBySide {
                        lines.append(
                            "    " + DisplayWidth.pad(title, to: titleWidth) + "  "
                                + DisplayWidth.pad(value, to: valueWidth, right: true))
                    } else {
                        lines.append("    " + title.string)
                        lines.append("      " + value.string)
                    }
                }
            }
        }
        lines.append("")
        return lines
    }

    private func trimmed(_ line: String) -> String {
        Self.trimmed(Array(line.utf8))
    }

    /// `utf8` without its trailing spaces, as a string.
    fileprivate static func trimmed(_ utf8: [UInt8]) -> String {
        var end = utf8.count
        while end > 0 && utf8[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// Wraps `text` at `width` display columns; continuation lines start with `indent`. Lines
    /// break between any two characters of Japanese text, between words elsewhere, and never
    /// before closing punctuation. Works on the UTF-8 bytes: a line is a range of them, no
    /// `Character` (grapheme breaking) and no `String` per character.
    func wrap(_ text: some UTF8Text, indent: String = "") -> [String] {
        text.withUTF8Bytes { utf8 in
            var wrapper = LineWrapper(text: utf8, width: width, indent: indent)
            return wrapper.wrap()
        }
    }
}

/// The state of ``TextRenderer/wrap(_:indent:)``: the lines so far, the line being filled (the
/// indent after the first line, then a range of the text) and the unit not yet placed (a word,
/// or a wide character with the closing punctuation after it), which starts where the line ends.
private struct LineWrapper {
    let text: UnsafeBufferPointer<UInt8>
    let width: Int
    let indent: [UInt8]
    let indentWidth: Int
    var lines: [String] = []
    var lineStart = 0
    var lineIndented = false
    var lineWidth = 0
    var wordStart = 0
    var wordWidth = 0

    init(text: UnsafeBufferPointer<UInt8>, width: Int, indent: String) {
        self.text = text
        self.width = width
        self.indent = Array(indent.utf8)
        indentWidth = DisplayWidth.of(indent)
    }

    mutating func wrap() -> [String] {
        var index = 0
        while index < text.count {
            let (value, length) = Self.scalar(in: text, at: index)
            let scalarWidth = value < 0x80 ? (value == 0 ? 0 : 1) : DisplayWidth.of(Unicode.Scalar(value)!)
            // A wide character, a space, or closing punctuation after a wide character ends the
            // current unit; closing punctuation sticks to what precedes it.
            if (scalarWidth == 2 || value == 0x20) && !Self.mayNotStartLine(value) { placeWord(endingAt: index) }
            wordWidth += scalarWidth
            index += length
        }
        placeWord(endingAt: text.count)
        if lineIndented || lineStart < text.count { emitLine(endingAt: text.count) }
        return lines
    }

    private mutating func placeWord(endingAt end: Int) {
        if lineWidth + wordWidth > width && lineWidth > indentWidth {
            emitLine(endingAt: wordStart)
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

    /// The line up to `end`, without its trailing spaces.
    private mutating func emitLine(endingAt end: Int) {
        var bytes = lineIndented ? indent : []
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[lineStart..<end]))
        lines.append(TextRenderer.trimmed(bytes))
    }

    /// The scalar value at `index` of well-formed UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
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
