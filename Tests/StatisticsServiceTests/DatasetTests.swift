import Foundation
import Testing
import WireProtocol

@testable import StatisticsService

/// Writes dataset files into a fresh temporary folder.
struct DataFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("statistics-test-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Removes the folder and what was written into it.
    func remove() { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    static let meta = """
        {"dataset": "t", "measure": "m", "unit": "%", "decimals": 2, "source": "s",
         "regions": [{"code": "A", "name": "甲市", "kind": "municipality"},
                     {"code": "B", "name": "乙市", "kind": "municipality"}],
         "sectors": [{"code": "total", "name": "全産業", "parent": null},
                     {"code": "p", "name": "P", "parent": "total"}, {"code": "q", "name": "Q", "parent": "total"}]}
        """

    /// A CSV dataset `t.csv` with the standard metadata.
    @discardableResult
    func csv(_ body: String, meta: String = DataFolder.meta) throws -> URL {
        try write("t.meta.json", meta)
        return try write("t.csv", body)
    }
}

@Suite("dataset loading")
struct DatasetLoadingTests {
    static let good = """
        # two regions, two years
        region,year,sector,value
        A,1990,p,40.00
        A,1990,q,60.00
        A,2000,p,30.5
        A,2000,q,69.5
        B,1990,p,10
        B,1990,q,90
        B,2000,p,20
        B,2000,q,80
        """

    @Test("a CSV dataset with its side file loads, in any column order")
    func goodCSV() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let dataset = try DatasetLoader.loadFile(try folder.csv(Self.good))
        #expect(dataset.years.map(\.year) == [1990, 2000])
        #expect(dataset.sectors.map(\.code) == ["p", "q", "total"])
        #expect(dataset.share(region: 0, year: 1, sector: 0).decimal == Decimal(string: "30.5"))
        let reordered = try DatasetLoader.loadFile(
            try folder.csv("value,sector,year,region\n40,p,1990,A\n60,q,1990,A\n10,p,1990,B\n90,q,1990,B\n"))
        #expect(reordered.share(region: 1, year: 0, sector: 1) == 90)
    }

    @Test(
        "bad files are refused with file, line, column and the reason",
        arguments: [
            (
                "region,year,sector,value\nA,1990,p,40\nA,1990,x,60\n",
                "t.csv:3:8: unknown sector \"x\" (not in the dataset's sectors)"
            ),
            (
                "region,year,sector,value\nC,1990,p,40\n",
                "t.csv:2:1: unknown region \"C\" (not in the dataset's regions)"
            ),
            ("region,year,sector,value\nA,1990,p,40\nA,1990,p,40\n", "t.csv:3:10: a second value for A 1990 p"),
            ("region,year,sector,value\nA,1990,p,4O\n", "t.csv:2:10: not a number: \"4O\""),
            (
                "region,year,sector,value\nA,1990,p,40.123\n",
                "t.csv:2:10: \"40.123\" has more decimal places than the dataset's \"decimals\" (2)"
            ),
            ("region,year,sector,value\nA,nineteen,p,40\n", "t.csv:2:3: not a year: \"nineteen\""),
            ("region,year,sector,value\nA,1990,p\n", "t.csv:2:9: expected 4 fields, found 3"),
            (
                "region,year,value\nA,1990,40\n",
                "t.csv:1:1: the header must name the columns region, year, sector, value; \"sector\" is missing"
            ),
            (
                "region,year,sector,value\nA,1990,p,40\nA,1990,q,59\nB,1990,p,10\nB,1990,q,90\n",
                "t.csv: 甲市 1990: the shares of p, q add up to 99, not 100 ± 0.05"
            ),
            ("region,year,sector,value\nA,1990,p,40\nA,1990,q,60\nB,1990,p,10\n", "t.csv: no value for B (乙市) 1990 q"),
        ])
    func refused(body: String, message: String) throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let url = try folder.csv(body)
        let error = try #require(throws: DataError.self) { try DatasetLoader.loadFile(url) }
        #expect(error.description == message)
    }

    @Test("the seed's Kawasaki 1990 row (100.01) is within the tolerance")
    func seedTolerance() throws {
        let dataset = try SeedData.dataset()
        let kawasaki = try #require(dataset.regionLookup["川崎市"])
        let sum = (0..<3).reduce(Decimal(0)) { $0 + dataset.share(region: kawasaki, year: 0, sector: $1).decimal }
        #expect(sum == Decimal(string: "100.01"))
    }

    @Test(
        "bad metadata is refused",
        arguments: [
            (
                #""kind": "municipality""#, #""kind": "village""#,
                "regions[0]: kind \"village\" is not one of municipality, national, prefecture"
            ),
            (
                #"{"code": "q", "name": "Q", "parent": "total"}"#, #"{"code": "q", "name": "Q", "parent": "nope"}"#,
                "sectors[2]: parent \"nope\" is not a declared sector"
            ),
            (#""decimals": 2"#, #""decimals": "two""#, "decimals: expected Int"),
        ])
    func badMetadata(find: String, replace: String, message: String) throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let url = try folder.csv(Self.good, meta: DataFolder.meta.replacingOccurrences(of: find, with: replace))
        let error = try #require(throws: DataError.self) { try DatasetLoader.loadFile(url) }
        #expect(error.description.hasSuffix(message), "\(error)")
    }

    @Test("absolute values become shares; a folder holds several datasets")
    func absoluteAndFolder() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        try folder.write(
            "a.meta.json",
            DataFolder.meta.replacingOccurrences(
                of: #""dataset": "t""#, with: #""dataset": "workers", "valueKind": "absolute""#))
        try folder.write("a.csv", "region,year,sector,value\nA,1990,p,250\nA,1990,q,750\nB,1990,p,1\nB,1990,q,2\n")
        try folder.write("t.meta.json", DataFolder.meta)
        try folder.write("t.csv", Self.good)
        let catalogue = try StatisticsCatalogue.load(from: folder.url)
        #expect(catalogue.datasets.map(\.id) == ["workers", "t"])
        let workers = try catalogue.dataset("workers")
        #expect(workers.share(region: 0, year: 0, sector: 0) == 25)
        #expect(workers.share(region: 1, year: 0, sector: 1).decimal == Decimal(string: "66.67"))
        let error = #expect(throws: JSONRPCError.self) { try catalogue.dataset("nope") }
        #expect(error?.data?["field"] == .string("dataset"))
    }

    @Test("a JSON dataset's bad value names its place")
    func jsonPlace() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        var text = try String(contentsOf: SeedData.url, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #""sector": "tertiary", "value": 83.62"#, with: #""sector": "fishing", "value": 83.62"#)
        let url = try folder.write("seed.json", text)
        let error = try #require(throws: DataError.self) { try DatasetLoader.loadFile(url) }
        #expect(
            error.description
                == "seed.json: values[17].sector: unknown sector \"fishing\" (not in the dataset's sectors)")
    }
}

