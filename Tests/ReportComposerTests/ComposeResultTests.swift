import Foundation
import Testing
import WireProtocol

@testable import ReportComposer

@Suite("compose result encoding")
struct ComposeResultTests {
    @Test(
        "the hand-written encoding is byte for byte JSONEncoder's",
        arguments: [
            "# 見出し\n\n○本文「引用」/ slash \"quote\" \\ back\tslash\u{01}\u{1f} ☆😀\r\n",
            "", "plain",
        ])
    func sameBytes(document: String) throws {
        let result = ComposeResult(
            format: .markdown, lang: .ja, content: .document(RenderedText(document)), sections: ["１．はじめに", "a\"b"],
            degraded: true, missing: ["statistics"], generatedAt: "2026-11-29T08:00:00Z")
        let expected = try JSONCoding.encoder.encode(result)
        #expect(String(decoding: try result.encoded(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test(
        "the response written at once is byte for byte the result spliced into its envelope",
        arguments: [JSONValue.integer(7), .string("a\"b/☆"), .null, .integer(-9_007_199_254_740_991)])
    func sameResponse(id: JSONValue) throws {
        let result = ComposeResult(
            format: .markdown, lang: .en, content: .document(RenderedText("# Heading\n\n\"text\"\n")),
            sections: ["1. Intro"], degraded: false, missing: [], generatedAt: "2026-12-02T08:00:00Z")
        let spliced = JSONRPCResponse(id: id, outcome: .result(try result.encoded())).encoded()
        let whole = result.encodedResponse(id: id)
        #expect(String(decoding: whole, as: UTF8.self) == String(decoding: spliced, as: UTF8.self))
        #expect(!JSONRPCResponse.encodedIsError(whole))
    }
}

@Suite("structured report encoding")
struct StructuredReportEncodingTests {
    let fixture: Fixture
    init() throws { fixture = try Fixture() }

    @Test(
        "format json: the hand-written report is byte for byte JSONEncoder's, in both editions, whole or degraded",
        arguments: [ReportLanguage.ja, .en], [0, 1, 2])
    func sameBytes(lang: ReportLanguage, missing: Int) throws {
        let report = ReportAssembler(frame: fixture.frame, lang: lang).assemble(
            statistics: missing == 1 ? nil : fixture.statistics, catalogue: missing == 2 ? nil : fixture.catalogue)
        let result = ComposeResult(
            format: .json, lang: lang, content: .report(report), sections: report.headings, degraded: missing > 0,
            missing: missing == 0 ? [] : [missing == 1 ? "statistics" : "initiatives"],
            generatedAt: "2026-11-29T08:00:00Z")
        let expected = String(decoding: try JSONCoding.encoder.encode(result), as: UTF8.self)
        let written = String(decoding: try result.encoded(), as: UTF8.self)
        #expect(written == expected)
        #expect(written.contains(#""table":{"dataset":"#) == (missing != 1))
    }
}
