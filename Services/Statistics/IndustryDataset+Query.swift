import Foundation
import WireProtocol

extension IndustryDataset {
    /// The dataset narrowed to the regions, years and sectors asked for (each `nil` means all).
    /// Rates of change are recomputed between the first and last year kept. An unknown region,
    /// year or sector is -32602 naming the field and listing what there is.
    func query(_ params: IndustryStructureParams) throws(JSONRPCError) -> IndustryStructure {
        var result = structure
        if let wanted = params.regions {
            var codes: [String] = []
            for name in wanted {
                guard let region = structure.regions.first(where: { $0.code == name || $0.name == name }) else {
                    throw .invalidParams(
                        field: "regions",
                        "unknown region \"\(name)\"; known: \(structure.regions.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))")
                }
                codes.append(region.code)
            }
            result.regions = structure.regions.filter { codes.contains($0.code) }
        }
        if let wanted = params.sectors {
            for code in wanted where !structure.sectors.contains(where: { $0.code == code }) {
                throw .invalidParams(
                    field: "sectors",
                    "unknown sector \"\(code)\"; known: \(structure.sectors.map(\.code).joined(separator: ", "))")
            }
            result.sectors = structure.sectors.filter { wanted.contains($0.code) }
        }
        var yearIndexes = Array(structure.years.indices)
        if let wanted = params.years {
            for year in wanted where !structure.years.contains(where: { $0.year == year }) {
                throw .invalidParams(
                    field: "years",
                    "no data for \(year); years: \(structure.years.map { String($0.year) }.joined(separator: ", "))")
            }
            yearIndexes = yearIndexes.filter { wanted.contains(structure.years[$0].year) }
            result.years = yearIndexes.map { structure.years[$0] }
        }
        let regionCodes = Set(result.regions.map(\.code))
        let sectorCodes = Set(result.sectors.map(\.code))
        let isTotal = Dictionary(uniqueKeysWithValues: structure.sectors.map { ($0.code, $0.isTotal) })
        result.rows = structure.rows.compactMap { row in
            guard regionCodes.contains(row.region), sectorCodes.contains(row.sector) else { return nil }
            let values = yearIndexes.map { row.values[$0] }
            var change: IndustryStructure.Change?
            if values.count >= 2 {
                change = IndustryStructure.Change(
                    from: result.years.first!.year, to: result.years.last!.year,
                    ratePercent: isTotal[row.sector] == true ? nil : ChangeRate.percent(from: values.first!, to: values.last!),
                    differencePoints: values.last! - values.first!)
            }
            return IndustryStructure.Row(region: row.region, sector: row.sector, values: values, change: change)
        }
        return result
    }
}
