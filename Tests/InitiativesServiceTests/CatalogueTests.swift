import Foundation
import Logging
import ServiceKit
import Testing
import WireProtocol

@testable import InitiativesService

struct CatalogueFiles {
    static var builtIn: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Services/InitiativesService/Resources/special-zone.json").standardized
    }

    /// The built-in catalogue with one text replacement, written to a temporary file.
    static func variant(replacing find: String, with replace: String) throws -> URL {
        let text = try String(contentsOf: builtIn, encoding: .utf8)
        #expect(text.contains(find), "the fixture no longer contains \(find)")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID()).json")
        try Data(text.replacingOccurrences(of: find, with: replace).utf8).write(to: url)
        return url
    }
}

@Suite("initiatives catalogue")
struct CatalogueTests {
    let catalogue: Catalogue
    init() throws { catalogue = try Catalogue(contentsOf: CatalogueFiles.builtIn) }

    @Test("the built-in catalogue loads: five initiatives in two sections")
    func builtIn() {
        #expect(catalogue.content.initiatives.count == 5)
        #expect(catalogue.content.initiatives(inSection: "kawasaki").count == 3)
        #expect(catalogue.content.initiatives(inSection: "yokohama").count == 2)
    }

    @Test(
        "bad catalogues are refused naming the place",
        arguments: [
            (
                #""kind": "company""#, #""kind": "startup""#,
                """
                initiatives[1].organisation.kind: \"startup\" is not one of company, foundation, municipality, \
                network, university
                """
            ),
            (
                #""id": "ciea-immunodeficient-mouse""#, #""id": "ajinomoto-aminoindex""#,
                "initiatives[2].id: \"ajinomoto-aminoindex\" is used twice"
            ),
            (#""city": "yokohama","#, #""city": "osaka","#, "zone.applicationReasons[1].city: unknown city \"osaka\""),
            (#""summary": "様々な"#, #""summary": 5, "x": "様々な"#, "initiatives[2].summary: expected String"),
            (#""zone": {"#, #""zone": 3, "old": {"#, "zone: expected Dictionary<String, Any>"),
        ])
    func refused(find: String, replace: String, message: String) throws {
        let url = try CatalogueFiles.variant(replacing: find, with: replace)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: Catalogue.LoadError.self) { try Catalogue(contentsOf: url) }
        #expect(error.description == "\(url.lastPathComponent): \(message)")
    }

    @Test("list filters by city, field and organisation kind, and pages")
    func list() throws {
        #expect(try catalogue.list(InitiativesListParams(city: "川崎市")).total == 3)
        #expect(
            try catalogue.list(InitiativesListParams(field: "regenerative medicine")).items.map(\.id) == [
                "ycu-reprocell-regenerative"
            ])
        #expect(
            try catalogue.list(InitiativesListParams(organisationKind: "municipality")).items.map(\.city) == [
                "kawasaki", "yokohama",
            ])
        let page = try catalogue.list(InitiativesListParams(offset: 1, limit: 2))
        #expect(page.total == 5 && page.items.count == 2 && page.items[0].id == "ajinomoto-aminoindex")
        for (params, field) in [
            (InitiativesListParams(city: "大阪市"), "city"), (InitiativesListParams(field: "mining"), "field"),
            (InitiativesListParams(organisationKind: "guild"), "organisationKind"),
            (InitiativesListParams(limit: 0), "limit"),
        ] {
            let error = #expect(throws: JSONRPCError.self) { try catalogue.list(params) }
            #expect(error?.data?["field"] == .string(field))
        }
    }

    @Test("get finds one initiative by id; an unknown id is -32602")
    func get() throws {
        #expect(try catalogue.initiative("ajinomoto-aminoindex").organisation.nameEn == "Ajinomoto Co., Inc.")
        let error = #expect(throws: JSONRPCError.self) { try catalogue.initiative("nope") }
        #expect(error?.data?["field"] == .string("id"))
    }

    @Test("reload keeps the old catalogue when the new file is bad")
    func reload() throws {
        let url = try CatalogueFiles.variant(replacing: "x", with: "x")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "" }, load: { try Catalogue(contentsOf: url) })
        try Data("{".utf8).write(to: url)
        let outcome = store.reload()
        #expect(!outcome.reloaded)
        #expect(outcome.error?.hasPrefix("\(url.lastPathComponent): not valid JSON") == true)
        #expect(store.current.content.initiatives.count == 5)
    }
}

