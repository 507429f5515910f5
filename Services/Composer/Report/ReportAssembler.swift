import WireProtocol

/// Fills the frame's slots with what the services answered. A slot whose service did not
/// answer becomes one `unavailable` block per section, so the rest of the report stays whole.
struct ReportAssembler: Sendable {
    let frame: ReportFrame

    func assemble(statistics: IndustryStructure?, catalogue: ZoneCatalogue?) -> Report {
        let sections = frame.sections.map { section in
            var blocks: [Report.Block] = []
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    blocks.append(.paragraph(text))
                case .slot(let slot):
                    let filled = fill(slot, statistics: statistics, catalogue: catalogue)
                    if let filled {
                        blocks.append(contentsOf: filled)
                    } else if !blocks.contains(.unavailable(slot.service)) {
                        blocks.append(.unavailable(slot.service))
                    }
                }
            }
            return Report.Section(id: section.id, heading: section.heading, blocks: blocks)
        }
        return Report(
            series: frame.series, title: frame.title, authors: frame.authors, abstract: frame.abstract,
            sections: sections)
    }

    /// The blocks for one slot, or `nil` when its service's data is missing.
    private func fill(
        _ slot: ReportFrame.Slot, statistics: IndustryStructure?, catalogue: ZoneCatalogue?
    ) -> [Report.Block]? {
        switch slot {
        case .industryStructure:
            guard let statistics else { return nil }
            return [.table(statistics), .note("出典：\(statistics.source)")]
        case .zoneDefinition:
            return catalogue.map { [.paragraph($0.zone.definition)] }
        case .zoneDesignation:
            return catalogue.map { [.paragraph($0.zone.designation)] }
        case .zoneApplicationReasons:
            return catalogue.map { $0.zone.applicationReasons.map { .paragraph($0.text) } }
        case .sectionInitiatives(let section):
            guard let catalogue else { return nil }
            let initiatives = catalogue.initiatives(inSection: section)
            // Credits of the initiatives, then the notes of their cities, as the report prints them.
            let cities = catalogue.cities.filter { city in initiatives.contains { $0.city == city.code } }
            return initiatives.map(Report.Block.initiative)
                + initiatives.flatMap(\.credits).map(Report.Block.note)
                + cities.flatMap(\.credits).map(Report.Block.note)
        }
    }
}