@Suite("queries")
struct QueryTests {
    let dataset: IndustryDataset
    init() throws { dataset = try SeedData.dataset() }

    @Test("filters narrow the table; unknown values are -32602 naming the field")
    func filters() throws {
        let kawasaki = try dataset.structure(IndustryStructureParams(regions: ["川崎市"], sectors: ["secondary"]))
        #expect(kawasaki.regions.map(\.name) == ["川崎市"])
        #expect(kawasaki.rows.count == 1)
        #expect(kawasaki.rows[0].change?.ratePercent?.decimal == Decimal(string: "-45.3"))
        let folder = try DataFolder()
        defer { folder.remove() }
        let three = try DatasetLoader.loadFile(
            try folder.csv(DatasetLoadingTests.good + "\nA,2010,p,50\nA,2010,q,50\nB,2010,p,50\nB,2010,q,50\n"))
        let endpoints = try three.structure(IndustryStructureParams(span: .endpoints))
        #expect(endpoints.years.map(\.year) == [1990, 2010])
        #expect(endpoints.rows[0].change?.from == 1990 && endpoints.rows[0].change?.to == 2010)
        #expect(try three.structure(IndustryStructureParams()).years.count == 3)
        let oneYear = try dataset.structure(IndustryStructureParams(years: [2010]))
        #expect(oneYear.rows.allSatisfy { $0.values.count == 1 && $0.change == nil })
        for (params, field) in [
            (IndustryStructureParams(regions: ["大阪市"]), "regions"),
            (IndustryStructureParams(years: [2000]), "years"),
            (IndustryStructureParams(sectors: ["fishing"]), "sectors"),
        ] {
            let error = #expect(throws: JSONRPCError.self) { try dataset.structure(params) }
            #expect(error?.code == -32602)
            #expect(error?.data?["field"] == .string(field))
        }
    }

