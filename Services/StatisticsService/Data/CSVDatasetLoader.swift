import Foundation

/// Reads a dataset's values from CSV in long format — one value per line:
///
///     # comment lines and blank lines are skipped
///     region,year,sector,value
///     14130,1990,secondary,53.33
///
/// The header names the four columns (in any order; more columns are ignored). Fields are
/// plain: no quoting, so codes may not contain commas. The metadata (measure, unit, source,
/// regions, sectors) comes from the side file `NAME.meta.json`.
enum CSVDatasetLoader {
    static let columns = ["region", "year", "sector", "value"]

    static func load(csv url: URL, metadata: DatasetMetadata) throws -> IndustryDataset {
        let file = url.lastPathComponent
        let bytes = try [UInt8](Data(contentsOf: url))
        var builder = try DatasetBuilder(metadata: metadata, file: file)
        try bytes.withUnsafeBufferPointer { buffer in
            var lineNumber = 0
            var positions: [Int]?  // column index of region, year, sector, value
            var fields: [Range<Int>] = []
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != UInt8(ascii: "\n") { end += 1 }
                lineNumber += 1
                var lineEnd = end
                if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                defer { start = end + 1 }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                    || line.first == UInt8(ascii: "#")
                {
                    continue
                }
                split(line, into: &fields)
                guard let order = positions else {
                    let names = fields.map { String(decoding: trim(line, $0), as: UTF8.self).lowercased() }
                    var found: [Int] = []
                    for column in columns {
                        guard let index = names.firstIndex(of: column) else {
                            throw DataError(
                                file: file, line: lineNumber, column: 1,
                                """
                                the header must name the columns \(columns.joined(separator: ", ")); \"\(column)\" is \
                                missing
                                """
                            )
                        }
                        found.append(index)
                    }
                    positions = found
                    continue
                }
                guard fields.count > order.max()! else {
                    throw DataError(
                        file: file, line: lineNumber, column: line.count + 1,
                        "expected \(order.max()! + 1) fields, found \(fields.count)")
                }
                func text(_ field: Int) -> Slice<UnsafeBufferPointer<UInt8>> { trim(line, fields[order[field]]) }
                func column(_ field: Int) -> Int { fields[order[field]].lowerBound + 1 }
                let yearText = text(1)
                guard let year = Int(String(decoding: yearText, as: UTF8.self)) else {
                    throw DataError(
                        file: file, line: lineNumber, column: column(1),
                        "not a year: \"\(String(decoding: yearText, as: UTF8.self))\"")
                }
                do {
                    try builder.add(
                        region: String(decoding: text(0), as: UTF8.self), year: year,
                        sector: String(decoding: text(2), as: UTF8.self), value: text(3))
                } catch let error as DatasetBuilder.CellError {
                    throw DataError(file: file, line: lineNumber, column: column(error.field.rawValue), error.message)
                }
            }
            if positions == nil { throw DataError(file: file, "no header line (region,year,sector,value)") }
        }
        return try builder.build()
    }

    /// The ranges of the comma-separated fields of a line.
    private static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        var start = 0
        for index in 0..<line.count where line[index] == UInt8(ascii: ",") {
            fields.append(start..<index)
            start = index + 1
        }
        fields.append(start..<line.count)
    }

    private static func trim(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Slice<
        UnsafeBufferPointer<UInt8>
    > {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && (line[lower] == UInt8(ascii: " ") || line[lower] == UInt8(ascii: "\t")) { lower += 1 }
        while upper > lower && (line[upper - 1] == UInt8(ascii: " ") || line[upper - 1] == UInt8(ascii: "\t")) {
            upper -= 1
        }
        return line[lower..<upper]
    }
}
