import Foundation
import Testing
import WireProtocol

@testable import ReportComposer

@Suite("renderers")
struct RendererTests {
    let fixture: Fixture
    init() throws { fixture = try Fixture() }

    @Test("Markdown: headings in order and the table as a Markdown table with the seed's figures")
    func markdown() throws {
        let markdown = MarkdownRenderer().render(fixture.report())
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == fixture.report().headings.map(\.string))
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == 6)
        #expect(tableLines[1].hasPrefix("|:---|---:|"))
        for row in fixture.seed.tableRows {
            let line = try #require(tableLines.first { $0.hasPrefix("| \(row.sector) |") })
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let printed = row.cells.flatMap { [$0.old, $0.new, $0.rate] }
            #expect(Array(cells.dropFirst()) == printed, "\(row.sector)")
        }
        #expect(markdown.contains("（出典：内閣府国民経済計算、川崎市市民経済計算、横浜市の市民経済計算より作成）"))
    }

    @Test("Markdown's bytes are well-formed UTF-8, as the result encoder takes them without a check")
    func markdownBytes() throws {
        var report = fixture.report()
        report.sections[0].blocks.append(.paragraph("*強調*と|表|😀\\"))
        let rendered = MarkdownRenderer().renderUTF8(report)
        let text = try #require(String(validating: rendered.utf8, as: UTF8.self))
        #expect(text == rendered.text && text.contains(#"\*強調\*と\|表\|😀\\"#))
    }

    @Test("text: no line wider than the width, table columns aligned by display width", arguments: [80, 60, 120])
    func text(width: Int) {
        let text = TextRenderer(width: width).render(fixture.report())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "\(line)")
        }
        let rows = lines.filter { $0.hasPrefix("第") || $0.hasPrefix("全産業") }
        #expect(rows.count >= 4)
        let rowsPerBlock = 4
        for block in stride(from: 0, to: rows.count, by: rowsPerBlock) {
            let group = rows[block..<min(block + rowsPerBlock, rows.count)]
            #expect(Set(group.map { DisplayWidth.of($0) }).count == 1, "\(group)")
        }
        #expect(
            !lines.contains {
                $0.hasPrefix("、") || $0.hasPrefix("。") || $0.trimmingCharacters(in: .whitespaces).hasPrefix("々")
            })
    }

    @Test("a report text's display width, read from its bytes, is its string's")
    func displayWidthOfBytes() {
        let texts = [
            "", "abc", "平成22年", "ＡＢ", "😀a", "e\u{301}", "a\u{200B}b", "川崎市及び横浜市における取り組み（第2次）",
            "Kawasaki City and Yokohama City", "한국어", "\u{0}x",
        ]
        for text in texts {
            #expect(DisplayWidth.of(ReportText(text)) == DisplayWidth.of(text), "\(text)")
        }
    }

    @Test("text at narrow widths: the table stacks, each line ends with a newline", arguments: [20, 26, 34])
    func narrowText(width: Int) {
        let text = TextRenderer(width: width).render(fixture.report())
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "\(line)")
        }
        // Every figure of the table is on a line of its own or after its column's title.
        let table = TableText(fixture.statistics, lang: .ja, changeLabel: "増減率")
        for cell in table.rows.flatMap(\.cells) where !cell.isEmpty {
            #expect(lines.contains { $0.hasSuffix(" " + cell.string) || $0 == "      " + cell.string }, "\(cell)")
        }
    }

    @Test("display width counts full-width characters as two")
    func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("平成22年") == 8)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        var padded = TextLines(capacity: 16)
        padded.pad("川崎", to: 6, right: true)
        padded.pad("ab", to: 3)
        padded.pad(nil, to: 2)
        #expect(String(decoding: padded.bytes, as: UTF8.self) == "  川崎ab   ")
    }

    @Test("Markdown escapes markup in service text")
    func escaping() {
        var report = fixture.report()
        report.sections[0].blocks = [.paragraph("<script>alert(1)</script> *bold* | pipe")]
        var table = fixture.statistics
        table.modify { $0.sectors[0].name = "a|b" }
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains(#"○\<script\>alert(1)\</script\> \*bold\* \| pipe"#))
        report.sections[1].blocks = [.table(table)]
        #expect(MarkdownRenderer().render(report).contains(#"| a\|b | 2.39 |"#))
        for (text, escaped) in [
            ("*a*", #"\*a\*"#), ("a", "a"), ("", ""), ("川崎[市]", #"川崎\[市\]"#), ("<", #"\<"#),
            ("川崎市及び横浜市における*強調*の[取り組み]です。|表|", #"川崎市及び横浜市における\*強調\*の\[取り組み\]です。\|表\|"#),
            ("キングスカイフロントの形成、横浜市はプラットフォーム", "キングスカイフロントの形成、横浜市はプラットフォーム"),
        ] {
            #expect(MarkdownRenderer().escape(text) == escaped)
        }
    }

    @Test("HTML escapes every service string; the SVG's bars are share × 4 px wide")
    func htmlAndChart() throws {
        var report = fixture.report()
        report.sections[0].blocks = [.paragraph("<script>x</script> & \"q\"")]
        let html = HTMLRenderer().render(report)
        #expect(html.contains("○&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(!html.contains("<script>"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
        let svg = try #require(ChartRenderer(report: fixture.report()).standaloneSVG())
        #expect(svg.contains(#"data-region="14130" data-year="1990" data-sector="secondary" data-share="53.33""#))
        #expect(svg.contains(##"width="213.32" height="22" fill="#2f6db3" data-region="14130" data-year="1990""##))
        #expect(fixture.report().sections[1].blocks.map(\.kind).suffix(3) == [.table, .note, .chart])
    }

    @Test("the English edition formats figures the English way")
    func english() {
        let report = ReportAssembler(frame: fixture.frame, lang: .en).assemble(
            statistics: fixture.statistics, catalogue: fixture.catalogue)
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains("| Secondary industry | 35.40 | 25.24 | \u{2212}28.7% |"))
        #expect(markdown.contains("Japan 1990 (Heisei 2)"))
        #expect(markdown.contains("○ Ajinomoto Co., Inc.: Working with"))
        #expect(markdown.contains("(Image courtesy of Ajinomoto Co., Inc.)"))
        #expect(!markdown.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) })
    }

    /// A figure from its plain digits.
    static func figure(_ text: String) -> ExactDecimal { ExactDecimal(exactly: Decimal(string: text)!)! }

    @Test("figures format as the seed prints them")
    func figures() {
        #expect(FigureFormat.share(Self.figure("35.4"), decimals: 2, isTotal: false) == "35.40")
        #expect(FigureFormat.share(100, decimals: 2, isTotal: true) == "100")
        #expect(FigureFormat.share(Self.figure("100.00"), decimals: 2, isTotal: true) == "100")
        #expect(FigureFormat.share(ExactDecimal(significand: 10000, exponent: -2), decimals: 2, isTotal: true) == "100")
        #expect(FigureFormat.share(Self.figure("99.95"), decimals: 2, isTotal: true) == "99.95")
        #expect(FigureFormat.rate(Self.figure("-50.6")) == "▲50.6%")
        #expect(FigureFormat.rate(Self.figure("-50.6"), lang: .en) == "\u{2212}50.6%")
        #expect(FigureFormat.rate(Self.figure("23")) == "23.0%")
        #expect(FigureFormat.rate(nil) == "-")
        #expect(FigureFormat.fixed(Self.figure("0.06"), decimals: 2) == "0.06")
        #expect(FigureFormat.fixed(Self.figure("-2.449"), decimals: 1) == "-2.4")
        #expect(FigureFormat.fixed(Self.figure("0.05"), decimals: 1) == "0.1")
        #expect(FigureFormat.fixed(Self.figure("9.96"), decimals: 1) == "10.0")
        #expect(FigureFormat.fixed(Self.figure("-0.04"), decimals: 1) == "0.0")
        #expect(FigureFormat.fixed(Self.figure("1234567.5"), decimals: 0) == "1234568")
        // Scaled beyond 64 bits: the digit path.
        #expect(
            FigureFormat.fixed(ExactDecimal(significand: -12_345_678_901_234_567, exponent: 5), decimals: 1)
                == "-1234567890123456700000.0")
        #expect(
            FigureFormat.fixed(ExactDecimal(significand: 999_999_999_999_999_996, exponent: -1), decimals: 20)
                == "99999999999999999.60000000000000000000")
        #expect(FigureFormat.fixed(ExactDecimal(significand: 6, exponent: -25), decimals: 1) == "0.0")
        #expect(
            FigureFormat.fixed(ExactDecimal(significand: 96, exponent: -22), decimals: 21) == "0.000000000000000000010")
    }

    @Test("figures as report texts: the same bytes, inline when short, a storage of their own when long")
    func figureTexts() {
        // Beyond 64 bits, the digit path keeps the rate's mark and its percent sign.
        let huge = ExactDecimal(significand: -12_345_678_901_234_567, exponent: 5)
        #expect(FigureFormat.rateText(huge) == "▲1234567890123456700000.0%")
        #expect(FigureFormat.rateText(huge, lang: .en) == "\u{2212}1234567890123456700000.0%")
        // Longer than the 15 bytes held inline.
        let long = FigureFormat.shareText(
            ExactDecimal(significand: 123_456_789_012_345_678, exponent: -2), decimals: 2, isTotal: false)
        #expect(long.string == "1234567890123456.78" && long.count == 19)
        #expect(FigureFormat.rateText(Self.figure("-50.6")) == ReportText(FigureFormat.rate(Self.figure("-50.6"))))
        #expect(FigureFormat.fixedText(Self.figure("1.25"), decimals: 1, prefix: "[", suffix: "]") == "[1.3]")
    }

    @Test("the table shows the first row of a region and sector, and blanks where the data has none")
    func tableRows() throws {
        var data = fixture.statistics
        let first = try #require(data.rows.first)
        // A later row for the same region and sector is not shown; the removed one leaves blanks.
        var duplicate = first
        duplicate.values = StatisticsTable.RowValues(duplicate.values.map { _ in 99 })
        var removedRow: StatisticsTable.Row?
        data.modify { members in
            members.rows.append(duplicate)
            removedRow = members.rows.remove(at: 1)
        }
        let removed = try #require(removedRow)
        let table = TableText(data, lang: .ja, changeLabel: "増減率")
        let columns = data.years.count + 1
        let sector = try #require(data.sectors.firstIndex { $0.code == first.sector })
        let region = try #require(data.regions.firstIndex { $0.code == first.region })
        let shown = table.rows[sector].cells[(region * columns)..<(region * columns + data.years.count)]
        #expect(
            shown.map(\.string)
                == first.values.map {
                    FigureFormat.share($0, decimals: data.decimals, isTotal: data.sectors[sector].isTotal)
                })
        let gapSector = try #require(data.sectors.firstIndex { $0.code == removed.sector })
        let gapRegion = try #require(data.regions.firstIndex { $0.code == removed.region })
        let gap = table.rows[gapSector].cells[(gapRegion * columns)..<((gapRegion + 1) * columns)]
        #expect(gap.allSatisfy { $0.isEmpty })
        #expect(table.columnTitles.last == "増減率" && table.measure == data.measure && table.unit == data.unit)
    }

    /// The exact reference: round in `Decimal` arithmetic, then print the scaled units.
    static func reference(_ value: Decimal, decimals: Int) -> String {
        var scaled = value
        for _ in 0..<decimals { scaled *= 10 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        let units = NSDecimalNumber(decimal: rounded).int64Value
        let divisor = Int64(pow(10, Double(decimals)))
        var text = units < 0 ? "-" : ""
        text += String(units.magnitude / UInt64(divisor))
        if decimals > 0 {
            let fraction = String(units.magnitude % UInt64(divisor))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    @Test("digit rounding agrees with Decimal rounding on 5,000 values")
    func figuresAgainstDecimal() {
        var state: UInt64 = 1129
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let units = Int64(bitPattern: state >> 20) % 10_000_000
            let places = Int(state % 5)
            let value = Decimal(
                sign: units < 0 ? .minus : .plus, exponent: -places, significand: Decimal(units.magnitude))
            for decimals in 0...3 {
                #expect(
                    FigureFormat.fixed(ExactDecimal(exactly: value)!, decimals: decimals)
                        == Self.reference(value, decimals: decimals), "\(value) to \(decimals)")
            }
        }
    }
}

