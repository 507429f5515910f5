import Foundation
import Testing
import WireProtocol
@testable import StatisticsService

@Suite("dataset loading and queries")
struct DatasetTests {
    func file(values: [(String, Int, String, Decimal)]) -> IndustryDataset.File {
        IndustryDataset.File(
            dataset: "t", measure: "m", unit: "%", decimals: 2, source: "s",
            regions: [.init(code: "A", name: "甲", kind: "municipality")],
            sectors: [.init(code: "p", name: "P", parent: "total"), .init(code: "q", name: "Q", parent: "total"),
                      .init(code: "total", name: "T", parent: nil)],
            values: values.map { .init(region: $0.0, year: $0.1, sector: $0.2, value: $0.3) })
    }

    @Test("bad data is refused with the place and the reason", arguments: [
        ([("A", 1990, "p", 50), ("A", 1990, "x", 50)], "unknown sector \"x\""),
        ([("A", 1990, "p", 50), ("B", 1990, "q", 50)], "unknown region \"B\""),
        ([("A", 1990, "p", 50), ("A", 1990, "p", 50)], "a second value for A 1990 p"),
        ([("A", 1990, "p", 50), ("A", 1990, "q", 49)], "shares add up to 99"),
        ([("A", 1990, "p", 50)], "a sector has no value"),
    ] as [([(String, Int, String, Decimal)], String)])
    func refused(values: [(String, Int, String, Decimal)], message: String) {
        let error = #expect(throws: IndustryDataset.LoadError.self) {
            try IndustryDataset(file(values: values), name: "bad.json")
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("bad.json") == true)
    }

    @Test("filters narrow the table; unknown values are -32602 naming the field")
    func filters() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Services/Statistics/Resources/industry-structure.json")
        let dataset = try IndustryDataset(contentsOf: url)
        let kawasaki = try dataset.query(IndustryStructureParams(regions: ["川崎市"], sectors: ["secondary"]))
        #expect(kawasaki.regions.map(\.name) == ["川崎市"])
        #expect(kawasaki.rows.count == 1)
        #expect(kawasaki.rows[0].change?.ratePercent == Decimal(string: "-45.3"))
        let oneYear = try dataset.query(IndustryStructureParams(years: [2010]))
        #expect(oneYear.rows.allSatisfy { $0.values.count == 1 && $0.change == nil })
        for (params, field) in [
            (IndustryStructureParams(regions: ["大阪市"]), "regions"),
            (IndustryStructureParams(years: [2000]), "years"),
            (IndustryStructureParams(sectors: ["fishing"]), "sectors"),
        ] {
            let error = #expect(throws: JSONRPCError.self) { try dataset.query(params) }
            #expect(error?.code == -32602)
            #expect(error?.data?["field"] == .string(field))
        }
    }
}
