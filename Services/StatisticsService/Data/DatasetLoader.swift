import Foundation

/// Loads datasets from `--data`: one JSON dataset, one CSV dataset (with its
/// `NAME.meta.json` side file), or a folder of several.
enum DatasetLoader {
    /// A JSON dataset: the metadata plus its values.
    private struct JSONDataset: Decodable {
        struct Value: Decodable {
            var region: String
            var year: Int
            var sector: String
            var value: Decimal
        }

        var metadata: DatasetMetadata
        var values: [Value]

        init(from decoder: any Decoder) throws {
            metadata = try DatasetMetadata(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            values = try container.decode([Value].self, forKey: .values)
        }

        private enum CodingKeys: String, CodingKey { case values }
    }

    /// Loads every dataset at `url` (a file or a folder).
    static func load(_ url: URL) throws -> [IndustryDataset] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw DataError(file: url.path, "no such file or folder")
        }
        guard isFolder.boolValue else { return [try loadFile(url)] }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            .filter { ($0.hasSuffix(".json") && !$0.hasSuffix(".meta.json")) || $0.hasSuffix(".csv") }
        guard !names.isEmpty else { throw DataError(file: url.path, "the folder holds no .json or .csv dataset") }
        var datasets: [IndustryDataset] = []
        for name in names {
            let dataset = try loadFile(url.appendingPathComponent(name))
            if let other = datasets.first(where: { $0.id == dataset.id }) {
                throw DataError(
                    file: name, "dataset id \"\(dataset.id)\" is also used by another file (\(other.metadata.measure))")
            }
            datasets.append(dataset)
        }
        return datasets
    }

    static func loadFile(_ url: URL) throws -> IndustryDataset {
        let name = url.lastPathComponent
        if url.pathExtension == "csv" {
            let side = url.deletingPathExtension().appendingPathExtension("meta.json")
            guard FileManager.default.fileExists(atPath: side.path) else {
                throw DataError(file: name, "no side file \(side.lastPathComponent) with the dataset's metadata")
            }
            let metadata = try decode(DatasetMetadata.self, from: side)
            return try CSVDatasetLoader.load(csv: url, metadata: metadata)
        }
        let dataset = try decode(JSONDataset.self, from: url)
        var builder = try DatasetBuilder(metadata: dataset.metadata, file: name)
        for (index, value) in dataset.values.enumerated() {
            do {
                try builder.add(
                    region: value.region, year: value.year, sector: value.sector, value: Array("\(value.value)".utf8))
            } catch {
                let field = ["region", "year", "sector", "value"][error.field.rawValue]
                throw DataError(file: name, "values[\(index)].\(field): \(error.message)")
            }
        }
        return try builder.build()
    }

    private static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(file: url.lastPathComponent, "cannot read: \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw DataError(file: url.lastPathComponent, error.placeDescription)
        }
    }

    /// A decoding error as "where: what".
}
