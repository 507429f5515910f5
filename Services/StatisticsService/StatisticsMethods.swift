import Foundation
import ServiceKit
import WireProtocol

/// Params naming at most a dataset.
struct DatasetParams: MethodParams {
    enum CodingKeys: String, CodingKey, CaseIterable { case dataset }
    static let positionalOrder: [CodingKeys] = [.dataset]
    var dataset: String?

    static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .dataset: "The dataset's id (statistics.datasets lists them); absent means the default dataset."
        }
    }
}

/// One dataset, for `statistics.datasets`.
struct DatasetSummary: Codable, Sendable {
    var dataset: String
    var measure: String
    var measureEn: String?
    var unit: String
    var source: String
    var sourceEn: String?
    var values: String
    var years: [IndustryStructure.Year]
    var regions: Int
    var sectors: [IndustryStructure.Sector]
    var isDefault: Bool
}

extension ReloadableStore where Value == StatisticsCatalogue {
    /// The methods of the statistics service; each reads the data as of its call.
    var methods: MethodTable {
        var table = MethodTable()
        table.register(
            MethodName.Statistics.industryStructure,
            summary: "Each sector's share per region and year, with the change from the first year to the last.",
            params: IndustryStructureParams.self, cachedIn: self
        ) { catalogue, params in
            try catalogue.dataset(params.dataset).structure(params)
        }
        table.register(
            MethodName.Statistics.compare,
            summary:
                "Each sector's change in share between two years, per region: rate in percent, difference in points.",
            params: CompareParams.self, cachedIn: self
        ) { catalogue, params in
            try catalogue.dataset(params.dataset).compare(params)
        }
        table.register(
            MethodName.Statistics.facts,
            summary:
                "Per sector between two years: the regions whose share fell and rose most, in points and in percent.",
            params: FactsParams.self, cachedIn: self
        ) { catalogue, params in
            try catalogue.dataset(params.dataset).facts(params)
        }
        table.register(
            MethodName.Statistics.regions, summary: "The dataset's regions, with their codes and names.",
            params: DatasetParams.self, cachedIn: self
        ) { catalogue, params in
            try catalogue.dataset(params.dataset).regions
        }
        table.register(
            MethodName.Statistics.datasets,
            summary: "Every dataset the service holds: measure, unit, source, years, sectors.",
            params: NoParams.self
        ) { _ in
            let catalogue = self.current
            let defaultID = try catalogue.dataset(nil).id
            return catalogue.datasets.map {
                DatasetSummary(
                    dataset: $0.id, measure: $0.metadata.measure, measureEn: $0.metadata.measureEn,
                    unit: $0.metadata.unit,
                    source: $0.metadata.source, sourceEn: $0.metadata.sourceEn, values: $0.metadata.valueKind.rawValue,
                    years: $0.years, regions: $0.regions.count, sectors: $0.sectors, isDefault: $0.id == defaultID)
            }
        }
        table.registerReload(MethodName.Statistics.reload, of: self)
        table.registerPing(MethodName.Statistics.ping, service: .statistics)
        table.registerDiscover(MethodName.Statistics.discover, service: .statistics)
        return table
    }
}