@Suite("degraded reports, for readers")
struct DegradedNoticeTests {
    let fixture: Fixture
    init() throws { fixture = try Fixture() }

    @Test(
        "a missing part is marked in the reader's words in every format and edition, never by the service's name",
        arguments: [ReportLanguage.ja, .en])
    func notices(lang: ReportLanguage) throws {
        let withoutStatistics = ReportAssembler(frame: fixture.frame, lang: lang)
            .assemble(statistics: nil, catalogue: fixture.catalogue)
        let withoutCatalogue = ReportAssembler(frame: fixture.frame, lang: lang)
            .assemble(statistics: fixture.statistics, catalogue: nil)
        let figures = SystemNotice.unavailable("statistics", lang: lang)
        let initiatives = SystemNotice.unavailable("initiatives", lang: lang)
        #expect(figures.contains(lang == .ja ? "産業構造" : "industry-structure figures"))
        #expect(initiatives.contains(lang == .ja ? "取組" : "initiatives is temporarily unavailable"))
        for notice in [figures, initiatives] {
            #expect(!notice.contains("statistics") && !notice.contains("service"))
        }
        func rendered(_ report: Report, _ format: ReportFormat) throws -> String {
            guard case .document(let text) = ComposeResult.Content.rendering(report, as: format) else {
                return String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            }
            return text.text
        }
        // (json carries the block as {"kind": "unavailable", "service": …}, for programs)
        for format in ReportFormat.allCases where format != .svg && format != .json {
            let first = try rendered(withoutStatistics, format)
            let second = try rendered(withoutCatalogue, format)
            // The text format wraps: compare with its line breaks taken out.
            let joined = { (text: String) in text.replacingOccurrences(of: "\n", with: "") }
            let (wanted1, wanted2) =
                format == .html
                ? (HTML.escape(figures), HTML.escape(initiatives)) : (figures, initiatives)
            #expect(joined(first).contains(joined(wanted1)) || first.contains(wanted1), "\(format) \(lang)")
            #expect(joined(second).contains(joined(wanted2)) || second.contains(wanted2), "\(format) \(lang)")
        }
    }
}
