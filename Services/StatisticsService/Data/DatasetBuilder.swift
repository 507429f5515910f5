import Foundation
import WireProtocol

/// Collects a dataset's values one cell at a time (from CSV or JSON), then checks the whole and
/// freezes it into an ``IndustryDataset``.
struct DatasetBuilder {
    /// The part of a value row a problem is in, so loaders can say where.
    enum Field: Int { case region, year, sector, value }

    struct CellError: Error {
        let field: Field
        let message: String
    }

    /// Shares of a region-year may add up to 100 ± this (and sub-sectors to their parent's
    /// share ± this): published shares are rounded to two decimals each, so three of them can be
    /// off by up to 0.015 together, and the seed's Kawasaki 1990 row adds up to 100.01. 0.05
    /// allows for that rounding and still catches a mistyped value.
    static let tolerance: Decimal = 0.05

    let metadata: DatasetMetadata
    let file: String
    let scale: Int64
    private let regionIndex: [String: Int]
    private let sectorIndex: [String: Int]
    private let missing = Int64.min
    /// Per year: shares in units, or absolute amounts, indexed [region × sectors + sector].
    private var shareGrids: [Int: [Int64]] = [:]
    private var amountGrids: [Int: [Double]] = [:]

    init(metadata: DatasetMetadata, file: String) throws {
        try metadata.validate(file: file)
        self.metadata = metadata
        self.file = file
        var scale: Int64 = 1
        for _ in 0..<metadata.decimals { scale *= 10 }
        self.scale = scale
        regionIndex = Dictionary(uniqueKeysWithValues: metadata.regions.enumerated().map { ($1.code, $0) })
        sectorIndex = Dictionary(uniqueKeysWithValues: metadata.sectors.enumerated().map { ($1.code, $0) })
    }

    /// Adds one value. Throws a ``CellError`` naming the field at fault.
    mutating func add(region: String, year: Int, sector: String, value: some Collection<UInt8>) throws(CellError) {
        guard let r = regionIndex[region] else {
            throw CellError(field: .region, message: "unknown region \"\(region)\" (not in the dataset's regions)")
        }
        guard (1..<10000).contains(year) else { throw CellError(field: .year, message: "year \(year) is out of range") }
        guard let s = sectorIndex[sector] else {
            throw CellError(field: .sector, message: "unknown sector \"\(sector)\" (not in the dataset's sectors)")
        }
        let cell = r * metadata.sectors.count + s
        let size = metadata.regions.count * metadata.sectors.count
        switch metadata.valueKind {
        case .share:
            let units: Int64
            do {
                units = try NumberText.units(value, decimals: metadata.decimals)
            } catch {
                throw CellError(field: .value, message: Self.describe(error, value, decimals: metadata.decimals))
            }
            guard units >= 0 else { throw CellError(field: .value, message: "a share cannot be negative") }
            if shareGrids[year] == nil { shareGrids[year] = [Int64](repeating: missing, count: size) }
            guard shareGrids[year]![cell] == missing else {
                throw CellError(field: .value, message: "a second value for \(region) \(year) \(sector)")
            }
            shareGrids[year]![cell] = units
        case .absolute:
            let amount: Double
            do {
                amount = try NumberText.double(value)
            } catch {
                throw CellError(field: .value, message: Self.describe(error, value, decimals: nil))
            }
            guard amount >= 0 else { throw CellError(field: .value, message: "an amount cannot be negative") }
            if amountGrids[year] == nil { amountGrids[year] = [Double](repeating: .nan, count: size) }
            guard amountGrids[year]![cell].isNaN else {
                throw CellError(field: .value, message: "a second value for \(region) \(year) \(sector)")
            }
            amountGrids[year]![cell] = amount
        }
    }

    private static func describe(_ error: NumberText.Failure, _ value: some Collection<UInt8>, decimals: Int?) -> String
    {
        let text = String(decoding: value, as: UTF8.self)
        switch error {
        case .notANumber: return "not a number: \"\(text)\""
        case .tooManyDecimals:
            return "\"\(text)\" has more decimal places than the dataset's \"decimals\" (\(decimals ?? 0))"
        case .outOfRange: return "\"\(text)\" is too large"
        }
    }

