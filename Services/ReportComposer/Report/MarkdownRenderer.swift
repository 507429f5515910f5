import WireProtocol

/// Renders the report as GitHub-flavoured Markdown; the table is a Markdown table. Every string
/// from a service is escaped, so it renders as the text it is. The document is written as
/// UTF-8 bytes into one buffer, block after block, with one blank line between blocks, and
/// kept as those bytes (``RenderedText``).
struct MarkdownRenderer: Sendable {
    func render(_ report: Report) -> String {
        renderUTF8(report).text
    }

    func renderUTF8(_ report: Report) -> RenderedText {
        var writer = MarkdownWriter()
        report.replay(into: &writer)
        return writer.finish()
    }

    /// The table's caption (measure and unit) in bold, then the table: a header row of
    /// "region title" per column, the alignment row, and a row per sector. Written cell by cell
    /// into the buffer, with no array or string per row.
    func table(_ table: TableText, into out: inout MarkdownBuffer) {
        out += "**"
        escape(table.measure, into: &out)
        out += " ("
        escape(table.unit, into: &out)
        out += ")**\n\n|  "
        for region in table.regions {
            for title in table.columnTitles {
                out += " | "
                escape(region, into: &out)
                out += " "
                escape(title, into: &out)
            }
        }
        out += " |\n|:---"
        for _ in 0..<(table.regions.count * table.columnTitles.count) { out += "|---:" }
        out += "|"
        for tableRow in table.rows {
            out += "\n| "
            escape(tableRow.sector, into: &out)
            for cell in tableRow.cells {
                out += " | "
                escape(cell, into: &out)
            }
            out += " |"
        }
    }

    /// Escapes the characters Markdown would read as markup.
    func escape(_ text: String) -> String {
        var out = MarkdownBuffer(capacity: text.utf8.count + 8)
        escape(text, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends `text`, if there is one, escaped.
    func escape(_ text: ReportText?, into out: inout MarkdownBuffer) {
        switch text {
        case .some(let text): escape(text, into: &out)
        case .none: break
        }
    }

    /// Appends `text` with a backslash before each character Markdown would read as markup.
    /// Markup characters are all ASCII, so the scan is over UTF-8 bytes; runs without markup
    /// are appended whole.
    func escape(_ text: some UTF8Text, into out: inout MarkdownBuffer) {
        text.withUTF8Bytes { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Markup is ASCII: eight bytes that are all parts of multi-byte characters (most
                // of a Japanese text) are skipped at once.
                if index + 8 <= utf8.count,
                    UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                        == 0x8080_8080_8080_8080
                {
                    index += 8
                    continue
                }
                defer { index += 1 }
                guard Self.isMarkup(utf8[index]) else { continue }
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                out.bytes.append(UInt8(ascii: "\\"))
                runStart = index
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
            true
        default:
            false
        }
    }
}

/// UTF-8 bytes being written: appending to it costs a copy, not `String`'s bookkeeping.
struct MarkdownBuffer: UTF8Buffer {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }
}
