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
}
