import Foundation

/// The seed document — the published report this system serves, as extracted from its PDF, kept
/// in the repository at `Tests/Fixtures/seed-report.txt` — read the way a person reads it:
/// blocks of wrapped lines joined back together, and the industry-structure table's rows.
public struct SeedDocument: Sendable {
    /// One table row as printed: the sector name and, per region, old share, new share, rate.
    public struct TableRow: Sendable {
        public var sector: String
        public var cells: [(old: String, new: String, rate: String)]
    }

    public let blocks: [String]
    public let tableRows: [TableRow]
    /// The regions of the table, in column order.
    public let regions: [String]

    /// Reads the seed from the first `.txt` file in `$SEED_DIR` if it is set, otherwise from the
    /// repository's `Tests/Fixtures/seed-report.txt`.
    public static func load(filePath: String = #filePath) throws -> SeedDocument {
        let file: URL
        if let override = ProcessInfo.processInfo.environment["SEED_DIR"] {
            let directory = URL(fileURLWithPath: override)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".txt") }
            guard let name = files.sorted().first else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: directory.path])
            }
            file = directory.appendingPathComponent(name)
        } else {
            // This file is Tests/SeedFixtures/SeedDocument.swift; the fixture sits beside its folder.
            file = URL(fileURLWithPath: filePath)
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/seed-report.txt")
        }
        return SeedDocument(text: try String(contentsOf: file, encoding: .utf8))
    }

    public init(text: String) {
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var blocks: [String] = []
        var rows: [TableRow] = []
        var regions: [String] = []
        var previousBlank = true
        for line in lines {
            defer { previousBlank = line.isEmpty }
            if line.isEmpty { continue }
            let tokens = line.split(separator: " ").map(String.init)
            if tokens.first.map({ $0.hasSuffix("産業") }) == true && tokens.count > 3 {
                rows.append(Self.tableRow(tokens))
                continue
            }
            if tokens.count > 1 && tokens.allSatisfy({ $0.hasSuffix("年") || $0 == "増減率" }) { continue }
            if tokens.count == 3 && tokens.allSatisfy({ $0.hasSuffix("国") || $0.hasSuffix("市") }) {
                regions = tokens
                continue
            }
            let startsBlock = previousBlank || ["○", "➢", "☆", "(", "（"].contains { line.hasPrefix($0) }
            if startsBlock || blocks.isEmpty {
                blocks.append(line)
            } else {
                blocks[blocks.count - 1] += line
            }
        }
        self.blocks = blocks
        self.tableRows = rows
        self.regions = regions
    }

    private static func tableRow(_ tokens: [String]) -> TableRow {
        var rest = Array(tokens.dropFirst())
        var cells: [(String, String, String)] = []
        while rest.count >= 3 {
            let old = rest.removeFirst()
            let new = rest.removeFirst()
            var rate = rest.removeFirst()
            if rate == "▲" { rate += rest.removeFirst() }
            cells.append((old, new, rate))
        }
        return TableRow(sector: tokens[0], cells: cells)
    }

    /// The ○ paragraphs and ➢ outlooks, in the document's (extraction) order.
    public var paragraphs: [String] { blocks.filter { $0.hasPrefix("○") || $0.hasPrefix("➢") } }
    /// The ☆ abstract lines.
    public var abstract: [String] { blocks.filter { $0.hasPrefix("☆") } }
}
