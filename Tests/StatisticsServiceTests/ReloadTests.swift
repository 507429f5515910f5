import Foundation
import Logging
import ServiceKit
import Testing
import WireProtocol

@testable import StatisticsService

@Suite("reload")
struct ReloadTests {
    @Test("a good reload swaps the data; a bad one keeps the old data and says why")
    func reload() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        #expect(try store.current.dataset(nil).years.count == 2)
        try folder.csv(DatasetLoadingTests.good + "\nA,2010,p,50\nA,2010,q,50\nB,2010,p,50\nB,2010,q,50\n")
        let good = store.reload()
        #expect(good.reloaded && good.error == nil)
        #expect(try store.current.dataset(nil).years.count == 3)
        try folder.csv("region,year,sector,value\nA,1990,p,x\n")
        let bad = store.reload()
        #expect(!bad.reloaded)
        #expect(bad.error == "t.csv:2:10: not a number: \"x\"")
        #expect(try store.current.dataset(nil).years.count == 3)
    }

    @Test("a kept result is served until a reload replaces the data, then the new data's result")
    func keptResults() async throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        let table = store.methods
        let body = JSONRPCRequest(
            method: MethodName.Statistics.industryStructure, params: .object([:]), id: .integer(1)
        ).encoded()
        func years() async throws -> Int {
            let reply = try #require(await table.respond(to: body, logger: Logger(label: "test")))
            guard case .success(let result) = try JSONRPCResponse.decode(reply).result else { return -1 }
            return try JSONCoding.decoder.decode(IndustryStructure.self, from: result).years.count
        }
        #expect(try await years() == 2)
        // The file changes without a reload: the kept result (and the loaded data) still answer.
        try folder.csv(DatasetLoadingTests.good + "\nA,2010,p,50\nA,2010,q,50\nB,2010,p,50\nB,2010,q,50\n")
        #expect(try await years() == 2)
        #expect(store.reload().reloaded)
        #expect(try await years() == 3)
    }

    @Test("a request answered before is answered from its bytes: the same reply, until a reload")
    func keptByBytes() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        let table = store.methods
        let logger = Logger(label: "test")
        func ask(id: String, params: String = #"{"span":"all"}"#) throws -> JSONValue {
            let method = MethodName.Statistics.industryStructure
            let body = Data(
                #"{"id":\#(id),"jsonrpc":"2.0","method":"\#(method)","params":\#(params),"requestId":"r"}"#.utf8)
            #expect(ScannedRequest.scan(body) != nil)
            return try JSONValue.parse(try #require(table.respondImmediately(to: body, logger: logger)))
        }
        let first = try ask(id: "1")
        let keys = store.generation
        let raw = ReloadableStore<StatisticsCatalogue>.ResultKey(
            method: MethodName.Statistics.industryStructure, rawParams: Data(#"{"span":"all"}"#.utf8))
        #expect(store.keptResult(for: raw) != nil, "the first answer is kept by the request's bytes")
        // The second time, from the kept bytes: the same result, with this request's own id.
        let second = try ask(id: #""b""#)
        #expect(second["result"] == first["result"] && second["id"] == .string("b"))
        #expect(try ask(id: "-7")["id"] == .integer(-7))
        #expect(first["result"]?["years"]?.arrayValue?.count == 2)
        try folder.csv(DatasetLoadingTests.good + "\nA,2010,p,50\nA,2010,q,50\nB,2010,p,50\nB,2010,q,50\n")
        #expect(store.reload().reloaded && store.generation == keys + 1)
        #expect(store.keptResult(for: raw) == nil)
        #expect(try ask(id: "2")["result"]?["years"]?.arrayValue?.count == 3)
        // A method nobody registered is refused from the scan as the full parse refuses it.
        let unknown = Data(#"{"id":5,"jsonrpc":"2.0","method":"statistics.nope"}"#.utf8)
        #expect(
            table.respondImmediately(to: unknown, logger: logger)
                == JSONRPCResponse(id: .integer(5), error: .methodNotFound("statistics.nope")).encoded())
        // A bad param is still refused: only successful results are kept.
        #expect(try ask(id: "3", params: #"{"span":"some"}"#)["error"]?["code"] == .integer(-32602))
        #expect(try ask(id: "4", params: #"{"span":"some"}"#)["error"]?["code"] == .integer(-32602))
    }

    @Test("statistics.reload answers -32003 with the reason when the data is bad")
    func reloadMethod() async throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        try folder.csv("region,year,sector,value\n")
        let body = JSONRPCRequest(method: MethodName.Statistics.reload, id: .integer(1)).encoded()
        let reply = try #require(await store.methods.respond(to: body, logger: Logger(label: "test")))
        let response = try JSONRPCResponse.decode(reply)
        #expect(response.error?.code == -32003)
        #expect(response.error?.data?["detail"] == .string("t.csv: the dataset has no values"))
    }
}

@Suite("the statistics service's method names")
struct StatisticsMethodNameTests {
    @Test("every method the service answers is declared in MethodName, so the composer counts it by name")
    func declared() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        let methods = Set(store.methods.methods)
        #expect(methods.count == 8)
        #expect(methods.isSubset(of: MethodName.all), "\(methods.subtracting(MethodName.all))")
        #expect(MethodName.counted("statistics.nonsense") == MethodName.unknown)
    }

    @Test("statistics.discover describes every method the service answers, by name, with a result schema")
    func described() async throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let store = try folder.goodStore()
        let body = JSONRPCRequest(method: MethodName.Statistics.discover, id: .integer(1)).encoded()
        let reply = try JSONValue.parse(try #require(await store.methods.respond(to: body, logger: Logger(label: "t"))))
        let methods = try #require(reply["result"]?["methods"]?.arrayValue, "\(reply)")
        #expect(methods.compactMap { $0["name"]?.stringValue } == store.methods.methods)
        #expect(methods.allSatisfy { $0["result"]?["schema"]?["type"] != nil && $0["params"]?.arrayValue != nil })
        #expect(reply["result"]?["service"] == "statistics")
    }
}

extension DataFolder {
    /// A store of the catalogue loaded from the good dataset, written into this folder as `t.csv`.
    func goodStore() throws -> ReloadableStore<StatisticsCatalogue> {
        let url = try csv(DatasetLoadingTests.good)
        return try ReloadableStore(logger: Logger(label: "test"), describe: \.summary) {
            try StatisticsCatalogue.load(from: url)
        }
    }
}
