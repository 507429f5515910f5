import Foundation
import WireProtocol

/// Every dataset the service serves; one of them is the default.
struct StatisticsCatalogue: Sendable {
    /// The id of the seed's dataset, the default when it is loaded.
    static let defaultID = "industry-structure"

    let datasets: [IndustryDataset]

    /// Loads `--data` (a file or folder), or the built-in seed table.
    static func load(from url: URL) throws -> StatisticsCatalogue {
        StatisticsCatalogue(datasets: try DatasetLoader.load(url))
    }

    /// The dataset `id`, or the default one.
    func dataset(_ id: String?) throws(JSONRPCError) -> IndustryDataset {
        guard let id else { return datasets.first { $0.id == Self.defaultID } ?? datasets[0] }
        guard let dataset = datasets.first(where: { $0.id == id }) else {
            throw .invalidParams(
                field: "dataset", "unknown dataset \"\(id)\"; known: \(datasets.map(\.id).joined(separator: ", "))")
        }
        return dataset
    }

    var summary: String {
        datasets.map {
            "\($0.id) (\($0.regions.count) regions × \($0.years.count) years × \($0.sectors.count) sectors)"
        }
        .joined(separator: ", ")
    }
}
