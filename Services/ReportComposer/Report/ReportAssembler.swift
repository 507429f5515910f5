import WireProtocol

/// Fills the frame's slots with what the services answered. A slot whose service did not
/// answer becomes one `unavailable` block per section, so the rest of the report stays whole.
struct ReportAssembler: Sendable {
    let frame: ReportFrame
    var lang: ReportLanguage = .ja

    func assemble(statistics: StatisticsTable?, catalogue: CatalogueText?) -> Report {
        let sections = frame.sections.map { section in
            var blocks: [Report.Block] = []
            // A slot is a few blocks: room for them at once, not one allocation per doubling.
            blocks.reserveCapacity(section.blocks.count + 8)
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    blocks.append(.paragraph(text.text(lang)))
                case .slot(let slot):
                    if !fill(slot, statistics: statistics, catalogue: catalogue, into: &blocks),
                        !blocks.contains(.unavailable(slot.service.rawValue))
                    {
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

    /// Appends the blocks for one slot; `false` when its service's data is missing.
    private func fill(
        _ slot: ReportFrame.Slot, statistics: StatisticsTable?, catalogue: CatalogueText?,
        into blocks: inout [Report.Block]
    ) -> Bool {
        switch slot {
        case .industryStructure:
            guard let statistics else { return false }
            blocks.append(.table(statistics))
            blocks.append(.note(frame.labels.sourcePrefix.text(lang) + pick(statistics.source, statistics.sourceEn)))
            blocks.append(.chart(statistics))
        case .zoneDefinition:
            guard let catalogue else { return false }
            blocks.append(.paragraph(catalogue.zone.definition.text(lang)))
        case .zoneDesignation:
            guard let catalogue else { return false }
            blocks.append(.paragraph(catalogue.zone.designation.text(lang)))
        case .zoneApplicationReasons:
            guard let catalogue else { return false }
            for reason in catalogue.zone.applicationReasons { blocks.append(.paragraph(reason.text(lang))) }
        case .sectionInitiatives(let section):
            guard let catalogue else { return false }
            let english = lang == .en
            // The initiatives, then their credits, then the notes of their cities, as the report
            // prints them. By index: a loop over the initiatives would copy each one (a retain
            // of each of its texts) to compare its section.
            let initiatives = catalogue.initiatives
            let inSection = initiatives.indices.filter { initiatives[$0].section == section }
            for index in inSection { blocks.append(.initiative(at: index, of: initiatives, lang: lang)) }
            for index in inSection {
                let credits =
                    english ? initiatives[index].creditsEn ?? initiatives[index].credits : initiatives[index].credits
                for credit in credits { blocks.append(.note(credit)) }
            }
            for city in catalogue.cities where inSection.contains(where: { initiatives[$0].city == city.code }) {
                for credit in english ? city.creditsEn ?? city.credits : city.credits { blocks.append(.note(credit)) }
            }
        }
        return true
    }
}
