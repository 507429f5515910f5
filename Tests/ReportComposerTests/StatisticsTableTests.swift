import Foundation
import Testing
import WireProtocol

@testable import ReportComposer

@Suite("the industry structure as texts of the reply")
struct StatisticsTableTests {
    let fixture: Fixture
    init() throws { fixture = try Fixture() }

    @Test("read from a reply, it is the service's table, member for member")
    func sameTable() throws {
        #expect(fixture.statistics.structure == fixture.structure)
        #expect(fixture.statistics == StatisticsTable(fixture.structure))
        #expect(fixture.statistics.regions.map(\.name) == ["全国", "川崎市", "横浜市"])
    }

    @Test("an escaped text is decoded; an error reply is the error")
    func escapesAndErrors() throws {
        var structure = fixture.structure
        structure.measure = "産業\"構造\"\n\u{1F600}"
        let table = try StatisticsTable.readResult(from: Fixture.reply(structure)).get()
        #expect(table.measure.string == structure.measure)
        let refused = Data(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"no"}}"#.utf8)
        guard case .failure(let error) = try StatisticsTable.readResult(from: refused) else {
            Issue.record("an error reply read as a table")
            return
        }
        #expect(error.code == -32602)
    }

    @Test(
        "a member the contract requires is required",
        arguments: [
            (#""unit":"%","#, #"IndustryStructure needs the member "unit""#),
            (#""era":"平成2年","#, #"Year needs the member "era""#),
            (#""kind":"national","#, #"Region needs the member "kind""#),
            (#""values":[2.39,1.18]"#, #"Row needs the member "values""#),
        ])
    func required(member: String, message: String) throws {
        let json = String(decoding: Fixture.reply(fixture.structure), as: UTF8.self)
        #expect(json.contains(member))
        var without = json.replacingOccurrences(of: member, with: "")
        without = without.replacingOccurrences(of: ",}", with: "}")
        let reply = Data(without.utf8)
        let error = try #require(throws: JSONReadError.self) { try StatisticsTable.readResult(from: reply) }
        #expect(error.message == message)
    }

    @Test("a row's values are read in order, however many years there are", arguments: [0, 1, 2, 3, 5])
    func rowValues(count: Int) throws {
        var structure = fixture.structure
        let values = (0..<count).map { ExactDecimal(significand: Int64($0 * 111 + 7), exponent: -2) }
        structure.rows[0].values = values
        let table = try StatisticsTable.readResult(from: Fixture.reply(structure)).get()
        #expect(table.rows[0].values.count == count)
        #expect(Array(table.rows[0].values) == values)
        #expect(table.rows[0].values == StatisticsTable.RowValues(values))
        #expect(table.structure.rows[0].values == values)
        if count > 0 {
            #expect(table.rows[0].values != StatisticsTable.RowValues(values.dropLast()))
        }
    }
}