    /// Checks that every cell is there and the shares add up, then builds the dataset.
    func build() throws -> IndustryDataset {
        let years = Array(Set(shareGrids.keys).union(amountGrids.keys)).sorted()
        guard !years.isEmpty else { throw DataError(file: file, "the dataset has no values") }
        let sectors = metadata.sectors
        let total = sectors.firstIndex { $0.parent == nil }!
        let order = Self.displayOrder(sectors)
        let sectorCount = sectors.count
        var shares = [Int64](repeating: 0, count: metadata.regions.count * years.count * sectorCount)
        let hundred = 100 * scale
        let children = sectors.map { parent in sectors.indices.filter { sectors[$0].parent == parent.code } }
        var cell = [Int64](repeating: 0, count: sectorCount)
        for (r, region) in metadata.regions.enumerated() {
            for (y, year) in years.enumerated() {
                for s in 0..<sectorCount {
                    let index = r * sectorCount + s
                    switch metadata.valueKind {
                    case .share:
                        let units = shareGrids[year]?[index] ?? missing
                        if units == missing && s != total {
                            throw DataError(
                                file: file, "no value for \(region.code) (\(region.name)) \(year) \(sectors[s].code)")
                        }
                        cell[s] = s == total ? hundred : units
                        if s == total && units != missing && !Self.close(units, hundred, scale: scale) {
                            throw DataError(
                                file: file,
                                """
                                \(region.name) \(year): the whole economy must be 100, got \
                                \(Decimal(units) / Decimal(scale))
                                """
                            )
                        }
                    case .absolute:
                        break
                    }
                }
                if metadata.valueKind == .absolute {
                    cell = try absoluteShares(region: region, regionIndex: r, year: year, total: total)
                }
                // Children add up to their parent.
                for p in sectors.indices where !children[p].isEmpty {
                    let sum = children[p].reduce(Int64(0)) { $0 + cell[$1] }
                    if !Self.close(sum, cell[p], scale: scale) {
                        throw DataError(
                            file: file,
                            """
                            \(region.name) \(year): the shares of \
                            \(children[p].map { sectors[$0].code }.joined(separator: ", ")) add up to \
                            \(Decimal(sum) / Decimal(scale)), not \(Decimal(cell[p]) / Decimal(scale)) \
                            ± \(Self.tolerance)
                            """
                        )
                    }
                }
                let base = (r * years.count + y) * sectorCount
                for (position, s) in order.enumerated() { shares[base + position] = cell[s] }
            }
        }
        return IndustryDataset(
            metadata: metadata,
            sectors: order.map {
                IndustryStructure.Sector(
                    code: sectors[$0].code, name: sectors[$0].name, nameEn: sectors[$0].nameEn,
                    parent: sectors[$0].parent)
            },
            years: years, shares: shares)
    }

    /// Shares of an absolute region-year: each amount over the whole economy's (given, or the
    /// sum of its direct parts), × 100, rounded half up to the dataset's decimals.
    private func absoluteShares(region: DatasetMetadata.Region, regionIndex r: Int, year: Int, total: Int) throws
        -> [Int64]
    {
        let sectors = metadata.sectors
        let grid = amountGrids[year] ?? []
        var amounts = [Double](repeating: .nan, count: sectors.count)
        for s in sectors.indices { amounts[s] = grid.isEmpty ? .nan : grid[r * sectors.count + s] }
        if amounts[total].isNaN {
            amounts[total] = sectors.indices.filter { sectors[$0].parent == sectors[total].code }.reduce(0) {
                $0 + amounts[$1]
            }
        }
        for s in sectors.indices where amounts[s].isNaN {
            throw DataError(file: file, "no value for \(region.code) (\(region.name)) \(year) \(sectors[s].code)")
        }
        guard amounts[total] > 0 else {
            throw DataError(file: file, "\(region.name) \(year): the whole economy's amount is 0")
        }
        return amounts.map { Int64((($0 / amounts[total]) * 100 * Double(scale)).rounded(.toNearestOrAwayFromZero)) }
    }

    private static func close(_ a: Int64, _ b: Int64, scale: Int64) -> Bool {
        // |a − b| ≤ 0.05 in value terms, i.e. 20 × |a − b| ≤ scale units.
        (a - b).magnitude * 20 <= UInt64(scale)
    }

    /// The order rows are shown in: each part of the whole in file order, followed by its own
    /// parts, and the whole economy last — as the seed's table does.
    static func displayOrder(_ sectors: [DatasetMetadata.Sector]) -> [Int] {
        let total = sectors.firstIndex { $0.parent == nil }!
        func descendants(of code: String) -> [Int] {
            sectors.indices.filter { sectors[$0].parent == code }.flatMap { [$0] + descendants(of: sectors[$0].code) }
        }
        return descendants(of: sectors[total].code) + [total]
    }
}