    @Test("compare gives rate and points between two years; missing years are refused")
    func compare() throws {
        let comparison = try dataset.compare(
            CompareParams(regions: ["14100"], sectors: ["tertiary"], from: 1990, to: 2010))
        #expect(comparison.rows.count == 1)
        #expect(comparison.rows[0].ratePercent == 23)
        #expect(comparison.rows[0].differencePoints.decimal == Decimal(string: "15.66"))
        #expect(comparison.from.era == "平成2年" && comparison.to.era == "平成22年")
        let missing = #expect(throws: JSONRPCError.self) { try dataset.compare(CompareParams(from: 1995)) }
        #expect(missing?.data?["field"] == .string("from"))
        let backwards = #expect(throws: JSONRPCError.self) { try dataset.compare(CompareParams(from: 2010, to: 1990)) }
        #expect(backwards?.data?["field"] == .string("to"))
    }

    @Test("facts: Kawasaki's secondary share fell most in points, Yokohama's in percent")
    func facts() throws {
        let facts = try dataset.facts(CompareParams(sectors: ["secondary", "tertiary"]))
        let secondary = try #require(facts.sectors.first { $0.sector == "secondary" })
        #expect(secondary.largestFallInPoints?.regionName == "川崎市")
        #expect(secondary.largestFallInPoints?.differencePoints.decimal == Decimal(string: "-24.14"))
        #expect(secondary.largestFallInPercent?.regionName == "横浜市")
        #expect(secondary.largestFallInPercent?.ratePercent == -49)
        let tertiary = try #require(facts.sectors.first { $0.sector == "tertiary" })
        #expect(tertiary.largestRiseInPercent?.regionName == "川崎市")
        #expect(tertiary.largestRiseInPercent?.ratePercent?.decimal == Decimal(string: "51.7"))
    }
}

@Suite("contract reading")
struct StructureReadingTests {
    @Test(
        "what the service encodes, the composer's reader reads back equal",
        arguments: [
            IndustryStructureParams(), IndustryStructureParams(span: .endpoints),
            IndustryStructureParams(years: [2010]),
        ])
    func roundTrip(params: IndustryStructureParams) throws {
        let structure = try SeedData.dataset().structure(params)
        let encoded = try JSONCoding.encoder.encode(structure)
        #expect(try JSONCoding.decoder.decode(IndustryStructure.self, from: encoded) == structure)
        let response = JSONRPCResponse(id: .integer(1), outcome: .result(encoded)).encoded()
        let read = try JSONRPCResponse.decode(response).result.get()
        #expect(try JSONCoding.decoder.decode(IndustryStructure.self, from: read) == structure)
    }

    @Test("a missing member is named")
    func missing() throws {
        var object = try JSONValue.parse(
            try JSONCoding.encoder.encode(try SeedData.dataset().structure(IndustryStructureParams())))
        guard case .object(var members) = object else {
            Issue.record("the encoded structure is not an object: \(object)")
            return
        }
        members["rows"] = nil
        object = .object(members)
        let error = try #require(throws: DecodingError.self) {
            try JSONCoding.decoder.decode(IndustryStructure.self, from: object.encoded())
        }
        guard case .keyNotFound(let key, _) = error else {
            Issue.record("not a missing member: \(error)")
            return
        }
        #expect(key.stringValue == "rows")
    }
}
