import Foundation
import WireProtocol

extension IndustryDataset {
    /// Region indexes for codes or names (all when `nil`), in the order asked; unknown ones are
    /// -32602 naming `regions`.
    func regionIndexes(_ wanted: [String]?) throws(JSONRPCError) -> [Int] {
        guard let wanted else { return Array(regions.indices) }
        var indexes: [Int] = []
        for name in wanted {
            guard let index = regionLookup[name] else {
                let known = regions.prefix(10).map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
                throw .invalidParams(
                    field: "regions",
                    """
                    unknown region \"\(name)\"; known: \
                    \(known)\(regions.count > 10 ? ", … (\(regions.count) in all)" : "")
                    """
                )
            }
            if !indexes.contains(index) { indexes.append(index) }
        }
        return indexes
    }

    /// Sector indexes for codes (all when `nil`), in display order.
    func sectorIndexes(_ wanted: [String]?) throws(JSONRPCError) -> [Int] {
        guard let wanted else { return Array(sectors.indices) }
        for code in wanted where sectorLookup[code] == nil {
            throw .invalidParams(
                field: "sectors", "unknown sector \"\(code)\"; known: \(sectors.map(\.code).joined(separator: ", "))")
        }
        return sectors.indices.filter { wanted.contains(sectors[$0].code) }
    }

    /// The index of `year`; a year with no data is -32602 naming `field`.
    func yearIndex(_ year: Int, field: String) throws(JSONRPCError) -> Int {
        guard let index = yearLookup[year] else {
            throw .invalidParams(
                field: field, "no data for \(year); years: \(years.map { String($0.year) }.joined(separator: ", "))")
        }
        return index
    }

    /// The change of a share between two years, as the report computes it.
    func change(region: Int, sector: Int, from: Int, to: Int) -> IndustryStructure.Change {
        let old = units(region: region, year: from, sector: sector)
        let new = units(region: region, year: to, sector: sector)
        return IndustryStructure.Change(
            from: years[from].year, to: years[to].year,
            ratePercent: sectors[sector].isTotal ? nil : ChangeRate.percent(fromUnits: old, toUnits: new),
            differencePoints: exact(new - old))
    }
}
