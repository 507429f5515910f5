import Foundation
import SeedFixtures
import Testing
import WireProtocol
import ZeroMQ

@Suite("the report over ZeroMQ, from three real processes")
struct ReportOverZeroMQTests {
    static let headings = ["１．はじめに", "２．特区申請の経緯", "３．川崎市等の取り組み", "４．横浜市等の取り組み", "５．まとめ"]

    @Test("a raw REQ socket gets the whole report, every seed paragraph included")
    func markdownReport() async throws {
        let stack = try await ProcessStack.full()
        let response = try stack.request(method: MethodName.Report.compose)
        #expect(Set(response.objectKeys) == ["jsonrpc", "id", "result"])
        let result = try #require(response["result"])
        #expect(result["format"] == .string("markdown"))
        #expect(result["lang"] == .string("ja"))
        #expect(result["degraded"] == .bool(false))
        #expect(result["missing"] == .array([]))
        #expect(result["sections"] == .array(Self.headings.map(JSONValue.string)))
        #expect(result["generatedAt"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) } != nil)
        let content = try #require(result["content"]?.stringValue)
        let seed = try SeedDocument.load()
        for paragraph in seed.paragraphs + seed.abstract {
            #expect(content.contains(paragraph), "\(paragraph)")
        }
        var position = content.startIndex
        for heading in Self.headings {
            let found = try #require(
                content.range(of: "## " + heading, range: position..<content.endIndex), "\(heading)")
            position = found.upperBound
        }
        #expect(
            content.contains("| 第二次産業 | 35.40 | 25.24 | ▲28.7% | 53.33 | 29.19 | ▲45.3% | 31.90 | 16.28 | ▲49.0% |"))
    }

    /// The composer's memory budget depends on it: Foundation brings ICU, libcurl and their
    /// chains (about 12 MB of resident pages), FoundationEssentials does not.
    @Test("the composer runs without Foundation, ICU or libcurl loaded")
    func composerLibraries() async throws {
        let stack = try await ProcessStack.full()
        #expect(try stack.request(method: MethodName.Report.compose)["result"] != nil)
        // /proc files report size 0: read them to the end, not by their size.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/\(stack.composer.process.processIdentifier)/maps"))
        let maps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        #expect(maps.contains("libzmq.so"))
        #expect(maps.contains("libFoundationEssentials.so"))
        for library in ["libFoundation.so", "lib_FoundationICU.so", "libFoundationNetworking.so", "libcurl.so"] {
            #expect(!maps.contains(library), "\(library) is loaded")
        }
    }

    @Test("text and json formats", arguments: ["text", "json"])
    func formats(format: String) async throws {
        let stack = try await ProcessStack.full()
        let result = try #require(
            stack.request(method: MethodName.Report.compose, params: .object(["format": .string(format)]))["result"])
        #expect(result["format"] == .string(format))
        switch format {
        case "text":
            let text = try #require(result["content"]?.stringValue)
            #expect(Self.headings.allSatisfy(text.contains))
        default:
            let sections = try #require(result["content"]?["sections"]?.arrayValue)
            #expect(sections.compactMap { $0["heading"]?.stringValue } == Self.headings)
        }
    }

    @Test("forwarded and local methods answer; report.sections lists the headings")
    func methods() async throws {
        let stack = try await ProcessStack.full()
        #expect(try stack.request(method: MethodName.System.ping)["result"]?["pong"] == .bool(true))
        #expect(
            try stack.request(method: MethodName.Report.sections)["result"]?["sections"]
                == .array(Self.headings.map(JSONValue.string)))
        let kawasaki = try stack.request(
            method: MethodName.Statistics.industryStructure, params: .object(["regions": .array([.string("川崎市")])]))
        #expect(kawasaki["result"]?["regions"]?.arrayValue?.count == 1)
        let yokohama = try stack.request(method: MethodName.Initiatives.list, params: .object(["city": .string("横浜市")]))
        #expect(yokohama["result"]?["total"] == .integer(2))
        #expect(yokohama["result"]?["items"]?.arrayValue?.allSatisfy { $0["city"] == .string("yokohama") } == true)
        let zone = try stack.request(method: MethodName.Initiatives.zoneDescribe)
        #expect(zone["result"]?["name"] == .string("京浜臨海部ライフイノベーション国際戦略総合特区"))
        let info = try #require(stack.request(method: MethodName.System.info)["result"])
        #expect(info["version"] == .string(ProjectVersion.current))
        #expect(info["services"]?.arrayValue?.map { $0["name"] } == [.string("initiatives"), .string("statistics")])
        let badCity = try stack.request(method: MethodName.Initiatives.list, params: .object(["city": .string("大阪市")]))
        #expect(badCity["error"]?["code"] == .integer(-32602))
        #expect(badCity["error"]?["data"]?["field"] == .string("city"))
    }

    @Test("bad input gets its JSON-RPC error and the composer answers the next good request")
    func badInput() async throws {
        let stack = try await ProcessStack.full()
        let cases: [(frames: [Data], type: SocketType, code: Int64)] = [
            ([Data("not json".utf8)], .req, -32700),
            ([Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D])], .req, -32700),
            ([Data()], .req, -32700),
            ([Data("42".utf8)], .req, -32600),
            ([Data("[]".utf8)], .req, -32600),
            ([Data(#""just a string""#.utf8)], .req, -32600),
            ([Data(#"{"jsonrpc":"2.0","method":"no.such","id":1}"#.utf8)], .req, -32601),
            ([Data(#"{"jsonrpc":"2.0","method":"report.compose","params":{"format":7},"id":1}"#.utf8)], .req, -32602),
            (
                [Data(#"{"jsonrpc":"2.0","method":"report.compose","params":{"format":"pdf"},"id":1}"#.utf8)], .req,
                -32602
            ),
            (
                [
                    Data(
                        #"{"jsonrpc":"2.0","method":"statistics.industryStructure","params":{"years":"1990"},"id":1}"#
                            .utf8)
                ], .req, -32602
            ),
            (
                [Data(), Data(#"{"jsonrpc":"2.0","method":"system.ping","id":1}"#.utf8), Data("extra".utf8)], .dealer,
                -32600
            ),
        ]
        for (frames, type, code) in cases {
            let reply = try stack.exchange(frames, type: type)
            let body = try #require(reply.last)
            let response = try JSONCoding.decoder.decode(JSONValue.self, from: body)
            #expect(
                response["error"]?["code"] == .integer(code), "\(frames.map { String(decoding: $0, as: UTF8.self) })")
            #expect(try stack.request(method: MethodName.System.ping)["result"]?["pong"] == .bool(true))
        }
        // A batch of non-requests: one -32600 per entry, as the spec's examples show.
        let batch = try stack.exchange([Data("[1,2]".utf8)])
        let errors = try JSONCoding.decoder.decode(JSONValue.self, from: batch[0]).arrayValue ?? []
        #expect(errors.map { $0["error"]?["code"] } == [.integer(-32600), .integer(-32600)])
        // A wrong-typed params field is named.
        let named = try stack.request(method: MethodName.Report.compose, params: .object(["width": .string("wide")]))
        #expect(named["error"]?["data"]?["field"] == .string("width"))
    }

    @Test("a DEALER without delimiter, a notification and a batch")
    func framing() async throws {
        let stack = try await ProcessStack.full()
        let raw = try stack.exchange([Data(#"{"jsonrpc":"2.0","method":"system.ping","id":"a"}"#.utf8)], type: .dealer)
        #expect(raw.count == 1)
        #expect(try JSONCoding.decoder.decode(JSONValue.self, from: raw[0])["id"] == .string("a"))
        let notification = try stack.exchange([Data(#"{"jsonrpc":"2.0","method":"system.ping"}"#.utf8)])
        #expect(notification == [Data()])
        let batch = try stack.exchange([
            Data(
                (#"[{"jsonrpc":"2.0","method":"system.ping","id":1},{"jsonrpc":"2.0","method":"system.ping"},"#
                    + #"{"jsonrpc":"2.0","method":"nope","id":2},{"foo":1}]"#).utf8)
        ])
        let answers = try #require(try JSONCoding.decoder.decode(JSONValue.self, from: batch[0]).arrayValue)
        #expect(answers.count == 3)
        #expect(answers[0]["result"]?["pong"] == .bool(true))
        #expect(answers[1]["error"]?["code"] == .integer(-32601))
        #expect(answers[2]["error"]?["code"] == .integer(-32600))
    }

    @Test("with no statistics service the report is degraded within its deadline")
    func degraded() async throws {
        let stack = try await ProcessStack()
        try stack.start("initiatives")
        try await stack.waitForWorkers(["initiatives": 1])
        let started = ContinuousClock.now
        let result = try #require(
            stack.request(method: MethodName.Report.compose, params: .object(["timeoutMs": .integer(700)]))["result"])
        #expect(ContinuousClock.now - started < .milliseconds(2500))
        #expect(result["degraded"] == .bool(true))
        #expect(result["missing"] == .array([.string("statistics")]))
        let content = try #require(result["content"]?.stringValue)
        #expect(content.contains("産業構造の統計は一時的に取得できない"))
        #expect(!content.contains("statistics"), "the reader sees what is missing, not the service's name")
        #expect(content.contains("○味の素(株)…"))
        let direct = try stack.request(
            method: MethodName.Statistics.regions, params: .object(["timeoutMs": .integer(300)]))
        let code = try #require(direct["error"]?["code"])
        #expect(code == .integer(-32000) || code == .integer(-32001))
        #expect(direct["error"]?["data"]?["service"] == .string("statistics"))
    }

    @Test("a second replica registers and shares the work")
    func replicas() async throws {
        let stack = try await ProcessStack.full(statistics: 2)
        let info = try #require(stack.request(method: MethodName.System.info)["result"])
        let statistics = try #require(info["services"]?.arrayValue?.first { $0["name"] == .string("statistics") })
        #expect(statistics["replicas"]?.arrayValue?.count == 2)
        for _ in 0..<10 {
            #expect(try stack.request(method: MethodName.Report.compose)["result"]?["degraded"] == .bool(false))
        }
    }

    @Test("SIGTERM stops each process cleanly with exit status 0")
    func cleanExit() async throws {
        let stack = try await ProcessStack()
        let statistics = try stack.start("statistics")
        try await stack.waitForWorkers(["statistics": 1])
        statistics.signal(SIGTERM)
        #expect(try await statistics.waitForExit() == 0)
        try await stack.waitForWorkers(["statistics": 0])
        stack.composer.signal(SIGTERM)
        #expect(try await stack.composer.waitForExit() == 0)
    }
}

extension JSONValue {
    var objectKeys: [String] {
        if case .object(let members) = self { return Array(members.keys) }
        return []
    }
}
