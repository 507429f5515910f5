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
struct ChartRenderer: Sendable {
    let report: Report

    /// Pixels per percentage point.
    static let scale = 4.0
    static let labelWidth = 170.0
    static let barHeight = 22.0
    static let rowGap = 8.0
    static let groupGap = 18.0
    /// Segment colours, distinguishable in grey scale and for colour-blind readers.
    static let colours = ["#8c6d1f", "#2f6db3", "#e0a030", "#6a9f58", "#b3475d"]

    private var table: IndustryStructure? {
        report.sections.lazy.flatMap(\.blocks).compactMap(\.table).first
    }

    /// The chart as an SVG fragment for inline use in HTML (no namespace needed there).
    func inlineSVG(idPrefix: String = "chart") -> String? {
        svg(namespace: false, idPrefix: idPrefix)
    }

    /// The chart as a standalone SVG document.
    func standaloneSVG() -> String? {
        svg(namespace: true, idPrefix: "chart").map { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + $0 }
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

    /// A sentence per region and year, as the chart's text alternative.
    func textAlternative() -> [String] {
        guard let data = table else { return [] }
        let english = report.lang == .en
        let parts = Self.parts(of: data)
        return data.regions.flatMap { region in
            data.years.enumerated().map { index, year in
                let shares = parts.compactMap { sector -> String? in
                    guard let value = data.row(region: region.code, sector: sector.code)?.values[index] else {
                        return nil
                    }
                    let name = english ? sector.nameEn ?? sector.name : sector.name
                    return "\(name) \(FigureFormat.share(value, decimals: data.decimals, isTotal: false))%"
                }
                let regionName = english ? region.nameEn ?? region.name : region.name
                return "\(regionName) \(FigureFormat.year(year, lang: report.lang)): "
                    + shares.joined(separator: english ? ", " : "、")
            }
        }
    }

    private func svg(namespace: Bool, idPrefix: String) -> String? {
        guard let data = table, !data.years.isEmpty else { return nil }
        let english = report.lang == .en
        let parts = Self.parts(of: data)
        let plotWidth = 100 * Self.scale
        let width = Self.labelWidth + plotWidth + 20
        let groupHeight = Double(data.years.count) * (Self.barHeight + Self.rowGap) + Self.groupGap
        let legendY = 30 + Double(data.regions.count) * groupHeight
        let height = legendY + 30
        var out = MarkupBuffer(capacity: 8192)
        out += namespace ? "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " : "<svg viewBox=\"0 0 "
        out.append(Int(width))
        out += " "
        out.append(Int(height))
        out += "\" width=\""
        out.append(Int(width))
        out += "\" height=\""
        out.append(Int(height))
        out += "\" role=\"img\" aria-labelledby=\""
        out.append(escaping: idPrefix)
        out += "-title "
        out.append(escaping: idPrefix)
        out += "-desc\" font-family=\"sans-serif\" font-size=\"12\"><title id=\""
        out.append(escaping: idPrefix)
        out += "-title\">"
        out.append(escaping: report.labels.chartTitle)
        out += "</title><desc id=\""
        out.append(escaping: idPrefix)
        out += "-desc\">"
        out.append(escaping: textAlternative().joined(separator: english ? "; " : "。"))
        out += "</desc><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">"
        out.append(escaping: report.labels.chartTitle)
        out += "</text>"
        let sectorNames = parts.map { HTML.escape(english ? $0.nameEn ?? $0.name : $0.name) }
        for (regionIndex, region) in data.regions.enumerated() {
            let top = 30 + Double(regionIndex) * groupHeight
            let regionName = HTML.escape(english ? region.nameEn ?? region.name : region.name)
            let rows = parts.map { data.row(region: region.code, sector: $0.code) }
            for (yearIndex, year) in data.years.enumerated() {
                let y = top + Double(yearIndex) * (Self.barHeight + Self.rowGap)
                let label = "\(regionName) \(HTML.escape(FigureFormat.year(year, lang: report.lang)))"
                out += "<text x=\""
                out.append(raw: Self.labelX)
                out += "\" y=\""
                out.append(coordinate: y + Self.barHeight * 0.7)
                out += "\" text-anchor=\"end\">"
                out.append(raw: label)
                out += "</text>"
                var x = Self.labelWidth
                for (partIndex, sector) in parts.enumerated() {
                    guard let value = rows[partIndex]?.values[yearIndex] else { continue }
                    let barWidth = value.doubleValue * Self.scale
                    let shareText = FigureFormat.share(value, decimals: data.decimals, isTotal: false)
                    out += "<rect class=\"bar\" x=\""
                    out.append(coordinate: x)
                    out += "\" y=\""
                    out.append(coordinate: y)
                    out += "\" width=\""
                    out.append(coordinate: barWidth)
                    out += "\" height=\""
                    out.append(coordinate: Self.barHeight)
                    out += "\" fill=\""
                    out.append(raw: Self.colours[partIndex % Self.colours.count])
                    out += "\" data-region=\""
                    out.append(escaping: region.code)
                    out += "\" data-year=\""
                    out.append(year.year)
                    out += "\" data-sector=\""
                    out.append(escaping: sector.code)
                    out += "\" data-share=\""
                    out.append(raw: shareText)
                    out += "\"><title>"
                    out.append(raw: label)
                    out += " "
                    out.append(raw: sectorNames[partIndex])
                    out += " "
                    out.append(raw: shareText)
                    out += "%</title></rect>"
                    if barWidth >= 36 {
                        out += "<text x=\""
                        out.append(coordinate: x + barWidth / 2)
                        out += "\" y=\""
                        out.append(coordinate: y + Self.barHeight * 0.7)
                        out += "\" text-anchor=\"middle\" fill=\"#fff\">"
                        out.append(raw: shareText)
                        out += "</text>"
                    }
                    x += barWidth
                }
            }
        }
        var legendX = Self.labelWidth
        for (partIndex, name) in sectorNames.enumerated() {
            out += "<rect x=\""
            out.append(coordinate: legendX)
            out += "\" y=\""
            out.append(coordinate: legendY)
            out += "\" width=\"12\" height=\"12\" fill=\""
            out.append(raw: Self.colours[partIndex % Self.colours.count])
            out += "\"/><text x=\""
            out.append(coordinate: legendX + 16)
            out += "\" y=\""
            out.append(coordinate: legendY + 10)
            out += "\">"
            out.append(raw: name)
            out += "</text>"
            legendX += 16 + Double(DisplayWidth.of(name)) * 7 + 18
        }
        out += "</svg>"
        return out.text
    }

    /// Where the row labels end, as the chart has always printed it.
    private static let labelX = "\(labelWidth - 6)"

    /// The parts of the whole economy (its direct children): the segments of a bar.
    static func parts(of data: IndustryStructure) -> [IndustryStructure.Sector] {
        let totals = Set(data.sectors.filter(\.isTotal).map(\.code))
        return data.sectors.filter { $0.parent.map(totals.contains) ?? false }
    }
}
