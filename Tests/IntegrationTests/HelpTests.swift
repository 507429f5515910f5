import Foundation
import Testing
import WireProtocol

@Suite("--help of each executable")
struct HelpTests {
    @Test("report-composer --help names every format, both languages and every method it answers")
    func composerHelp() throws {
        let help = try ProcessStack.runToEnd("report-composer", ["--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("formats markdown, text, json, html, svg"))
        #expect(text.contains("languages ja, en"))
        for method in [
            MethodName.Report.compose, MethodName.Report.sections, MethodName.System.ping, MethodName.System.info,
            MethodName.System.stats,
        ] {
            #expect(text.contains(method), "\(method)")
        }
        #expect(text.contains("statistics.*, initiatives.*, zone.*"))
    }
}
