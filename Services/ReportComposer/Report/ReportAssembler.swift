import WireProtocol

/// Fills the frame's slots with what the services answered, giving the report part by part to
/// a ``ReportSink``. A slot whose service did not answer becomes one `unavailable` part per
/// section, so the rest of the report stays whole.
struct ReportAssembler: Sendable {
    let frame: ReportFrame
    var lang: ReportLanguage = .ja

    /// The report, assembled.
    func assemble(statistics: StatisticsTable?, catalogue: CatalogueText?) -> Report {
        var builder = ReportBuilder()
        assemble(statistics: statistics, catalogue: catalogue, into: &builder)
        return builder.report
    }

    /// The report as Markdown, written as the frame is filled: no report model is made for it.
    func markdown(statistics: StatisticsTable?, catalogue: CatalogueText?) -> RenderedText {
        var writer = MarkdownWriter()
        assemble(statistics: statistics, catalogue: catalogue, into: &writer)
        return writer.finish()
    }

    /// Gives the report to `sink`, part by part, in order.
    func assemble<Sink: ReportSink>(statistics: StatisticsTable?, catalogue: CatalogueText?, into sink: inout Sink) {
        sink.front(
            lang: lang,
            labels: Report.Labels(
                abstract: frame.labels.abstract.text(lang), changeRate: frame.labels.changeRate.text(lang),
                chartTitle: frame.labels.chartTitle.text(lang)),
            series: frame.series.text(lang), title: frame.title.text(lang),
            authors: frame.authors.map { $0.text(lang) }, abstract: frame.abstract.map { $0.text(lang) })
        for section in frame.sections {
            sink.section(id: section.id, heading: section.heading.text(lang))
            // Each service that did not answer is said once per section, however many slots it had.
            var unavailable: Set<ServiceName> = []
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    sink.paragraph(text.text(lang))
                case .slot(let slot):
                    if !fill(slot, statistics: statistics, catalogue: catalogue, into: &sink),
                        unavailable.insert(slot.service).inserted
                    {
                        sink.unavailable(slot.service.rawValue)
                    }
                }
            }
        }
    }

    /// The English text where the data has one, else the Japanese (so nothing goes missing).
    private func pick(_ japanese: ReportText, _ english: ReportText?) -> ReportText {
        lang == .en ? english ?? japanese : japanese
    }

    /// Gives the parts of one slot; `false` when its service's data is missing.
    private func fill<Sink: ReportSink>(
        _ slot: ReportFrame.Slot, statistics: StatisticsTable?, catalogue: CatalogueText?, into sink: inout Sink
    ) -> Bool {
        switch slot {
        case .industryStructure:
            guard let statistics else { return false }
            sink.table(statistics)
            sink.note(frame.labels.sourcePrefix.text(lang) + pick(statistics.source, statistics.sourceEn))
            sink.chart(statistics)
        case .zoneDefinition:
            guard let catalogue else { return false }
            sink.paragraph(catalogue.zone.definition.text(lang))
        case .zoneDesignation:
            guard let catalogue else { return false }
            sink.paragraph(catalogue.zone.designation.text(lang))
        case .zoneApplicationReasons:
            guard let catalogue else { return false }
            for reason in catalogue.zone.applicationReasons { sink.paragraph(reason.text(lang)) }
        case .sectionInitiatives(let section):
            guard let catalogue else { return false }
            let english = lang == .en
            // The initiatives, then their credits, then the notes of their cities, as the report
            // prints them. By index: a loop over the initiatives would copy each one (a retain
            // of each of its texts) to compare its section.
            let initiatives = catalogue.initiatives
            let inSection = initiatives.indices.filter { initiatives[$0].section == section }
            for index in inSection {
                sink.initiative(
                    summary: initiatives[index].summary.text(lang),
                    organisation: initiatives[index].leadsWithOrganisation
                        ? initiatives[index].organisation.text(lang) : nil,
                    outlook: english
                        ? initiatives[index].outlookEn ?? initiatives[index].outlook : initiatives[index].outlook)
            }
            for index in inSection {
                let credits =
                    english ? initiatives[index].creditsEn ?? initiatives[index].credits : initiatives[index].credits
                for credit in credits { sink.note(credit) }
            }
            for city in catalogue.cities where inSection.contains(where: { initiatives[$0].city == city.code }) {
                for credit in english ? city.creditsEn ?? city.credits : city.credits { sink.note(credit) }
            }
        }
        return true
    }
}
