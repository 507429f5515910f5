import Foundation
import WireProtocol

/// One dataset of industry shares as the statistics service holds it: the file's contents,
/// validated, with every derived figure (era labels, rates of change) computed once at load.
struct IndustryDataset: Sendable {
    /// The resource file's layout: metadata, then one value per region × year × sector.
    struct File: Decodable {
        struct Value: Decodable {
            var region: String
            var year: Int
            var sector: String
            var value: Decimal
        }

        var dataset: String
        var measure: String
        var unit: String
        var decimals: Int
        var source: String
        var regions: [IndustryStructure.Region]
        var sectors: [IndustryStructure.Sector]
        var values: [Value]
    }

    /// A dataset file that cannot be served, and why.
    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let problem: String
        var description: String { "\(file): \(problem)" }
    }

    /// Shares of one region-year may add up to 100 ± this: the published shares are rounded to
    /// two decimals each, so three of them can be off by up to 0.015 together, and the seed's
    /// Kawasaki 1990 row adds up to 100.01.
    static let shareSumTolerance: Decimal = 0.05

    let structure: IndustryStructure

    /// Loads and validates `url`.
    init(contentsOf url: URL) throws {
        let name = url.lastPathComponent
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw LoadError(file: name, problem: "not a dataset: \(error)")
        }
        try self.init(file, name: name)
    }

    init(_ file: File, name: String) throws {
        let regionCodes = Set(file.regions.map(\.code))
        let sectorCodes = Set(file.sectors.map(\.code))
        guard let total = file.sectors.first(where: \.isTotal) else {
            throw LoadError(file: name, problem: "no sector is the whole economy (a sector without parent)")
        }
        var cells: [String: Decimal] = [:]
        for (index, value) in file.values.enumerated() {
            let place = "values[\(index)]"
            guard regionCodes.contains(value.region) else {
                throw LoadError(file: name, problem: "\(place): unknown region \"\(value.region)\"")
            }
            guard sectorCodes.contains(value.sector) else {
                throw LoadError(file: name, problem: "\(place): unknown sector \"\(value.sector)\"")
            }
            let key = Self.key(value.region, value.year, value.sector)
            guard cells.updateValue(value.value, forKey: key) == nil else {
                throw LoadError(file: name, problem: "\(place): a second value for \(value.region) \(value.year) \(value.sector)")
            }
        }
        let years = Array(Set(file.values.map(\.year))).sorted()
        let parts = file.sectors.filter { !$0.isTotal }
        for region in file.regions {
            for year in years {
                let shares = parts.compactMap { cells[Self.key(region.code, year, $0.code)] }
                guard shares.count == parts.count else {
                    throw LoadError(file: name, problem: "\(region.name) \(year): a sector has no value")
                }
                let sum = shares.reduce(0, +)
                guard abs(sum - 100) <= Self.shareSumTolerance else {
                    throw LoadError(
                        file: name,
                        problem: "\(region.name) \(year): shares add up to \(sum), not 100 ± \(Self.shareSumTolerance)")
                }
                // The whole economy is 100 % of itself, as the report prints it.
                cells[Self.key(region.code, year, total.code)] = 100
            }
        }
        let ordered = parts + [total]
        var rows: [IndustryStructure.Row] = []
        for region in file.regions {
            for sector in ordered {
                let values = years.map { cells[Self.key(region.code, $0, sector.code)]! }
                var change: IndustryStructure.Change?
                if let first = years.first, let last = years.last, first != last {
                    change = IndustryStructure.Change(
                        from: first, to: last,
                        ratePercent: sector.isTotal ? nil : ChangeRate.percent(from: values.first!, to: values.last!),
                        differencePoints: values.last! - values.first!)
                }
                rows.append(IndustryStructure.Row(region: region.code, sector: sector.code, values: values, change: change))
            }
        }
        structure = IndustryStructure(
            dataset: file.dataset, measure: file.measure, unit: file.unit, decimals: file.decimals,
            source: file.source,
            years: years.map { IndustryStructure.Year(year: $0, era: JapaneseEra.label(forYear: $0)) },
            regions: file.regions, sectors: ordered, rows: rows)
    }

    private static func key(_ region: String, _ year: Int, _ sector: String) -> String {
        "\(region)|\(year)|\(sector)"
    }
}
