import Foundation
import ServiceKit
import WireProtocol

/// Empty params.
struct NoParams: MethodParams, Encodable {
    static let fields: Set<String> = []
}

/// Who the statistics service is, for `statistics.datasets`.
struct DatasetSummary: Codable, Sendable {
    var dataset: String
    var measure: String
    var unit: String
    var source: String
    var years: [IndustryStructure.Year]
    var regions: Int
    var sectors: Int
}

extension IndustryDataset {
    /// The methods of the statistics service.
    var methods: MethodTable {
        var table = MethodTable()
        table.register("statistics.industryStructure", params: IndustryStructureParams.self) { params in
            try self.query(params)
        }
        table.register("statistics.regions", params: NoParams.self) { _ in
            self.structure.regions
        }
        table.register("statistics.datasets", params: NoParams.self) { _ in
            [DatasetSummary(
                dataset: structure.dataset, measure: structure.measure, unit: structure.unit,
                source: structure.source, years: structure.years,
                regions: structure.regions.count, sectors: structure.sectors.count)]
        }
        table.register("statistics.ping", params: NoParams.self) { _ in ["service": "statistics"] }
        return table
    }
}
