import Foundation
import WireProtocol

extension IndustryDataset {
    /// The change between two years (default: the first and the last), for any regions and
    /// sectors.
    func compare(_ params: CompareParams) throws(JSONRPCError) -> Comparison {
        let (from, to) = try yearPair(params)
        let regionIndexes = try regionIndexes(params.regions)
        let sectorIndexes = try sectorIndexes(params.sectors)
        var rows: [Comparison.Row] = []
        for r in regionIndexes {
            for s in sectorIndexes {
                let change = change(region: r, sector: s, from: from, to: to)
                rows.append(
                    Comparison.Row(
                        region: regions[r].code, sector: sectors[s].code,
                        fromValue: share(region: r, year: from, sector: s),
                        toValue: share(region: r, year: to, sector: s),
                        ratePercent: change.ratePercent, differencePoints: change.differencePoints))
            }
        }
        return Comparison(dataset: id, unit: metadata.unit, from: years[from], to: years[to], rows: rows)
    }

    /// Per sector (the whole economy excluded), the regions whose share fell and rose most
    /// between the two years, in points and in percent.
    func facts(_ params: FactsParams) throws(JSONRPCError) -> StructuralFacts {
        let comparison = try compare(params)
        let names = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        var result: [StructuralFacts.SectorFacts] = []
        for s in try sectorIndexes(params.sectors) where !sectors[s].isTotal {
            let rows = comparison.rows.filter { $0.sector == sectors[s].code }
            var facts = StructuralFacts.SectorFacts(sector: sectors[s].code, sectorName: sectors[s].name)
            func extreme(_ row: Comparison.Row?) -> StructuralFacts.Extreme? {
                row.map {
                    StructuralFacts.Extreme(
                        region: $0.region, regionName: names[$0.region] ?? $0.region,
                        differencePoints: $0.differencePoints, ratePercent: $0.ratePercent)
                }
            }
            let withRate = rows.filter { $0.ratePercent != nil }
            facts.largestFallInPoints = extreme(
                rows.filter { $0.differencePoints < 0 }.min { $0.differencePoints < $1.differencePoints })
            facts.largestRiseInPoints = extreme(
                rows.filter { $0.differencePoints > 0 }.max { $0.differencePoints < $1.differencePoints })
            facts.largestFallInPercent = extreme(
                withRate.filter { $0.ratePercent! < 0 }.min { $0.ratePercent! < $1.ratePercent! })
            facts.largestRiseInPercent = extreme(
                withRate.filter { $0.ratePercent! > 0 }.max { $0.ratePercent! < $1.ratePercent! })
            result.append(facts)
        }
        return StructuralFacts(dataset: id, from: comparison.from, to: comparison.to, sectors: result)
    }

    private func yearPair(_ params: CompareParams) throws(JSONRPCError) -> (Int, Int) {
        let from = try params.from.map { year throws(JSONRPCError) in try yearIndex(year, field: "from") } ?? 0
        let to = try params.to.map { year throws(JSONRPCError) in try yearIndex(year, field: "to") } ?? years.count - 1
        guard from < to else {
            throw .invalidParams(field: "to", "must be a later year than \"from\" (\(years[from].year))")
        }
        return (from, to)
    }
}
