import WireProtocol

/// Renders the report as GitHub-flavoured Markdown; the table is a Markdown table. Every string
/// from a service is escaped, so it renders as the text it is. The document is written into
/// one buffer, block after block, with one blank line between blocks.
struct MarkdownRenderer: Sendable {
    func render(_ report: Report) -> String {
        let lang = report.lang
        var out = String()
        out.reserveCapacity(8192)
        out += "**"
        escape(report.series, into: &out)
        out += "**\n\n# "
        escape(report.title, into: &out)
        out += "\n\n"
        for (index, author) in report.authors.enumerated() {
            if index > 0 { out += "<br>\n" }
            escape(author, into: &out)
        }
        out += "\n\n"
        for line in report.abstract {
            out += lang == .ja ? "☆" : "☆ "
            escape(line, into: &out)
            out += "\n\n"
        }
        for section in report.sections {
            out += "## "
            escape(section.heading, into: &out)
            out += "\n\n"
            for block in section.blocks where block.kind != .chart {
                if render(block, report: report, into: &out) { out += "\n\n" }
            }
        }
        // One newline at the end, however the last block ended.
        while out.utf8.last == UInt8(ascii: "\n") { out.removeLast() }
        out += "\n"
        return out
    }

    /// Appends one block, without its trailing blank line; `false` if it printed nothing.
    private func render(_ block: Report.Block, report: Report, into out: inout String) -> Bool {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            out += Marks.paragraph(lang)
            escape(block.text ?? "", into: &out)
        case .initiative:
            out += Marks.paragraph(lang)
            if let organisation = block.organisation {
                escape(organisation, into: &out)
                out += Marks.lead(lang)
            }
            escape(block.text ?? "", into: &out)
            if let outlook = block.outlook {
                out += "\n\n" + Marks.outlook(lang)
                escape(outlook, into: &out)
            }
        case .note:
            var text = ""
            escape(block.text ?? "", into: &text)
            out += Marks.note(text, lang)
        case .unavailable:
            out += "> " + SystemNotice.unavailable(block.service ?? "?", lang: lang)
        case .table:
            guard let table = block.table else { return false }
            self.table(TableText(table, lang: lang, changeLabel: report.labels.changeRate), into: &out)
        case .chart:
            return false
        }
        return true
    }

    private func table(_ table: TableText, into out: inout String) {
        let header = [" "] + table.columns.map { "\($0.region) \($0.title)" }
        row(header, into: &out)
        out += "\n|:---" + String(repeating: "|---:", count: header.count - 1) + "|"
        for tableRow in table.rows {
            out += "\n"
            row([tableRow.sector] + tableRow.cells, into: &out)
        }
    }

    private func row(_ cells: [String], into out: inout String) {
        out += "| "
        for (index, cell) in cells.enumerated() {
            if index > 0 { out += " | " }
            escape(cell, into: &out)
        }
        out += " |"
    }

    /// Escapes the characters Markdown would read as markup.
    func escape(_ text: String) -> String {
        var out = ""
        escape(text, into: &out)
        return out
    }

    /// Appends `text` with a backslash before each character Markdown would read as markup.
    /// Markup characters are all ASCII, so the scan is over UTF-8 bytes; runs without markup
    /// are appended whole.
    func escape(_ text: String, into out: inout String) {
        var copy = text
        let escaped = copy.withUTF8 { utf8 -> Bool in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Markup is ASCII: eight bytes that are all parts of multi-byte characters (most
                // of a Japanese text) are skipped at once.
                if index + 8 <= utf8.count,
                   UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                    == 0x8080_8080_8080_8080 {
                    index += 8
                    continue
                }
                defer { index += 1 }
                guard Self.isMarkup(utf8[index]) else { continue }
                out += String(decoding: UnsafeBufferPointer(rebasing: utf8[runStart..<index]), as: UTF8.self)
                out += "\\"
                runStart = index
            }
            guard runStart > 0 else { return false }
            out += String(decoding: UnsafeBufferPointer(rebasing: utf8[runStart...]), as: UTF8.self)
            return true
        }
        if !escaped { out += text }
    }

    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
            true
        default:
            false
        }
    }
}
