import Foundation
import ServiceKit
import WireProtocol

/// Params naming at most a dataset.
struct DatasetParams: MethodParams, Encodable {
    static let fields: Set<String> = ["dataset"]
    var dataset: String?
}

/// Empty params.
struct NoParams: MethodParams, Encodable {
    static let fields: Set<String> = []
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
        table.register("statistics.industryStructure", params: IndustryStructureParams.self, cachedIn: self) { catalogue, params in
            try catalogue.dataset(params.dataset).structure(params)
        }
        table.register("statistics.compare", params: CompareParams.self, cachedIn: self) { catalogue, params in
            try catalogue.dataset(params.dataset).compare(params)
        }
        table.register("statistics.facts", params: FactsParams.self, cachedIn: self) { catalogue, params in
            try catalogue.dataset(params.dataset).facts(params)
        }
        table.register("statistics.regions", params: DatasetParams.self, cachedIn: self) { catalogue, params in
            try catalogue.dataset(params.dataset).regions
        }
        table.register("statistics.datasets", params: NoParams.self) { _ in
            let catalogue = self.current
            let defaultID = try catalogue.dataset(nil).id
            return catalogue.datasets.map {
                DatasetSummary(
                    dataset: $0.id, measure: $0.metadata.measure, measureEn: $0.metadata.measureEn, unit: $0.metadata.unit,
                    source: $0.metadata.source, sourceEn: $0.metadata.sourceEn, values: $0.metadata.valueKind.rawValue,
                    years: $0.years, regions: $0.regions.count, sectors: $0.sectors, isDefault: $0.id == defaultID)
            }
        }
        table.register("statistics.reload", params: NoParams.self) { _ in
            let outcome = await self.reloadInBackground()
            if let error = outcome.error {
                throw JSONRPCError(
                    code: JSONRPCError.reloadFailedCode, message: "Reload failed; the previous data is still served",
                    data: .object(["detail": .string(error), "loadedAt": .string(outcome.loadedAt.formatted(.iso8601))]))
            }
            return outcome
        }
        table.register("statistics.ping", params: NoParams.self) { _ in ["service": "statistics"] }
        return table
    }
}
