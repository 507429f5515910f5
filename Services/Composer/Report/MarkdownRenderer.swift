import WireProtocol

/// Renders the report as GitHub-flavoured Markdown; the table is a Markdown table.
struct MarkdownRenderer: Sendable {
    func render(_ report: Report) -> String {
        var out: [String] = []
        out.append("**\(escape(report.series))**")
        out.append("")
        out.append("# \(escape(report.title))")
        out.append("")
        out.append(report.authors.map(escape).joined(separator: "<br>\n"))
        out.append("")
        for line in report.abstract {
            out.append("☆\(escape(line))")
            out.append("")
        }
        for section in report.sections {
            out.append("## \(escape(section.heading))")
            out.append("")
            for block in section.blocks {
                out.append(contentsOf: render(block))
                out.append("")
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ block: Report.Block) -> [String] {
        switch block.kind {
        case .paragraph:
            return ["○\(escape(block.text ?? ""))"]
        case .initiative:
            let lead = block.organisation.map { "\(escape($0))…" } ?? ""
            var lines = ["○\(lead)\(escape(block.text ?? ""))"]
            if let outlook = block.outlook { lines += ["", "➢\(escape(outlook))"] }
            return lines
        case .note:
            return ["（\(escape(block.text ?? ""))）"]
        case .unavailable:
            return ["> \(SystemNotice.unavailable(block.service ?? "?"))"]
        case .table:
            return block.table.map(table) ?? []
        }
    }

    private func table(_ data: IndustryStructure) -> [String] {
        var header = [" "]
        for region in data.regions {
            for year in data.years { header.append("\(region.name) \(year.era)") }
            header.append("\(region.name) 増減率")
        }
        var lines = [row(header), "|" + ([":---"] + Array(repeating: "---:", count: header.count - 1)).joined(separator: "|") + "|"]
        for sector in data.sectors {
            var cells = [sector.name]
            for region in data.regions {
                guard let values = data.row(region: region.code, sector: sector.code) else {
                    cells += Array(repeating: "", count: data.years.count + 1)
                    continue
                }
                cells += values.values.map {
                    FigureFormat.share($0, decimals: data.decimals, isTotal: sector.isTotal)
                }
                cells.append(FigureFormat.rate(values.change?.ratePercent))
            }
            lines.append(row(cells))
        }
        return lines
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// Escapes the characters Markdown would read as markup, so that service text renders as
    /// the text it is.
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
