#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Params of `statistics.compare`: the change between two years, for any regions and sectors.
public struct CompareParams: MethodParams, Encodable, Equatable {
    public enum CodingKeys: String, CodingKey, CaseIterable { case dataset, regions, sectors, from, to }
    public var dataset: String?
    public var regions: [String]?
    public var sectors: [String]?
    /// The earlier year; absent means the dataset's first year.
    public var from: Int?
    /// The later year; absent means the dataset's last year.
    public var to: Int?
    public init() {}

    public static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .dataset: "The dataset's id (statistics.datasets lists them); absent means the default dataset."
        case .regions: "Region codes or names; absent means every region."
        case .sectors: "Sector codes (primary, secondary, tertiary, total); absent means every sector."
        case .from: "The earlier Gregorian year; absent means the dataset's first year."
        case .to: "The later Gregorian year; absent means the dataset's last year."
        }
    }
    public init(
        dataset: String? = nil, regions: [String]? = nil, sectors: [String]? = nil, from: Int? = nil, to: Int? = nil
    ) {
        self.dataset = dataset
        self.regions = regions
        self.sectors = sectors
        self.from = from
        self.to = to
    }
}

/// The result of `statistics.compare`.
public struct Comparison: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var region: String
        public var sector: String
        public var fromValue: ExactDecimal
        public var toValue: ExactDecimal
        /// (to − from) / from × 100, rounded half up to one decimal; `nil` for the whole
        /// economy or a zero start.
        public var ratePercent: ExactDecimal?
        /// to − from, in percentage points.
        public var differencePoints: ExactDecimal
        public init(
            region: String, sector: String, fromValue: ExactDecimal, toValue: ExactDecimal, ratePercent: ExactDecimal?,
            differencePoints: ExactDecimal
        ) {
            self.region = region
            self.sector = sector
            self.fromValue = fromValue
            self.toValue = toValue
            self.ratePercent = ratePercent
            self.differencePoints = differencePoints
        }
    }

    public var dataset: String
    public var unit: String
    public var from: IndustryStructure.Year
    public var to: IndustryStructure.Year
    public var rows: [Row]
    public init(dataset: String, unit: String, from: IndustryStructure.Year, to: IndustryStructure.Year, rows: [Row]) {
        self.dataset = dataset
        self.unit = unit
        self.from = from
        self.to = to
        self.rows = rows
    }
}

/// Params of `statistics.facts`.
public typealias FactsParams = CompareParams

/// Facts a report can state, computed from a comparison: per sector, the region whose share
/// fell (or rose) most, in points and in percent.
public struct StructuralFacts: Codable, Sendable, Equatable {
    public struct Extreme: Codable, Sendable, Equatable {
        public var region: String
        public var regionName: String
        public var differencePoints: ExactDecimal
        public var ratePercent: ExactDecimal?
        public init(region: String, regionName: String, differencePoints: ExactDecimal, ratePercent: ExactDecimal?) {
            self.region = region
            self.regionName = regionName
            self.differencePoints = differencePoints
            self.ratePercent = ratePercent
        }
    }

    public struct SectorFacts: Codable, Sendable, Equatable {
        public var sector: String
        public var sectorName: String
        public var largestFallInPoints: Extreme?
        public var largestFallInPercent: Extreme?
        public var largestRiseInPoints: Extreme?
        public var largestRiseInPercent: Extreme?
        public init(sector: String, sectorName: String) {
            self.sector = sector
            self.sectorName = sectorName
        }
    }

    public var dataset: String
    public var from: IndustryStructure.Year
    public var to: IndustryStructure.Year
    public var sectors: [SectorFacts]
    public init(dataset: String, from: IndustryStructure.Year, to: IndustryStructure.Year, sectors: [SectorFacts]) {
        self.dataset = dataset
        self.from = from
        self.to = to
        self.sectors = sectors
    }
}
