import WireProtocol

/// Writes the report as Markdown part by part: a ``ReportSink``, so ``ReportAssembler`` gives it
/// each part as it fills the frame and the document is written with no report model in between
/// (no block, no section array, no copy of a text into either). ``MarkdownRenderer`` writes an
/// assembled report with it too, so both write the same bytes.
struct MarkdownWriter: ReportSink {
    private var out = MarkdownBuffer(capacity: 8192)
    private var lang: ReportLanguage = .ja
    private var changeLabel: ReportText = ""
    private let renderer = MarkdownRenderer()

    mutating func front(
        lang: ReportLanguage, labels: Report.Labels, series: ReportText, title: ReportText, authors: [ReportText],
        abstract: [ReportText]
    ) {
        self.lang = lang
        changeLabel = labels.changeRate
        out += "**"
        renderer.escape(series, into: &out)
        out += "**\n\n# "
        renderer.escape(title, into: &out)
        out += "\n\n"
        for (index, author) in authors.enumerated() {
            if index > 0 { out += "<br>\n" }
            renderer.escape(author, into: &out)
        }
        out += "\n\n"
        for line in abstract {
            out += lang == .ja ? "☆" : "☆ "
            renderer.escape(line, into: &out)
            out += "\n\n"
        }
    }

    mutating func section(id: String, heading: ReportText) {
        out += "## "
        renderer.escape(heading, into: &out)
        out += "\n\n"
    }

    // Each part ends with a blank line: the one between it and the next.

    mutating func paragraph(_ text: ReportText) {
        out += Marks.paragraph(lang)
        renderer.escape(text, into: &out)
        out += "\n\n"
    }

    mutating func initiative(summary: ReportText, organisation: ReportText?, outlook: ReportText?) {
        out += Marks.paragraph(lang)
        if organisation != nil {
            renderer.escape(organisation, into: &out)
            out += Marks.lead(lang)
        }
        renderer.escape(summary, into: &out)
        if outlook != nil {
            out += "\n\n"
            out += Marks.outlook(lang)
            renderer.escape(outlook, into: &out)
        }
        out += "\n\n"
    }

    mutating func table(_ table: StatisticsTable) {
        renderer.table(TableText(table, lang: lang, changeLabel: changeLabel), into: &out)
        out += "\n\n"
    }

    /// Markdown has no chart: the table says it.
    mutating func chart(_ table: StatisticsTable) {}

    mutating func note(_ text: ReportText) {
        out += Marks.noteOpening(lang)
        renderer.escape(text, into: &out)
        out += Marks.noteClosing(lang)
        out += "\n\n"
    }

    mutating func unavailable(_ service: String) {
        out += "> "
        out.append(raw: SystemNotice.unavailable(service, lang: lang))
        out += "\n\n"
    }

    /// The document, ending in one newline however the last part ended.
    consuming func finish() -> RenderedText {
        while out.bytes.last == UInt8(ascii: "\n") { out.bytes.removeLast() }
        out += "\n"
        return RenderedText(writtenUTF8: out.bytes)
    }
}
