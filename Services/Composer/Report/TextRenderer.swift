import WireProtocol

/// Renders the report as plain text for a terminal: paragraphs wrapped at `width` columns
/// counted by display width, the table aligned the same way.
struct TextRenderer: Sendable {
    var width: Int = 80

    /// Characters a line may not start with (行頭禁則).
    private static let noLineStart: Set<Character> = Set("、。，．）」』】〕！？：；ー・％々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.!?:;%")

    func render(_ report: Report) -> String {
        var out: [String] = []
        out.append(contentsOf: wrap(report.series))
        out.append(contentsOf: wrap(report.title))
        out.append(String(repeating: "=", count: min(width, DisplayWidth.of(report.title))))
        out.append(contentsOf: report.authors.flatMap { wrap($0) })
        out.append("")
        for line in report.abstract { out.append(contentsOf: wrap("☆" + line, indent: "  ")) }
        for section in report.sections {
            out.append("")
            out.append(section.heading)
            out.append(String(repeating: "-", count: min(width, DisplayWidth.of(section.heading))))
            for block in section.blocks {
                out.append(contentsOf: render(block))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ block: Report.Block) -> [String] {
        switch block.kind {
        case .paragraph:
            return wrap("○" + (block.text ?? ""), indent: "  ")
        case .initiative:
            let lead = block.organisation.map { "\($0)…" } ?? ""
            var lines = wrap("○" + lead + (block.text ?? ""), indent: "  ")
            if let outlook = block.outlook { lines += wrap("➢" + outlook, indent: "  ") }
            return lines
        case .note:
            return wrap("（\(block.text ?? "")）") + [""]
        case .unavailable:
            return wrap(SystemNotice.unavailable(block.service ?? "?"))
        case .table:
            return block.table.map(table) ?? []
        }
    }

    /// The table, with as many regions side by side as fit in `width`; the rest follow below.
    private func table(_ data: IndustryStructure) -> [String] {
        let labelWidth = data.sectors.map { DisplayWidth.of($0.name) }.max() ?? 0
        let cells: [[String]] = data.regions.map { region in
            data.sectors.flatMap { sector -> [String] in
                guard let row = data.row(region: region.code, sector: sector.code) else {
                    return Array(repeating: "", count: data.years.count + 1)
                }
                return row.values.map { FigureFormat.share($0, decimals: data.decimals, isTotal: sector.isTotal) }
                    + [FigureFormat.rate(row.change?.ratePercent)]
            }
        }
        let columnTitles = data.years.map(\.era) + ["増減率"]
        let columns = columnTitles.count
        let columnWidth = max(
            columnTitles.map(DisplayWidth.of).max() ?? 0,
            cells.flatMap { $0 }.map(DisplayWidth.of).max() ?? 0)
        let regionWidth = columns * (columnWidth + 2)
        let perLine = max(1, (width - labelWidth) / regionWidth)
        var lines: [String] = [""]
        for start in stride(from: 0, to: data.regions.count, by: perLine) {
            let group = Array(start..<min(start + perLine, data.regions.count))
            var regionLine = DisplayWidth.pad("", to: labelWidth)
            var titleLine = regionLine
            for index in group {
                regionLine += "  " + DisplayWidth.pad(data.regions[index].name, to: regionWidth - 2)
                for title in columnTitles { titleLine += "  " + DisplayWidth.pad(title, to: columnWidth, right: true) }
            }
            lines.append(trimmed(regionLine))
            lines.append(titleLine)
            for (sectorIndex, sector) in data.sectors.enumerated() {
                var line = DisplayWidth.pad(sector.name, to: labelWidth)
                for index in group {
                    for column in 0..<columns {
                        line += "  " + DisplayWidth.pad(cells[index][sectorIndex * columns + column], to: columnWidth, right: true)
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
    /// before closing punctuation.
    func wrap(_ text: String, indent: String = "") -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0

        func flushWord() {
            if lineWidth + wordWidth > width && lineWidth > DisplayWidth.of(indent) {
                lines.append(trimmed(line))
                line = indent
                lineWidth = DisplayWidth.of(indent)
                if word.first == " " {
                    word.removeFirst()
                    wordWidth -= 1
                }
            }
            line += word
            lineWidth += wordWidth
            word = ""
            wordWidth = 0
        }

        for character in text {
            let characterWidth = DisplayWidth.of(String(character))
            let wide = characterWidth == 2
            // A wide character, a space, or closing punctuation after a wide character ends the
            // current unit; closing punctuation sticks to what precedes it.
            if Self.noLineStart.contains(character) {
                word.append(character)
                wordWidth += characterWidth
                continue
            }
            if wide || character == " " { flushWord() }
            word.append(character)
            wordWidth += characterWidth
            if wide { continue }
        }
        flushWord()
        if !line.isEmpty { lines.append(trimmed(line)) }
        return lines
    }
}
