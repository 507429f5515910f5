import WireProtocol

/// Renders the report as GitHub-flavoured Markdown; the table is a Markdown table. Every string
/// from a service is escaped, so it renders as the text it is.
struct MarkdownRenderer: Sendable {
    func render(_ report: Report) -> String {
        let lang = report.lang
        var out: [String] = []
        out.append("**\(escape(report.series))**")
        out.append("")
        out.append("# \(escape(report.title))")
        out.append("")
        out.append(report.authors.map(escape).joined(separator: "<br>\n"))
        out.append("")
        for line in report.abstract {
            out.append((lang == .ja ? "☆" : "☆ ") + escape(line))
            out.append("")
        }
        for section in report.sections {
            out.append("## \(escape(section.heading))")
            out.append("")
            for block in section.blocks where block.kind != .chart {
                out.append(contentsOf: render(block, report: report))
                out.append("")
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ block: Report.Block, report: Report) -> [String] {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            return [Marks.paragraph(lang) + escape(block.text ?? "")]
        case .initiative:
            let lead = block.organisation.map { escape($0) + Marks.lead(lang) } ?? ""
            var lines = [Marks.paragraph(lang) + lead + escape(block.text ?? "")]
            if let outlook = block.outlook { lines += ["", Marks.outlook(lang) + escape(outlook)] }
            return lines
        case .note:
            return [Marks.note(escape(block.text ?? ""), lang)]
        case .unavailable:
            return ["> \(SystemNotice.unavailable(block.service ?? "?", lang: lang))"]
        case .table:
            return block.table.map { table(TableText($0, lang: lang, changeLabel: report.labels.changeRate)) } ?? []
        case .chart:
            return []
        }
    }

    private func table(_ table: TableText) -> [String] {
        let header = [" "] + table.columns.map { "\($0.region) \($0.title)" }
        var lines = [row(header), "|" + ([":---"] + Array(repeating: "---:", count: header.count - 1)).joined(separator: "|") + "|"]
        for tableRow in table.rows { lines.append(row([tableRow.sector] + tableRow.cells)) }
        return lines
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// Escapes the characters Markdown would read as markup.
    func escape(_ text: String) -> String {
        // Markup characters are all ASCII, so a scan of the scalars is enough (and far cheaper
        // than comparing grapheme clusters).
        guard text.utf8.contains(where: Self.isMarkup) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII && Self.isMarkup(UInt8(scalar.value)) { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
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
