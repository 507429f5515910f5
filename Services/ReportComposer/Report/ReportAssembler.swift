import WireProtocol

/// Fills the frame's slots with what the services answered. A slot whose service did not
/// answer becomes one `unavailable` block per section, so the rest of the report stays whole.
struct ReportAssembler: Sendable {
    let frame: ReportFrame
    var lang: ReportLanguage = .ja

    func assemble(statistics: StatisticsTable?, catalogue: CatalogueText?) -> Report {
        let sections = frame.sections.map { section in
            var blocks: [Report.Block] = []
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    blocks.append(.paragraph(text.text(lang)))
                case .slot(let slot):
                    let filled = fill(slot, statistics: statistics, catalogue: catalogue)
                    if let filled {
                        blocks.append(contentsOf: filled)
                    } else if !blocks.contains(.unavailable(slot.service.rawValue)) {
                        blocks.append(.unavailable(slot.service.rawValue))
                    }
                }
            }
            return Report.Section(id: section.id, heading: section.heading.text(lang), blocks: blocks)
        }
        return Report(
            lang: lang,
            labels: Report.Labels(
                abstract: frame.labels.abstract.text(lang), changeRate: frame.labels.changeRate.text(lang),
                chartTitle: frame.labels.chartTitle.text(lang)),
            series: frame.series.text(lang), title: frame.title.text(lang),
            authors: frame.authors.map { $0.text(lang) }, abstract: frame.abstract.map { $0.text(lang) },
            sections: sections)
    }

    /// The English text where the data has one, else the Japanese (so nothing goes missing).
    private func pick(_ japanese: ReportText, _ english: ReportText?) -> ReportText {
        lang == .en ? english ?? japanese : japanese
    }

    /// The blocks for one slot, or `nil` when its service's data is missing.
    private func fill(
        _ slot: ReportFrame.Slot, statistics: StatisticsTable?, catalogue: CatalogueText?
    ) -> [Report.Block]? {
        switch slot {
        case .industryStructure:
            guard let statistics else { return nil }
            return [
                .table(statistics),
                .note(frame.labels.sourcePrefix.text(lang) + pick(statistics.source, statistics.sourceEn)),
                .chart(statistics),
            ]
        case .zoneDefinition:
            return catalogue.map { [.paragraph($0.zone.definition.text(lang))] }
        case .zoneDesignation:
            return catalogue.map { [.paragraph($0.zone.designation.text(lang))] }
        case .zoneApplicationReasons:
            return catalogue.map { $0.zone.applicationReasons.map { .paragraph($0.text(lang)) } }
        case .sectionInitiatives(let section):
            guard let catalogue else { return nil }
            let initiatives = catalogue.initiatives(inSection: section)
            // Credits of the initiatives, then the notes of their cities, as the report prints them.
            let cities = catalogue.cities.filter { city in initiatives.contains { $0.city == city.code } }
            let english = lang == .en
            return initiatives.map { Report.Block.initiative($0, lang: lang) }
                + initiatives.flatMap { english ? $0.creditsEn ?? $0.credits : $0.credits }.map(Report.Block.note)
                + cities.flatMap { english ? $0.creditsEn ?? $0.credits : $0.credits }.map(Report.Block.note)
        }
    }
}
