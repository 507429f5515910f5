import WireProtocol

/// Renders the report as plain text for a terminal: paragraphs wrapped at `width` columns
/// counted by display width, the table aligned the same way.
struct TextRenderer: Sendable {
    var width: Int = 80

    func render(_ report: Report) -> String {
        renderUTF8(report).text
    }

    /// The report as the UTF-8 bytes written, each line followed by a newline: written line by
    /// line into one buffer, with no `String` per line, paragraph or padded cell.
    func renderUTF8(_ report: Report) -> RenderedText {
        let lang = report.lang
        var out = TextLines(capacity: 12 << 10)
        wrap(report.series, into: &out)
        wrap(report.title, into: &out)
        out.rule(UInt8(ascii: "="), count: min(width, DisplayWidth.of(report.title)))
        for author in report.authors { wrap(author, into: &out) }
        out.endLine()
        for line in report.abstract {
            var text = TextLines(capacity: line.count + 4)
            text += lang == .ja ? "☆" : "☆ "
            text.append(raw: line)
            wrap(text, indent: "  ", into: &out)
        }
        report.sections.withUnsafeBufferPointer { sections in
            for section in sections {
                out.endLine()
                wrap(section.heading, into: &out)
                out.rule(UInt8(ascii: "-"), count: min(width, DisplayWidth.of(section.heading)))
                section.blocks.withUnsafeBufferPointer { blocks in
                    for index in blocks.indices where blocks[index].kind != .chart {
                        render(blocks[index], report: report, into: &out)
                    }
                }
            }
        }
        return RenderedText(writtenUTF8: out.bytes)
    }

    private func render(_ block: Report.Block, report: Report, into out: inout TextLines) {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            var text = TextLines(capacity: 512)
            text += Marks.paragraph(lang)
            if let body = block.text { text.append(raw: body) }
            wrap(text, indent: "  ", into: &out)
        case .initiative:
            var text = TextLines(capacity: 512)
            text += Marks.paragraph(lang)
            if let organisation = block.organisation {
                text.append(raw: organisation)
                text += Marks.lead(lang)
            }
            if let body = block.text { text.append(raw: body) }
            wrap(text, indent: "  ", into: &out)
            if let outlook = block.outlook {
                var line = TextLines(capacity: outlook.count + 8)
                line += Marks.outlook(lang)
                line.append(raw: outlook)
                wrap(line, indent: "  ", into: &out)
            }
        case .note:
            var text = TextLines(capacity: 256)
            text += Marks.noteOpening(lang)
            if let body = block.text { text.append(raw: body) }
            text += Marks.noteClosing(lang)
            wrap(text, into: &out)
            out.endLine()
        case .unavailable:
            wrap(SystemNotice.unavailable(block.service ?? "?", lang: lang), into: &out)
        case .table:
            guard let data = block.table else { return }
            table(TableText(data, lang: lang, changeLabel: report.labels.changeRate), into: &out)
        case .chart:
            return
        }
    }

    /// The table, with as many regions side by side as fit in `width`; the rest follow below.
    private func table(_ table: TableText, into out: inout TextLines) {
        let labelWidth = table.rows.map { DisplayWidth.of($0.sector) }.max() ?? 0
        let columns = table.columnTitles.count
        let columnWidth = max(
            table.columnTitles.map { DisplayWidth.of($0) }.max() ?? 0,
            table.rows.flatMap(\.cells).map { DisplayWidth.of($0) }.max() ?? 0)
        let regionWidth = columns * (columnWidth + 2)
        // Narrower than one region's columns: each figure on a line of its own.
        guard labelWidth + regionWidth <= width else {
            return stackedTable(table, valueWidth: columnWidth, into: &out)
        }
        let perLine = max(1, (width - labelWidth) / regionWidth)
        // The caption (measure and unit) first, wrapped like a paragraph, right above the table.
        out.endLine()
        wrap(Self.caption(of: table), into: &out)
        for start in stride(from: 0, to: table.regions.count, by: perLine) {
            let group = start..<min(start + perLine, table.regions.count)
            out.pad(nil, to: labelWidth)
            for index in group {
                out += "  "
                out.pad(table.regions[index], to: regionWidth - 2)
            }
            out.endLine(trimming: true)
            out.pad(nil, to: labelWidth)
            for _ in group {
                for title in table.columnTitles {
                    out += "  "
                    out.pad(title, to: columnWidth, right: true)
                }
            }
            out.endLine()
            for row in table.rows {
                out.pad(row.sector, to: labelWidth)
                for index in group {
                    for column in 0..<columns {
                        out += "  "
                        out.pad(row.cells[index * columns + column], to: columnWidth, right: true)
                    }
                }
                out.endLine()
            }
            out.endLine()
        }
    }

    /// The table for a width that one region's columns do not fit: per region, per sector, one
    /// line per figure with its column's title (the value on a line below it if both do not fit).
    private func stackedTable(_ table: TableText, valueWidth: Int, into out: inout TextLines) {
        let titleWidth = table.columnTitles.map { DisplayWidth.of($0) }.max() ?? 0
        let sideBySide = 4 + titleWidth + 2 + valueWidth <= width
        out.endLine()
        wrap(Self.caption(of: table), into: &out)
        for (region, name) in table.regions.enumerated() {
            out.endLine()
            wrap(name, into: &out)
            for row in table.rows {
                wrap(row.sector, indent: "  ", prefix: "  ", into: &out)
                for (column, title) in table.columnTitles.enumerated() {
                    let value = row.cells[region * table.columnTitles.count + column]
                    if sideBySide {
                        out += "    "
                        out.pad(title, to: titleWidth)
                        out += "  "
                        out.pad(value, to: valueWidth, right: true)
                        out.endLine()
                    } else {
                        out += "    "
                        out.append(raw: title)
                        out.endLine()
                        out += "      "
                        out.append(raw: value)
                        out.endLine()
                    }
                }
            }
        }
        out.endLine()
    }

    /// The table's caption: its measure and, in parentheses, its unit.
    private static func caption(of table: TableText) -> TextLines {
        var caption = TextLines(capacity: table.measure.count + table.unit.count + 3)
        caption.append(raw: table.measure)
        caption += " ("
        caption.append(raw: table.unit)
        caption += ")"
        return caption
    }

    /// Wraps `text` at `width` display columns into `out`, each line after `prefix`;
    /// continuation lines start with `indent`. Lines break between any two characters of
    /// Japanese text, between words elsewhere, and never before closing punctuation. Works on
    /// the UTF-8 bytes: a line is a range of them, no `Character` (grapheme breaking) and no
    /// `String` per character.
    func wrap(_ text: some UTF8Text, indent: StaticString = "", prefix: StaticString = "", into out: inout TextLines) {
        text.withUTF8Bytes { utf8 in
            var wrapper = LineWrapper(text: utf8, width: width, indent: indent, prefix: prefix)
            wrapper.wrap(into: &out)
        }
    }
}
