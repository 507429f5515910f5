import WireProtocol

/// The report written straight into a ``JSONWriter`` for `format: "json"`: the same bytes as
/// `JSONCoding.encoder` gives for it (members in sorted order, absent optionals left out),
/// without `Codable`'s containers and boxing, which cost twenty times the Markdown rendering.
extension Report {
    func write(to writer: inout JSONWriter) {
        // The table is in two blocks (the table and the chart): written once, then copied.
        var written: WrittenTable?
        writer.raw("{\"abstract\":")
        writer.array(abstract) { line, writer in writer.string(line) }
        writer.raw(",\"authors\":")
        writer.array(authors) { author, writer in writer.string(author) }
        writer.member(",\"labels\":{\"abstract\":", labels.abstract)
        writer.member(",\"changeRate\":", labels.changeRate)
        writer.member(",\"chartTitle\":", labels.chartTitle)
        writer.member("},\"lang\":", lang.rawValue)
        writer.raw(",\"sections\":")
        writer.array(sections) { section, writer in
            writer.raw("{\"blocks\":")
            writer.array(section.blocks) { block, writer in block.write(to: &writer, written: &written) }
            writer.member(",\"heading\":", section.heading)
            writer.member(",\"id\":", section.id)
            writer.raw("}")
        }
        writer.member(",\"series\":", series)
        writer.member(",\"title\":", title)
        writer.raw("}")
    }
}

/// A table this report has written already, and where its JSON is in the writer's bytes.
struct WrittenTable {
    let table: StatisticsTable
    let bytes: Range<Int>
}

extension Report.Block {
    func write(to writer: inout JSONWriter, written: inout WrittenTable?) {
        writer.member("{\"kind\":", kind.rawValue)
        writer.optional(",\"organisation\":", organisation)
        writer.optional(",\"outlook\":", outlook)
        writer.optional(",\"service\":", service)
        if let table {
            writer.raw(",\"table\":")
            if let written, written.table == table {
                writer.repeatWritten(written.bytes)
            } else {
                let start = writer.bytes.count
                table.structure.write(to: &writer)
                written = WrittenTable(table: table, bytes: start..<writer.bytes.count)
            }
        }
        writer.optional(",\"text\":", text)
        writer.raw("}")
    }
}
