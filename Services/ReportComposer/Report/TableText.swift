import WireProtocol

/// The industry-structure table as the text every renderer prints: per region, one column per
/// year and one for the rate of change; per sector, one row. Names, years and figures are in
/// the edition's language, as report texts: a figure is a few bytes held inline, a name a
/// range of the reply it came in, so making the table makes no `String`.
struct TableText: Sendable {
    struct Row: Sendable {
        var sector: ReportText
        /// Per region, its columns' cells.
        var cells: [ReportText]
    }

    let regions: [ReportText]
    /// Column titles within one region: the years, then the rate of change.
    let columnTitles: [ReportText]
    let rows: [Row]
    /// The caption's two parts, printed `measure (unit)`.
    let measure: ReportText
    let unit: ReportText

    init(_ data: StatisticsTable, lang: ReportLanguage, changeLabel: ReportText) {
        let english = lang == .en
        regions = data.regions.map { english ? $0.nameEn ?? $0.name : $0.name }
        let columns = data.years.count + 1
        var titles: [ReportText] = []
        titles.reserveCapacity(columns)
        for year in data.years { titles.append(FigureFormat.yearText(year, lang: lang)) }
        titles.append(changeLabel)
        columnTitles = titles
        measure = english ? data.measureEn ?? data.measure : data.measure
        unit = data.unit
        let regionCount = data.regions.count
        var rows: [Row] = []
        rows.reserveCapacity(data.sectors.count)
        for sector in data.sectors.indices {
            let isTotal = data.sectors[sector].isTotal
            var cells: [ReportText] = []
            cells.reserveCapacity(regionCount * columns)
            for region in 0..<regionCount {
                guard let index = data.rowIndex(region: data.regions[region].code, sector: data.sectors[sector].code)
                else {
                    for _ in 0..<columns { cells.append("") }
                    continue
                }
                for value in data.rows[index].values {
                    cells.append(FigureFormat.shareText(value, decimals: data.decimals, isTotal: isTotal))
                }
                cells.append(FigureFormat.rateText(data.rows[index].change?.ratePercent, lang: lang))
            }
            let name = english ? data.sectors[sector].nameEn ?? data.sectors[sector].name : data.sectors[sector].name
            rows.append(Row(sector: name, cells: cells))
        }
        self.rows = rows
    }
}
