import Foundation
import WireProtocol

/// One dataset of industry shares, validated and frozen: shares in whole units of
/// 10^-decimals in one dense array, indexed by region, year and sector, so that a query for a
/// few regions touches only their cells.
struct IndustryDataset: Sendable {
    let metadata: DatasetMetadata
    let regions: [IndustryStructure.Region]
    /// Sectors in display order (parts first, the whole economy last).
    let sectors: [IndustryStructure.Sector]
    let years: [IndustryStructure.Year]
    /// `shares[(region × years + year) × sectors + sector]`.
    let shares: [Int64]
    /// Region index by code and by name.
    let regionLookup: [String: Int]
    let sectorLookup: [String: Int]
    let yearLookup: [Int: Int]

    init(metadata: DatasetMetadata, sectors: [IndustryStructure.Sector], years: [Int], shares: [Int64]) {
        self.metadata = metadata
        self.regions = metadata.regions.map {
            IndustryStructure.Region(code: $0.code, name: $0.name, nameEn: $0.nameEn, kind: $0.kind)
        }
        self.sectors = sectors
        let labels = JapaneseEra.Labeller()
        self.years = years.map {
            IndustryStructure.Year(year: $0, era: labels.label(forYear: $0), eraEn: labels.englishLabel(forYear: $0))
        }
        self.shares = shares
        var regionLookup: [String: Int] = [:]
        for (index, region) in regions.enumerated() {
            regionLookup[region.name] = regionLookup[region.name] ?? index
            regionLookup[region.code] = index
        }
        self.regionLookup = regionLookup
        sectorLookup = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1.code, $0) })
        yearLookup = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
    }

    var id: String { metadata.dataset }
    var cellCount: Int { shares.count }

    /// The share of a sector in a region-year, exactly as published.
    func share(region: Int, year: Int, sector: Int) -> ExactDecimal {
        exact(units(region: region, year: year, sector: sector))
    }

    /// The share in whole units of 10^-decimals.
    func units(region: Int, year: Int, sector: Int) -> Int64 {
        shares[(region * years.count + year) * sectors.count + sector]
    }

    /// Units as the exact decimal they stand for.
    func exact(_ units: Int64) -> ExactDecimal {
        ExactDecimal(significand: units, exponent: -metadata.decimals)
    }
}
