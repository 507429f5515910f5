#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Params of `statistics.industryStructure`: optional filters; absent means all.
public struct IndustryStructureParams: MethodParams, Encodable, Equatable {
    public enum CodingKeys: String, CodingKey, CaseIterable { case dataset, regions, years, sectors, span }

    /// Which years to return when `years` is not given.
    public enum Span: String, ParameterChoice {
        /// Every year of the dataset.
        case all
        /// Only the first and the last year: what the report's table shows.
        case endpoints
    }
    /// The dataset's id; absent means the service's default dataset.
    public var dataset: String?
    /// Region codes or names (e.g. `"14130"` or `"川崎市"`).
    public var regions: [String]?
    /// Gregorian years, e.g. `[1990, 2010]`.
    public var years: [Int]?
    /// Sector codes (`primary`, `secondary`, `tertiary`, `total`).
    public var sectors: [String]?
    /// `all` (default) or `endpoints`; ignored when `years` is given.
    public var span: Span?

    public init() {}

    public static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .dataset: "The dataset's id (statistics.datasets lists them); absent means the default dataset."
        case .regions: "Region codes or names (\"14130\" or \"川崎市\"); absent means every region."
        case .years: "Gregorian years; absent means what span says."
        case .sectors: "Sector codes (primary, secondary, tertiary, total); absent means every sector."
        case .span:
            ParamDescription("Which years when years is absent: all, or only the first and the last.", default: "all")
        }
    }

    public init(
        dataset: String? = nil, regions: [String]? = nil, years: [Int]? = nil, sectors: [String]? = nil,
        span: Span? = nil
    ) {
        self.dataset = dataset
        self.regions = regions
        self.years = years
        self.sectors = sectors
        self.span = span
    }
}

/// The result of `statistics.industryStructure`: shares of each sector per region and year,
/// with the rate of change between the first and the last year, computed by the service.
public struct IndustryStructure: Codable, Sendable, Equatable {
    public struct Year: Codable, Sendable, Equatable {
        /// The Gregorian year, e.g. 1990.
        public var year: Int
        /// The Japanese era year as the report writes it, e.g. `平成2年`.
        public var era: String
        /// The era year in English, e.g. `Heisei 2`.
        public var eraEn: String?
        public init(year: Int, era: String, eraEn: String? = nil) {
            self.year = year
            self.era = era
            self.eraEn = eraEn
        }
    }

    public struct Region: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// The English name, where the data gives one.
        public var nameEn: String?
        /// `national`, `prefecture` or `municipality`.
        public var kind: String
        public init(code: String, name: String, nameEn: String? = nil, kind: String) {
            self.code = code
            self.name = name
            self.nameEn = nameEn
            self.kind = kind
        }
    }

    public struct Sector: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// The English name, where the data gives one.
        public var nameEn: String?
        /// The sector this one is part of; `nil` for the whole economy.
        public var parent: String?
        public init(code: String, name: String, nameEn: String? = nil, parent: String?) {
            self.code = code
            self.name = name
            self.nameEn = nameEn
            self.parent = parent
        }
        public var isTotal: Bool { parent == nil }
    }

    /// The change of one share between two years.
    public struct Change: Codable, Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// (new − old) / old × 100, rounded half up to one decimal; `nil` where it has no
        /// meaning (the whole economy, always 100 %, or an old share of zero).
        public var ratePercent: ExactDecimal?
        /// new − old, in percentage points.
        public var differencePoints: ExactDecimal
        public init(from: Int, to: Int, ratePercent: ExactDecimal?, differencePoints: ExactDecimal) {
            self.from = from
            self.to = to
            self.ratePercent = ratePercent
            self.differencePoints = differencePoints
        }
    }

    public struct Row: Codable, Sendable, Equatable {
        public var region: String
        public var sector: String
        /// One value per entry of `years`, in that order.
        public var values: [ExactDecimal]
        public var change: Change?
        public init(region: String, sector: String, values: [ExactDecimal], change: Change?) {
            self.region = region
            self.sector = sector
            self.values = values
            self.change = change
        }
    }

    public var dataset: String
    public var measure: String
    public var measureEn: String?
    public var unit: String
    /// Decimal places the values are published with.
    public var decimals: Int
    /// The source line, e.g. `内閣府国民経済計算、…より作成`.
    public var source: String
    public var sourceEn: String?
    public var years: [Year]
    public var regions: [Region]
    public var sectors: [Sector]
    public var rows: [Row]

    public init(
        dataset: String, measure: String, measureEn: String? = nil, unit: String, decimals: Int, source: String,
        sourceEn: String? = nil, years: [Year], regions: [Region], sectors: [Sector], rows: [Row]
    ) {
        self.dataset = dataset
        self.measure = measure
        self.measureEn = measureEn
        self.unit = unit
        self.decimals = decimals
        self.source = source
        self.sourceEn = sourceEn
        self.years = years
        self.regions = regions
        self.sectors = sectors
        self.rows = rows
    }

    /// The row for a region and sector, if present.
    public func row(region: String, sector: String) -> Row? {
        rows.first { $0.region == region && $0.sector == sector }
    }
}
