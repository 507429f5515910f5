import WireProtocol

/// What a dataset is, as its file (JSON) or side file (`NAME.meta.json` beside `NAME.csv`)
/// declares it: everything but the values.
struct DatasetMetadata: Decodable, Sendable {
    /// Whether the values are shares of the whole (in %) or absolute amounts whose shares the
    /// service computes.
    enum ValueKind: String, Decodable, Sendable {
        case share, absolute
    }

    struct Region: Decodable, Sendable {
        var code: String
        var name: String
        var nameEn: String?
        var kind: String
    }

    struct Sector: Decodable, Sendable {
        var code: String
        var name: String
        var nameEn: String?
        /// The sector this one is part of; `null` for the whole economy (exactly one).
        var parent: String?
    }

    var dataset: String
    var measure: String
    var measureEn: String?
    var unit: String
    /// Decimal places shares are published with (and, for share data, given with).
    var decimals: Int
    var source: String
    var sourceEn: String?
    var valueKind: ValueKind = .share
    var regions: [Region]
    var sectors: [Sector]

    private enum CodingKeys: String, CodingKey {
        case dataset, measure, measureEn, unit, decimals, source, sourceEn, valueKind, regions, sectors
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try container.decode(String.self, forKey: .dataset)
        measure = try container.decode(String.self, forKey: .measure)
        measureEn = try container.decodeIfPresent(String.self, forKey: .measureEn)
        unit = try container.decode(String.self, forKey: .unit)
        decimals = try container.decode(Int.self, forKey: .decimals)
        source = try container.decode(String.self, forKey: .source)
        sourceEn = try container.decodeIfPresent(String.self, forKey: .sourceEn)
        valueKind = try container.decodeIfPresent(ValueKind.self, forKey: .valueKind) ?? .share
        regions = try container.decode([Region].self, forKey: .regions)
        sectors = try container.decode([Sector].self, forKey: .sectors)
    }

    static let regionKinds: Set<String> = ["national", "prefecture", "municipality"]

    /// Checks what can be checked before any value is read.
    func validate(file: String) throws {
        guard !dataset.isEmpty else { throw DataError(file: file, "\"dataset\" (the id) must not be empty") }
        guard (0...6).contains(decimals) else {
            throw DataError(file: file, "\"decimals\" must be 0 to 6, got \(decimals)")
        }
        guard !regions.isEmpty else { throw DataError(file: file, "no regions declared") }
        var codes = Set<String>()
        for (index, region) in regions.enumerated() {
            guard codes.insert(region.code).inserted else {
                throw DataError(file: file, "regions[\(index)]: region code \"\(region.code)\" declared twice")
            }
            guard Self.regionKinds.contains(region.kind) else {
                throw DataError(
                    file: file,
                    """
                    regions[\(index)]: kind \"\(region.kind)\" is not one of \
                    \(Self.regionKinds.sorted().joined(separator: ", "))
                    """
                )
            }
        }
        let sectorCodes = Set(sectors.map(\.code))
        guard sectorCodes.count == sectors.count else { throw DataError(file: file, "a sector code is declared twice") }
        let totals = sectors.filter { $0.parent == nil }
        guard totals.count == 1 else {
            throw DataError(
                file: file, "exactly one sector must be the whole economy (no parent); found \(totals.count)")
        }
        for (index, sector) in sectors.enumerated() {
            if let parent = sector.parent, !sectorCodes.contains(parent) {
                throw DataError(file: file, "sectors[\(index)]: parent \"\(parent)\" is not a declared sector")
            }
        }
        // Every sector must reach the total without a cycle.
        let parents = Dictionary(uniqueKeysWithValues: sectors.map { ($0.code, $0.parent) })
        for sector in sectors {
            var seen: Set<String> = [sector.code]
            var next = parents[sector.code] ?? nil
            while let code = next {
                guard seen.insert(code).inserted else {
                    throw DataError(file: file, "sector \"\(sector.code)\" is its own ancestor")
                }
                next = parents[code] ?? nil
            }
        }
    }
}
