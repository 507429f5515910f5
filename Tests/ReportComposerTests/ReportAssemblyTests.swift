import Foundation
import SeedFixtures
import Testing
import WireProtocol

@testable import ReportComposer
@testable import StatisticsService

/// The report built from the real resource files of all three services.
struct Fixture {
    let frame: ReportFrame
    /// The table as the composer holds it: read from a reply, as a report reads it.
    let statistics: StatisticsTable
    /// The same table as the statistics service answers it.
    let structure: IndustryStructure
    let catalogue: CatalogueText
    let seed: SeedDocument

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        frame = try ReportFrame.load(
            from: root.appendingPathComponent("Services/ReportComposer/Resources/report-frame.json"))
        structure = try DatasetLoader.loadFile(
            root.appendingPathComponent("Services/StatisticsService/Resources/industry-structure.json")
        ).structure(IndustryStructureParams())
        statistics = try StatisticsTable.readResult(from: Self.reply(structure)).get()
        catalogue = try CatalogueText(
            json: Data(
                contentsOf: root.appendingPathComponent("Services/InitiativesService/Resources/special-zone.json")))
        seed = try SeedDocument.load()
    }

    /// A JSON-RPC response with `structure` as its result, written as the service writes it.
    static func reply(_ structure: IndustryStructure) -> Data {
        var writer = JSONWriter()
        writer.raw(#"{"jsonrpc":"2.0","id":1,"result":"#)
        structure.write(to: &writer)
        writer.raw("}")
        return writer.data
    }

    func report(statistics: Bool = true, catalogue: Bool = true) -> Report {
        ReportAssembler(frame: frame).assemble(
            statistics: statistics ? self.statistics : nil, catalogue: catalogue ? self.catalogue : nil)
    }
}

@Suite("report assembly")
struct ReportAssemblyTests {
    let fixture: Fixture
    init() throws { fixture = try Fixture() }

    /// Where each seed paragraph belongs: the numbered headings give the real order of the
    /// out-of-order extracted text.
    static let placement: [(prefix: String, section: String)] = [
        ("○我々は報道等で", "introduction"),
        ("○そこで今回", "introduction"),
        ("○国際戦略総合特区は経済成長", "background"),
        ("○京浜臨海部ライフイノベーション国際戦略総合特区は、神奈川県", "background"),
        ("○川崎市は、臨海部", "background"),
        ("○横浜市では、", "background"),
        ("○プラザ合意", "background"),
        ("○川崎市…", "kawasaki"),
        ("➢細胞や動物", "kawasaki"),
        ("○味の素(株)…", "kawasaki"),
        ("➢さらに安価", "kawasaki"),
        ("○(公財)実験動物中央研究所…", "kawasaki"),
        ("➢ヒト疾病", "kawasaki"),
        ("○横浜市…", "yokohama"),
        ("➢さらなる経済成長", "yokohama"),
        ("○横浜市立大学", "yokohama"),
        ("➢再生医療", "yokohama"),
        ("○川崎市・横浜市両市が", "conclusions"),
        ("○今後も", "conclusions"),
    ]

    /// Each block's text as the seed writes it.
    func texts(_ block: Report.Block) -> [String] {
        switch block.kind {
        case .paragraph: ["○" + block.text!.string]
        case .initiative:
            ["○" + (block.organisation.map { $0.string + "…" } ?? "") + block.text!.string]
                + (block.outlook.map { ["➢" + $0.string] } ?? [])
        default: []
        }
    }

    @Test("sections come in the report's order")
    func order() {
        #expect(fixture.report().headings == ["１．はじめに", "２．特区申請の経緯", "３．川崎市等の取り組み", "４．横浜市等の取り組み", "５．まとめ"])
    }

