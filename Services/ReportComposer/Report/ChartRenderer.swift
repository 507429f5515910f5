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
        let title = HTML.escape(report.labels.chartTitle)
        let description = HTML.escape(textAlternative().joined(separator: english ? "; " : "。"))
        var out =
            """
            <svg\(namespace ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") viewBox=\"0 0 \(Int(width)) \
            \(Int(height))\"
            """
        out += " width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\""
        out += " aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\" font-family=\"sans-serif\" font-size=\"12\">"
        out += "<title id=\"\(idPrefix)-title\">\(title)</title><desc id=\"\(idPrefix)-desc\">\(description)</desc>"
        out += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(title)</text>"
        for (regionIndex, region) in data.regions.enumerated() {
            let top = 30 + Double(regionIndex) * groupHeight
            let regionName = HTML.escape(english ? region.nameEn ?? region.name : region.name)
            for (yearIndex, year) in data.years.enumerated() {
                let y = top + Double(yearIndex) * (Self.barHeight + Self.rowGap)
                let label = "\(regionName) \(HTML.escape(FigureFormat.year(year, lang: report.lang)))"
                out +=
                    """
                    <text x=\"\(Self.labelWidth - 6)\" y=\"\(fmt(y + Self.barHeight * 0.7))\" \
                    text-anchor=\"end\">\(label)</text>
                    """
                var x = Self.labelWidth
                for (partIndex, sector) in parts.enumerated() {
                    guard let value = data.row(region: region.code, sector: sector.code)?.values[yearIndex] else {
                        continue
                    }
                    let share = value.doubleValue
                    let barWidth = share * Self.scale
                    let name = HTML.escape(english ? sector.nameEn ?? sector.name : sector.name)
                    let shareText = FigureFormat.share(value, decimals: data.decimals, isTotal: false)
                    out +=
                        """
                        <rect class=\"bar\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(barWidth))\" \
                        height=\"\(fmt(Self.barHeight))\"
                        """
                    out +=
                        """
                         fill=\"\(Self.colours[partIndex % Self.colours.count])\" \
                        data-region=\"\(HTML.escape(region.code))\"
                        """
                    out +=
                        """
                         data-year=\"\(year.year)\" data-sector=\"\(HTML.escape(sector.code))\" \
                        data-share=\"\(shareText)\">
                        """
                    out += "<title>\(label) \(name) \(shareText)%</title></rect>"
                    if barWidth >= 36 {
                        out +=
                            """
                            <text x=\"\(fmt(x + barWidth / 2))\" y=\"\(fmt(y + Self.barHeight * 0.7))\" \
                            text-anchor=\"middle\" fill=\"#fff\">\(shareText)</text>
                            """
                    }
                    x += barWidth
                }
            }
        }
        var legendX = Self.labelWidth
        for (partIndex, sector) in parts.enumerated() {
            let name = HTML.escape(english ? sector.nameEn ?? sector.name : sector.name)
            out +=
                """
                <rect x=\"\(fmt(legendX))\" y=\"\(fmt(legendY))\" width=\"12\" height=\"12\" \
                fill=\"\(Self.colours[partIndex % Self.colours.count])\"/>
                """
            out += "<text x=\"\(fmt(legendX + 16))\" y=\"\(fmt(legendY + 10))\">\(name)</text>"
            legendX += 16 + Double(DisplayWidth.of(name)) * 7 + 18
        }
        out += "</svg>"
        return out
    }

    /// The parts of the whole economy (its direct children): the segments of a bar.
    static func parts(of data: IndustryStructure) -> [IndustryStructure.Sector] {
        let totals = Set(data.sectors.filter(\.isTotal).map(\.code))
        return data.sectors.filter { $0.parent.map(totals.contains) ?? false }
    }

    private func fmt(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        guard hundredths % 100 != 0 else { return String(hundredths / 100) }
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
