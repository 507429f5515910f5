import WireProtocol

/// The industry-structure table as the text every renderer prints: per region, one column per
/// year and one for the rate of change; per sector, one row. Names, years and figures are in
/// the edition's language.
struct TableText: Sendable {
    struct Row: Sendable {
        var sector: String
        var cells: [String]
    }

    let regions: [String]
    /// Column titles within one region: the years, then the rate of change.
    let columnTitles: [String]
    let rows: [Row]
    let caption: String

    init(_ data: StatisticsTable, lang: ReportLanguage, changeLabel: String) {
        let english = lang == .en
        regions = data.regions.map { (english ? $0.nameEn ?? $0.name : $0.name).string }
        columnTitles = data.years.map { FigureFormat.year($0, lang: lang) } + [changeLabel]
        caption = (english ? data.measureEn ?? data.measure : data.measure).string + " (\(data.unit))"
        rows = data.sectors.map { sector in
            var cells: [String] = []
            for region in data.regions {
                guard let row = data.row(region: region.code, sector: sector.code) else {
                    cells += Array(repeating: "", count: data.years.count + 1)
                    continue
                }
                cells += row.values.map { FigureFormat.share($0, decimals: data.decimals, isTotal: sector.isTotal) }
                cells.append(FigureFormat.rate(row.change?.ratePercent, lang: lang))
            }
            return Row(sector: (english ? sector.nameEn ?? sector.name : sector.name).string, cells: cells)
        }
    }
}