@Suite("catalogue method")
struct CatalogueMethodTests {
    func call(_ table: MethodTable, _ params: String) async throws -> JSONValue {
        let body = Data((#"{"jsonrpc":"2.0","method":"initiatives.catalogue","id":1,"params":"# + params + "}").utf8)
        let reply = try #require(await table.respond(to: body, logger: Logger(label: "test")))
        return try #require(try JSONValue.parse(reply)["result"])
    }

    static func keys(_ value: JSONValue) -> Set<String> {
        switch value {
        case .object(let members): Set(members.keys).union(members.values.flatMap(keys))
        case .array(let items): Set(items.flatMap(keys))
        default: []
        }
    }

    @Test("lang ja leaves out every English member; without it both languages come, the same on every call")
    func japaneseOnly() async throws {
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "" },
            load: { try Catalogue(contentsOf: CatalogueFiles.builtIn) })
        let table = store.methods
        let both = try await call(table, "{}")
        let japanese = try await call(table, #"{"lang":"ja"}"#)
        #expect(Self.keys(both).contains("summaryEn"))
        #expect(!Self.keys(japanese).contains { $0.hasSuffix("En") })
        #expect(try await call(table, "{}") == both)
        let content = try Catalogue(contentsOf: CatalogueFiles.builtIn).content
        #expect(try JSONCoding.decoder.decode(ZoneCatalogue.self, from: japanese.encoded()) == content.japaneseOnly)
        #expect(content.japaneseOnly.initiatives.map(\.summary) == content.initiatives.map(\.summary))
        let refused = await table.respond(
            to: Data(#"{"jsonrpc":"2.0","method":"initiatives.catalogue","id":1,"params":{"lang":"fr"}}"#.utf8),
            logger: Logger(label: "test"))
        #expect(try JSONValue.parse(try #require(refused))["error"]?["code"] == .integer(-32602))
    }
}

@Suite("initiatives.reload")
struct CatalogueReloadTests {
    @Test("initiatives.reload answers as statistics.reload does: -32003 with detail and loadedAt, then the outcome")
    func reloadMethod() async throws {
        let url = try CatalogueFiles.variant(replacing: "\"kind\": \"company\"", with: "\"kind\": \"company\"")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "catalogue" },
            load: {
                try Catalogue(contentsOf: url)
            })
        let body = JSONRPCRequest(method: MethodName.Initiatives.reload, id: .integer(1)).encoded()
        try Data("{".utf8).write(to: url)
        let refused = try JSONValue.parse(
            try #require(await store.methods.respond(to: body, logger: Logger(label: "test"))))
        #expect(refused["error"]?["code"] == .integer(-32003))
        guard case .object(let data)? = refused["error"]?["data"] else {
            Issue.record("no error data: \(refused)")
            return
        }
        #expect(Set(data.keys) == ["detail", "loadedAt"])
        try Data(contentsOf: CatalogueFiles.builtIn).write(to: url)
        let reloaded = try JSONValue.parse(
            try #require(await store.methods.respond(to: body, logger: Logger(label: "test"))))
        #expect(reloaded["result"]?["reloaded"] == .bool(true))
        #expect(reloaded["result"]?["summary"] == .string("catalogue"))
    }
}

@Suite("the initiatives service's method names")
struct InitiativesMethodNameTests {
    @Test("every method the service answers is declared in MethodName, so the composer counts it by name")
    func declared() throws {
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "" },
            load: { try Catalogue(contentsOf: CatalogueFiles.builtIn) })
        let methods = Set(store.methods.methods)
        #expect(methods.count == 7)
        #expect(methods.isSubset(of: MethodName.all), "\(methods.subtracting(MethodName.all))")
    }

    @Test("initiatives.discover describes every method the service answers, with ids that exist as examples")
    func described() async throws {
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "" },
            load: { try Catalogue(contentsOf: CatalogueFiles.builtIn) })
        let body = JSONRPCRequest(method: MethodName.Initiatives.discover, id: .integer(1)).encoded()
        let reply = try JSONValue.parse(try #require(await store.methods.respond(to: body, logger: Logger(label: "t"))))
        let methods = try #require(reply["result"]?["methods"]?.arrayValue, "\(reply)")
        #expect(methods.compactMap { $0["name"]?.stringValue } == store.methods.methods)
        let get = try #require(methods.first { $0["name"] == .string(MethodName.Initiatives.get) })
        let examples = try #require(get["params"]?.arrayValue?.first?["schema"]?["examples"]?.arrayValue)
        let ids = Set(store.current.content.initiatives.map(\.id))
        #expect(!examples.isEmpty && examples.allSatisfy { ids.contains($0.stringValue ?? "") })
    }

    @Test("initiatives.discover is made again when the data is reloaded: its examples are the new data's")
    func describedAfterReload() async throws {
        let first = "kawasaki-king-skyfront"
        let url = try CatalogueFiles.variant(replacing: "\"\(first)\"", with: "\"\(first)\"")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try ReloadableStore(
            logger: Logger(label: "test"), describe: { _ in "" }, load: { try Catalogue(contentsOf: url) })
        let table = store.methods
        let body = JSONRPCRequest(method: MethodName.Initiatives.discover, id: .integer(1)).encoded()
        func examples() async throws -> [JSONValue] {
            let reply = try JSONValue.parse(try #require(await table.respond(to: body, logger: Logger(label: "t"))))
            let methods = try #require(reply["result"]?["methods"]?.arrayValue)
            let get = try #require(methods.first { $0["name"] == .string(MethodName.Initiatives.get) })
            return try #require(get["params"]?.arrayValue?.first?["schema"]?["examples"]?.arrayValue)
        }
        #expect(try await examples().first == .string(first))
        #expect(try await examples().first == .string(first))
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"\(first)\"", with: "\"renamed\"").utf8).write(to: url)
        #expect(store.reload().reloaded)
        #expect(try await examples().first == .string("renamed"))
    }
}
