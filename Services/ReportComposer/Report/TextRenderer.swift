import WireProtocol

/// Renders the report as plain text for a terminal: paragraphs wrapped at `width` columns
/// counted by display width, the table aligned the same way.
struct TextRenderer: Sendable {
    var width: Int = 80

    /// Characters a line may not start with (行頭禁則), as scalar values.
    private static let noLineStart: Set<UInt32> = Set(
        "、。，．）」』】〕！？：；ー・％々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.!?:;%".unicodeScalars.map(\.value))

    func render(_ report: Report) -> String {
        let lang = report.lang
        var out: [String] = []
        out.append(contentsOf: wrap(report.series))
        out.append(contentsOf: wrap(report.title))
        out.append(String(repeating: "=", count: min(width, DisplayWidth.of(report.title))))
        out.append(contentsOf: report.authors.flatMap { wrap($0) })
        out.append("")
        for line in report.abstract { out.append(contentsOf: wrap((lang == .ja ? "☆" : "☆ ") + line, indent: "  ")) }
        for section in report.sections {
            out.append("")
            out.append(contentsOf: wrap(section.heading))
            out.append(String(repeating: "-", count: min(width, DisplayWidth.of(section.heading))))
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
            return wrap(Marks.paragraph(lang) + (block.text ?? ""), indent: "  ")
        case .initiative:
            let lead = block.organisation.map { $0 + Marks.lead(lang) } ?? ""
            var lines = wrap(Marks.paragraph(lang) + lead + (block.text ?? ""), indent: "  ")
            if let outlook = block.outlook { lines += wrap(Marks.outlook(lang) + outlook, indent: "  ") }
            return lines
        case .note:
            return wrap(Marks.note(block.text ?? "", lang)) + [""]
        case .unavailable:
            return wrap(SystemNotice.unavailable(block.service ?? "?", lang: lang))
        case .table:
            return block.table.map { table(TableText($0, lang: lang, changeLabel: report.labels.changeRate)) } ?? []
        case .chart:
            return []
        }
    }

    /// The table, with as many regions side by side as fit in `width`; the rest follow below.
    private func table(_ table: TableText) -> [String] {
        let labelWidth = table.rows.map { DisplayWidth.of($0.sector) }.max() ?? 0
        let columns = table.columnTitles.count
        let columnWidth = max(
            table.columnTitles.map(DisplayWidth.of).max() ?? 0,
            table.rows.flatMap(\.cells).map(DisplayWidth.of).max() ?? 0)
        let regionWidth = columns * (columnWidth + 2)
        let perLine = max(1, (width - labelWidth) / regionWidth)
        var lines: [String] = [""]
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

    private func trimmed(_ line: String) -> String {
        String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// Wraps `text` at `width` display columns; continuation lines start with `indent`. Lines
    /// break between any two characters of Japanese text, between words elsewhere, and never
    /// before closing punctuation. Works on Unicode scalars and UTF-8 bytes: no `Character`
    /// (grapheme breaking) and no `String` per character.
    func wrap(_ text: String, indent: String = "") -> [String] {
        let indentBytes = Array(indent.utf8)
        let indentWidth = DisplayWidth.of(indent)
        var lines: [String] = []
        var line: [UInt8] = []
        var lineWidth = 0
        var word: [UInt8] = []
        var wordWidth = 0

        func flushWord() {
            if lineWidth + wordWidth > width && lineWidth > indentWidth {
                lines.append(Self.trimmed(line))
                line = indentBytes
                lineWidth = indentWidth
                if word.first == UInt8(ascii: " ") {
                    word.removeFirst()
                    wordWidth -= 1
                }
            }
            line.append(contentsOf: word)
            lineWidth += wordWidth
            word.removeAll(keepingCapacity: true)
            wordWidth = 0
        }

        for scalar in text.unicodeScalars {
            let scalarWidth = DisplayWidth.of(scalar)
            // A wide character, a space, or closing punctuation after a wide character ends the
            // current unit; closing punctuation sticks to what precedes it.
            if !Self.noLineStart.contains(scalar.value) {
                if scalarWidth == 2 || scalar == " " { flushWord() }
            }
            UTF8.encode(scalar) { word.append($0) }
            wordWidth += scalarWidth
        }
        flushWord()
        if !line.isEmpty { lines.append(Self.trimmed(line)) }
        return lines
    }

    /// `utf8` without its trailing spaces, as a string.
    private static func trimmed(_ utf8: [UInt8]) -> String {
        var end = utf8.count
        while end > 0 && utf8[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }
}
