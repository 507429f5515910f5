import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The industry structure as a chart: for each region, one 100 % stacked bar per year (the
/// first and the last), a segment per part of the economy, so the shift from manufacturing to
/// services reads at a glance. Every bar carries its data (`data-region`, `data-year`,
/// `data-sector`, `data-share`) and its width is share × 4 px, so tests can check the geometry
/// against the numbers.
///
/// Laid out to read at any width: each bar's label sits above it (so no label is cut, whatever
/// its language), a 0–100 % axis with ticks runs below the bars, values carry "%", every text is
/// at least 14 units (11 px once a 390 px phone scales the chart down), and the colours meet
/// WCAG AA: each segment at least 3:1 against the page, each value 4.5:1 against its segment.
struct ChartRenderer: Sendable {
    let report: Report
    /// The report's table: what the chart draws.
    private let table: StatisticsTable?
    /// A sentence per region and year, as the chart's text alternative: made once, for the
    /// chart's description and for the list HTML prints under it. Written as bytes, as the
    /// chart is: no `String` per figure, name or sentence.
    let textAlternative: [RenderedText]

    init(report: Report) {
        self.report = report
        table = report.sections.lazy.flatMap(\.blocks).compactMap(\.table).first
        textAlternative = table.map { Self.textAlternative(of: $0, lang: report.lang) } ?? []
    }

    /// Pixels per percentage point.
    static let scale = 4.0
    /// Where the bars start, and the chart's width: the plot, and room for the axis's "100%".
    static let plotX = 18.0
    static let width = plotX + 100 * scale + 24
    static let fontSize = 14.0
    static let labelHeight = 18.0
    static let barHeight = 22.0
    static let rowGap = 10.0
    static let groupGap = 12.0
    /// Segment colours, told apart in grey scale too; each with the text colour that reads on it.
    static let colours: [(fill: StaticString, text: StaticString)] = [
        ("#6b4e10", "#fff"), ("#2f6db3", "#fff"), ("#c27c0e", "#1d1d1f"), ("#3b7d2e", "#fff"), ("#a23b58", "#fff"),
    ]
    /// A value is printed in its segment when the segment is at least this wide.
    static let valueWidth = 56.0

    /// Whether there is a chart to draw: the table came, with at least one year.
    var hasChart: Bool { !(table?.years.isEmpty ?? true) }

    /// Appends the chart as an SVG fragment for inline use in HTML (no namespace needed there);
    /// nothing when there is no chart.
    func writeInlineSVG(into out: inout MarkupBuffer) {
        svg(namespace: false, idPrefix: "chart", into: &out)
    }

    /// The chart as a standalone SVG document.
    func standaloneSVG() -> String? {
        guard hasChart else { return nil }
        var out = MarkupBuffer(capacity: 12 << 10)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg(namespace: true, idPrefix: "chart", into: &out)
        return out.text
    }

    /// What `format: "svg"` returns when there is no table (its service did not answer).
    static func emptySVG(_ report: Report) -> String {
        let text = HTML.escape(SystemNotice.unavailable(ServiceName.statistics.rawValue, lang: report.lang))
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="40" role="img"><title>\(text)</title>\
            <text x="8" y="24" font-size="14">\(text)</text></svg>
            """
    }

    /// "region year: part share%, part share%…" for each region and year, as the text
    /// alternative lists them; a part with no row is left out.
    private static func textAlternative(of data: StatisticsTable, lang: ReportLanguage) -> [RenderedText] {
        let english = lang == .en
        let parts = Self.parts(of: data)
        var sentences: [RenderedText] = []
        sentences.reserveCapacity(data.regions.count * data.years.count)
        for region in data.regions {
            let rows = parts.map { data.rowIndex(region: region.code, sector: $0.code) }
            for index in data.years.indices {
                var out = MarkupBuffer(capacity: 192)
                out.append(raw: english ? region.nameEn ?? region.name : region.name)
                out += " "
                out.append(raw: FigureFormat.yearText(data.years[index], lang: lang))
                out += ": "
                var first = true
                for (part, row) in zip(parts, rows) {
                    guard let row else { continue }
                    if !first { out += english ? ", " : "、" }
                    first = false
                    out.append(raw: english ? part.nameEn ?? part.name : part.name)
                    out += " "
                    let share = data.rows[row].values[index]
                    out.append(raw: FigureFormat.shareText(share, decimals: data.decimals, isTotal: false))
                    out += "%"
                }
                sentences.append(RenderedText(writtenUTF8: out.bytes))
            }
        }
        return sentences
    }

    private func svg(namespace: Bool, idPrefix: StaticString, into out: inout MarkupBuffer) {
        guard let data = table, !data.years.isEmpty else { return }
        let english = report.lang == .en
        let parts = Self.parts(of: data)
        let rowHeight = Self.labelHeight + Self.barHeight + Self.rowGap
        let groupHeight = Double(data.years.count) * rowHeight + Self.groupGap
        let plotTop = 38.0
        let axisY = plotTop + Double(data.regions.count) * groupHeight
        let sectorNames = parts.map { english ? $0.nameEn ?? $0.name : $0.name }
        let legend = Self.legendRows(sectorNames, startingAt: axisY + 44)
        let height = (legend.last?.y ?? axisY + 44) + 24
        out += namespace ? "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " : "<svg viewBox=\"0 0 "
        out.append(Int(Self.width))
        out += " "
        out.append(Int(height))
        out += "\" width=\""
        out.append(Int(Self.width))
        out += "\" height=\""
        out.append(Int(height))
        out += "\" role=\"img\" aria-labelledby=\""
        out += idPrefix
        out += "-title "
        out += idPrefix
        out += "-desc\" font-family=\"sans-serif\" font-size=\"14\" fill=\"#1d1d1f\"><title id=\""
        out += idPrefix
        out += "-title\">"
        out.append(escaping: report.labels.chartTitle)
        out += "</title><desc id=\""
        out += idPrefix
        out += "-desc\">"
        for (index, sentence) in textAlternative.enumerated() {
            if index > 0 { out += english ? "; " : "。" }
            out.append(escaping: sentence)
        }
        out += "</desc><text x=\"18\" y=\"22\" font-size=\"16\" font-weight=\"bold\">"
        out.append(escaping: report.labels.chartTitle)
        out += "</text>"
        for (regionIndex, region) in data.regions.enumerated() {
            let top = plotTop + Double(regionIndex) * groupHeight
            let regionName = english ? region.nameEn ?? region.name : region.name
            let rows = parts.map { data.rowIndex(region: region.code, sector: $0.code) }
            for (yearIndex, year) in data.years.enumerated() {
                let labelY = top + Double(yearIndex) * rowHeight + Self.fontSize
                let y = labelY + 4
                // "region year", escaped once for the label and each bar's title.
                var label = MarkupBuffer(capacity: 64)
                label.append(escaping: regionName)
                label += " "
                label.append(escaping: FigureFormat.yearText(year, lang: report.lang))
                // The label above its bar, from the bars' left edge: it has the chart's width.
                out += "<text class=\"label\" x=\""
                out.append(coordinate: Self.plotX)
                out += "\" y=\""
                out.append(coordinate: labelY)
                out += "\">"
                out.bytes.append(contentsOf: label.bytes)
                out += "</text>"
                var x = Self.plotX
                for (partIndex, sector) in parts.enumerated() {
                    guard let row = rows[partIndex] else { continue }
                    let value = data.rows[row].values[yearIndex]
                    let colour = Self.colours[partIndex % Self.colours.count]
                    let barWidth = value.doubleValue * Self.scale
                    let shareText = FigureFormat.shareText(value, decimals: data.decimals, isTotal: false)
                    out += "<rect class=\"bar\" x=\""
                    out.append(coordinate: x)
                    out += "\" y=\""
                    out.append(coordinate: y)
                    out += "\" width=\""
                    out.append(coordinate: barWidth)
                    out += "\" height=\""
                    out.append(coordinate: Self.barHeight)
                    out += "\" fill=\""
                    out += colour.fill
                    out += "\" data-region=\""
                    out.append(escaping: region.code)
                    out += "\" data-year=\""
                    out.append(year.year)
                    out += "\" data-sector=\""
                    out.append(escaping: sector.code)
                    out += "\" data-share=\""
                    out.append(raw: shareText)
                    out += "\"><title>"
                    out.bytes.append(contentsOf: label.bytes)
                    out += " "
                    out.append(escaping: sectorNames[partIndex])
                    out += " "
                    out.append(raw: shareText)
                    out += "%</title></rect>"
                    if barWidth >= Self.valueWidth {
                        out += "<text class=\"value\" x=\""
                        out.append(coordinate: x + barWidth / 2)
                        out += "\" y=\""
                        out.append(coordinate: y + Self.barHeight * 0.72)
                        out += "\" text-anchor=\"middle\" fill=\""
                        out += colour.text
                        out += "\">"
                        out.append(raw: shareText)
                        out += "%</text>"
                    }
                    x += barWidth
                }
            }
        }
        axis(at: axisY, into: &out)
        for row in legend {
            for entry in row.entries {
                out += "<rect x=\""
                out.append(coordinate: entry.x)
                out += "\" y=\""
                out.append(coordinate: row.y - 11)
                out += "\" width=\"12\" height=\"12\" fill=\""
                out += Self.colours[entry.part % Self.colours.count].fill
                out += "\"/><text x=\""
                out.append(coordinate: entry.x + 16)
                out += "\" y=\""
                out.append(coordinate: row.y)
                out += "\">"
                out.append(escaping: sectorNames[entry.part])
                out += "</text>"
            }
        }
        out += "</svg>"
    }

    /// The 0–100 % axis under the bars: its line, a tick and a label every 25 points.
    private func axis(at y: Double, into out: inout MarkupBuffer) {
        out += "<g class=\"axis\">"
        Self.line(from: (Self.plotX, y), to: (Self.plotX + 100 * Self.scale, y), into: &out)
        for percent in stride(from: 0, through: 100, by: 25) {
            let x = Self.plotX + Double(percent) * Self.scale
            Self.line(from: (x, y), to: (x, y + 5), into: &out)
            out += "<text x=\""
            out.append(coordinate: x)
            out += "\" y=\""
            out.append(coordinate: y + 21)
            out += "\" text-anchor=\"middle\">"
            out.append(percent)
            out += "%</text>"
        }
        out += "</g>"
    }

    /// An axis line from `start` to `end`.
    private static func line(from start: (Double, Double), to end: (Double, Double), into out: inout MarkupBuffer) {
        out += "<line x1=\""
        out.append(coordinate: start.0)
        out += "\" y1=\""
        out.append(coordinate: start.1)
        out += "\" x2=\""
        out.append(coordinate: end.0)
        out += "\" y2=\""
        out.append(coordinate: end.1)
        out += "\" stroke=\"#555\"/>"
    }

    /// One row of the legend: its baseline and each entry's left edge and part.
    typealias LegendRow = (y: Double, entries: [(x: Double, part: Int)])

    /// The legend's entries in rows that fit the chart's width (widths estimated from display
    /// columns: a full-width character is an em, any other about 0.6 of one).
    static func legendRows(_ names: [ReportText], startingAt top: Double) -> [LegendRow] {
        var rows: [LegendRow] = []
        var x = plotX
        var entries: [(x: Double, part: Int)] = []
        for (part, name) in names.enumerated() {
            let entryWidth = 16 + Double(DisplayWidth.of(name)) * fontSize * 0.6 + 18
            if !entries.isEmpty && x + entryWidth > width {
                rows.append((top + Double(rows.count) * 22, entries))
                entries = []
                x = plotX
            }
            entries.append((x, part))
            x += entryWidth
        }
        if !entries.isEmpty { rows.append((top + Double(rows.count) * 22, entries)) }
        return rows
    }

    /// The parts of the whole economy (its direct children): the segments of a bar.
    static func parts(of data: StatisticsTable) -> [StatisticsTable.Sector] {
        let totals = Set(data.sectors.filter(\.isTotal).map(\.code))
        return data.sectors.filter { $0.parent.map(totals.contains) ?? false }
    }
}
