import WireProtocol

/// The report written straight into a ``JSONWriter`` for `format: "json"`: the same bytes as
/// `JSONCoding.encoder` gives for it (members in sorted order, absent optionals left out),
/// without `Codable`'s containers and boxing, which cost twenty times the Markdown rendering.
extension Report {
    func write(to writer: inout JSONWriter) {
        writer.raw("{\"abstract\":")
        writer.array(abstract) { line, writer in writer.string(line) }
        writer.raw(",\"authors\":")
        writer.array(authors) { author, writer in writer.string(author) }
        writer.raw(",\"labels\":{\"abstract\":")
        writer.string(labels.abstract)
        writer.raw(",\"changeRate\":")
        writer.string(labels.changeRate)
        writer.raw(",\"chartTitle\":")
        writer.string(labels.chartTitle)
        writer.raw("},\"lang\":")
        writer.string(lang.rawValue)
        writer.raw(",\"sections\":")
        writer.array(sections) { section, writer in
            writer.raw("{\"blocks\":")
            writer.array(section.blocks) { block, writer in block.write(to: &writer) }
            writer.raw(",\"heading\":")
            writer.string(section.heading)
            writer.raw(",\"id\":")
            writer.string(section.id)
            writer.raw("}")
        }
        writer.raw(",\"series\":")
        writer.string(series)
        writer.raw(",\"title\":")
        writer.string(title)
        writer.raw("}")
    }
}

extension Report.Block {
    func write(to writer: inout JSONWriter) {
        writer.raw("{\"kind\":")
        writer.string(kind.rawValue)
        writer.optional(",\"organisation\":", organisation)
        writer.optional(",\"outlook\":", outlook)
        writer.optional(",\"service\":", service)
        if let table {
            writer.raw(",\"table\":")
            table.write(to: &writer)
        }
        writer.optional(",\"text\":", text)
        writer.raw("}")
    }
}
