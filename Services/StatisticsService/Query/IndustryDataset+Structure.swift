import WireProtocol

extension IndustryDataset {
    /// The table narrowed to the regions, years and sectors asked for (each `nil` means all),
    /// with each row's rate of change between the first and last year kept.
    func structure(_ params: IndustryStructureParams) throws(JSONRPCError) -> IndustryStructure {
        let regionIndexes = try regionIndexes(params.regions)
        let sectorIndexes = try sectorIndexes(params.sectors)
        var yearIndexes = Array(years.indices)
        if let wanted = params.years {
            var chosen: [Int] = []
            for year in wanted { chosen.append(try yearIndex(year, field: "years")) }
            yearIndexes = Array(Set(chosen)).sorted()
        } else if params.span == .endpoints, years.count > 2 {
            yearIndexes = [0, years.count - 1]
        }
        var rows: [IndustryStructure.Row] = []
        rows.reserveCapacity(regionIndexes.count * sectorIndexes.count)
        for r in regionIndexes {
            for s in sectorIndexes {
                let values = yearIndexes.map { share(region: r, year: $0, sector: s) }
                var change: IndustryStructure.Change?
                if let first = yearIndexes.first, let last = yearIndexes.last, first != last {
                    change = self.change(region: r, sector: s, from: first, to: last)
                }
                rows.append(
                    IndustryStructure.Row(
                        region: regions[r].code, sector: sectors[s].code, values: values, change: change))
            }
        }
        return IndustryStructure(
            dataset: id, measure: metadata.measure, measureEn: metadata.measureEn, unit: metadata.unit,
            decimals: metadata.decimals, source: metadata.source, sourceEn: metadata.sourceEn,
            years: yearIndexes.map { years[$0] },
            regions: regionIndexes.map { regions[$0] }, sectors: sectorIndexes.map { sectors[$0] }, rows: rows)
    }
}