    @Test("every seed paragraph appears once, in its section, and nothing else does")
    func paragraphs() throws {
        let report = fixture.report()
        var rendered: [(section: String, text: String)] = []
        for section in report.sections {
            for block in section.blocks { rendered += texts(block).map { (section.id, $0) } }
        }
        #expect(fixture.seed.paragraphs.count == Self.placement.count)
        for paragraph in fixture.seed.paragraphs {
            let placement = try #require(Self.placement.first { paragraph.hasPrefix($0.prefix) }, "\(paragraph)")
            let found = rendered.filter { $0.text == paragraph }
            #expect(found.count == 1, "\(paragraph)")
            #expect(found.first?.section == placement.section, "\(paragraph)")
        }
        for entry in rendered {
            #expect(fixture.seed.paragraphs.contains(entry.text), "not in the seed: \(entry.text)")
        }
        // Order within a section follows the placement table.
        for section in report.sections {
            let inSection = rendered.filter { $0.section == section.id }.map(\.text)
            let expected = Self.placement.filter { $0.section == section.id }.map(\.prefix)
            #expect(zip(inSection, expected).allSatisfy { $0.hasPrefix($1) }, "\(section.id)")
        }
    }

    @Test("title, authors, abstract, captions and the source line come from the seed")
    func frameText() {
        let report = fixture.report()
        let seedText = fixture.seed.blocks.joined(separator: "\n")
        #expect(fixture.seed.blocks.contains(report.title.string + report.series.string))
        #expect(fixture.seed.blocks.contains(report.authors.map(\.string).joined()))
        #expect(report.abstract.map { "☆" + $0.string } == fixture.seed.abstract)
        let notes = report.sections.flatMap(\.blocks).filter { $0.kind == .note }.compactMap(\.text?.string)
        #expect(notes.count == 3)
        for note in notes {
            let normalised = seedText.replacingOccurrences(of: "(画像提供：味の素(株))", with: "（画像提供：味の素(株)）")
            #expect(normalised.contains("（\(note)）"), "\(note)")
        }
        let background = report.sections[1].blocks
        let table = background.firstIndex { $0.kind == .table }
        #expect(table != nil && background[table! + 1].text?.string.hasPrefix("出典：") == true)
        #expect(background[table! - 1].text?.string.hasSuffix("（下表参照）") == true)
    }

    @Test("a missing service marks its parts unavailable and keeps the rest whole")
    func degraded() {
        let report = fixture.report(statistics: false)
        let background = report.sections[1].blocks
        #expect(!background.contains { $0.kind == .table })
        #expect(background.filter { $0.kind == .unavailable }.map(\.service) == ["statistics"])
        #expect(background.filter { $0.kind == .paragraph }.count == 5)
        let noInitiatives = fixture.report(catalogue: false)
        #expect(noInitiatives.sections[2].blocks == [.unavailable("initiatives")])
        #expect(noInitiatives.sections[1].blocks.contains { $0.kind == .table })
    }

    @Test(
        "Markdown written as the frame is filled is the Markdown of the assembled report, whichever service answered",
        arguments: [ReportLanguage.ja, .en], [(true, true), (false, true), (true, false), (false, false)])
    func markdownAsAssembled(lang: ReportLanguage, answered: (statistics: Bool, catalogue: Bool)) throws {
        let statistics = answered.statistics ? fixture.statistics : nil
        let catalogue = answered.catalogue ? fixture.catalogue : nil
        let assembler = ReportAssembler(frame: fixture.frame, lang: lang)
        let written = assembler.markdown(statistics: statistics, catalogue: catalogue).text
        let report = assembler.assemble(statistics: statistics, catalogue: catalogue)
        #expect(written == MarkdownRenderer().render(report))
        #expect(fixture.frame.headings(lang) == report.headings)
        // Each service that did not answer is said once in each section it has a slot in.
        let notices = written.split(separator: "\n").filter { $0.hasPrefix("> ") }
        #expect(notices.count == (answered.statistics ? 0 : 1) + (answered.catalogue ? 0 : 3))
    }
}
