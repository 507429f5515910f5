import WireProtocol

/// What takes a report part by part, in the report's order, as ``ReportAssembler`` puts it
/// together: the assembled ``Report`` (``ReportBuilder``) is one sink, and ``MarkdownWriter``,
/// which writes each part as it comes with no report model in between, is another. A report
/// already assembled is given to a sink the same way by ``Report/replay(into:)``.
protocol ReportSink {
    /// The front matter: everything before the first section.
    mutating func front(
        lang: ReportLanguage, labels: Report.Labels, series: ReportText, title: ReportText, authors: [ReportText],
        abstract: [ReportText])
    /// A section begins; the blocks that follow are its own, until the next.
    mutating func section(id: String, heading: ReportText)
    /// A ○ paragraph.
    mutating func paragraph(_ text: ReportText)
    /// A ○ paragraph about an initiative, led by its organisation when it has one, with its ➢
    /// outlook when it has one.
    mutating func initiative(summary: ReportText, organisation: ReportText?, outlook: ReportText?)
    /// The industry-structure table.
    mutating func table(_ table: StatisticsTable)
    /// The chart of the same data.
    mutating func chart(_ table: StatisticsTable)
    /// A parenthesised caption or credit.
    mutating func note(_ text: ReportText)
    /// A part whose service did not answer.
    mutating func unavailable(_ service: String)
}

/// The sink that keeps every part: the assembled ``Report``.
struct ReportBuilder: ReportSink {
    private(set) var report = Report(
        lang: .ja, labels: Report.Labels(abstract: "", changeRate: "", chartTitle: ""), series: "", title: "",
        authors: [], abstract: [], sections: [])

    mutating func front(
        lang: ReportLanguage, labels: Report.Labels, series: ReportText, title: ReportText, authors: [ReportText],
        abstract: [ReportText]
    ) {
        report.lang = lang
        report.labels = labels
        report.series = series
        report.title = title
        report.authors = authors
        report.abstract = abstract
    }

    mutating func section(id: String, heading: ReportText) {
        var blocks: [Report.Block] = []
        // A section is a few blocks: room for them at once, not one allocation per doubling.
        blocks.reserveCapacity(16)
        report.sections.append(Report.Section(id: id, heading: heading, blocks: blocks))
    }

    mutating func paragraph(_ text: ReportText) { append(.paragraph(text)) }

    mutating func initiative(summary: ReportText, organisation: ReportText?, outlook: ReportText?) {
        append(Report.Block(kind: .initiative, text: summary, organisation: organisation, outlook: outlook))
    }

    mutating func table(_ table: StatisticsTable) { append(.table(table)) }
    mutating func chart(_ table: StatisticsTable) { append(.chart(table)) }
    mutating func note(_ text: ReportText) { append(.note(text)) }
    mutating func unavailable(_ service: String) { append(.unavailable(service)) }

    private mutating func append(_ block: Report.Block) {
        precondition(!report.sections.isEmpty, "a block belongs to a section")
        report.sections[report.sections.count - 1].blocks.append(block)
    }
}

extension Report {
    /// Gives this report to `sink`, part by part, as ``ReportAssembler`` gave it.
    func replay<Sink: ReportSink>(into sink: inout Sink) {
        sink.front(lang: lang, labels: labels, series: series, title: title, authors: authors, abstract: abstract)
        for section in sections {
            sink.section(id: section.id, heading: section.heading)
            for block in section.blocks {
                switch block.kind {
                case .paragraph: sink.paragraph(block.text ?? "")
                case .initiative:
                    sink.initiative(summary: block.text ?? "", organisation: block.organisation, outlook: block.outlook)
                case .table: if let table = block.table { sink.table(table) }
                case .chart: if let table = block.table { sink.chart(table) }
                case .note: sink.note(block.text ?? "")
                case .unavailable: sink.unavailable(block.service ?? "?")
                }
            }
        }
    }
}
