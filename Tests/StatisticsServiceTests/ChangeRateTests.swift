import Foundation
import SeedFixtures
import Testing
import WireProtocol

@testable import StatisticsService

@Suite("rates of change, computed")
struct ChangeRateTests {
    let dataset: IndustryStructure
    let seed: SeedDocument

    init() throws {
        dataset = try SeedData.dataset().structure(IndustryStructureParams())
        seed = try SeedDocument.load()
    }

    @Test("all nine rates match the seed's printed values, ▲ and all")
    func nineRates() throws {
        let sectors = ["第一次産業": "primary", "第二次産業": "secondary", "第三次産業": "tertiary"]
        var checked = 0
        for row in seed.tableRows where sectors[row.sector] != nil {
            for (index, regionName) in seed.regions.enumerated() {
                let region = try #require(dataset.regions.first { $0.name == regionName })
                let computed = try #require(dataset.row(region: region.code, sector: sectors[row.sector]!))
                let printed = row.cells[index]
                #expect(FigureText.share(computed.values[0]) == printed.old, "\(regionName) \(row.sector) old")
                #expect(FigureText.share(computed.values[1]) == printed.new, "\(regionName) \(row.sector) new")
                let rate = try #require(computed.change?.ratePercent)
                let expected = printed.rate.replacingOccurrences(of: "▲", with: "-").replacingOccurrences(
                    of: "%", with: "")
                #expect(rate.decimal == Decimal(string: expected), "\(regionName) \(row.sector) rate")
                checked += 1
            }
        }
        #expect(checked == 9)
    }

    @Test("the whole economy is 100 in every year, with no rate, as printed")
    func totalRow() throws {
        let printed = try #require(seed.tableRows.first { $0.sector == "全産業" })
        #expect(printed.cells.allSatisfy { $0 == ("100", "100", "-") })
        for region in dataset.regions {
            let row = try #require(dataset.row(region: region.code, sector: "total"))
            #expect(row.values == [100, 100])
            #expect(row.change?.ratePercent == nil)
        }
    }

    /// The reference: (new − old) / old × 100 rounded half up to one decimal in Foundation's
    /// decimal arithmetic.
    static func decimalPercent(from old: Decimal, to new: Decimal) -> Decimal? {
        guard old != 0 else { return nil }
        var exact = (new - old) / old * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return rounded
    }

    @Test("rounding is half up, and the integer arithmetic agrees with decimal arithmetic")
    func rounding() {
        #expect(ChangeRate.percent(fromUnits: 20000, toUnits: 20025)?.decimal == Decimal(string: "0.1"))
        #expect(ChangeRate.percent(fromUnits: 6, toUnits: 8)?.decimal == Decimal(string: "33.3"))
        #expect(ChangeRate.percent(fromUnits: 0, toUnits: 1) == nil)
        // Ties and signs included.
        for (old, new) in [
            (Int64(200), Int64(201)), (239, 118), (6, 8), (14, 10), (3190, 1628), (2000, 1999), (40, 39), (1, 0),
            (0, 5),
        ] {
            let exact = Self.decimalPercent(from: Decimal(old) / 100, to: Decimal(new) / 100)
            #expect(ChangeRate.percent(fromUnits: old, toUnits: new)?.decimal == exact, "\(old) → \(new)")
        }
    }

    @Test(
        "years are labelled with their era year",
        arguments: [
            (1989, "平成元年"), (1990, "平成2年"), (2010, "平成22年"), (2011, "平成23年"), (2019, "令和元年"), (2020, "令和2年"),
        ])
    func eras(year: Int, label: String) {
        #expect(JapaneseEra.label(forYear: year) == label)
    }

    @Test("the dataset's years render as the seed writes them")
    func seedYears() {
        #expect(dataset.years.map(\.era) == ["平成2年", "平成22年"])
    }
}

/// The seed's dataset as the service ships it.
enum SeedData {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Services/StatisticsService/Resources/industry-structure.json").standardized
    }

    static func dataset() throws -> IndustryDataset { try DatasetLoader.loadFile(url) }
}

/// Shares as the seed prints them: two decimals.
enum FigureText {
    static func share(_ value: ExactDecimal) -> String {
        String(format: "%.2f", NSDecimalNumber(decimal: value.decimal).doubleValue)
    }
}
