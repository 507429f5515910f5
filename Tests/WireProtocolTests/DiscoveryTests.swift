import Testing

@testable import WireProtocol

@Suite("API description: schemas made from the declarations")
struct DiscoveryTests {
    /// A params type as a method would declare it, to change in the tests.
    struct SampleParams: MethodParams {
        enum Mode: String, ParameterChoice { case fast, thorough }
        enum CodingKeys: String, CodingKey, CaseIterable { case name, mode, count }
        static let positionalOrder: [CodingKeys] = [.name, .mode]
        var name = ""
        var mode = Mode.fast
        var count: Int?
        init() {}
        init(from decoder: any Decoder) throws {
            self.init()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            if let mode = try container.decodeIfPresent(Mode.self, forKey: .mode) { self.mode = mode }
            count = try container.decodeIfPresent(Int.self, forKey: .count)
        }
        static func describe(_ member: CodingKeys) -> ParamDescription {
            switch member {
            case .name: "Who."
            case .mode: "How."
            case .count: ParamDescription("How many.", range: 1...9)
            }
        }
    }

    /// The same params with one member more: what adding a param in code looks like.
    struct GrownParams: MethodParams {
        enum CodingKeys: String, CodingKey, CaseIterable { case name, mode, count, colour }
        var name = ""
        var mode = SampleParams.Mode.fast
        var count: Int?
        var colour: String?
        init() {}
        static func describe(_ member: CodingKeys) -> ParamDescription {
            switch member {
            case .colour: "Which colour."
            default: SampleParams.describe(SampleParams.CodingKeys(stringValue: member.stringValue)!)
            }
        }
    }

    struct SampleResult: Codable {
        struct Item: Codable {
            var label: String
            var share: ExactDecimal?
        }
        var items: [Item]
        var totals: [String: Int]
        var note: String?
        var kind: SampleParams.Mode
    }

    @Test("params: positional order first, required from decode, default from init(), bounds and enums")
    func params() throws {
        let method = try MethodDescription(
            "sample.run", summary: "Runs.", params: SampleParams.self, result: SampleResult.self)
        let object = method.openRPC
        #expect(object["paramStructure"] == "either")
        let params = try #require(object["params"]?.arrayValue)
        #expect(params.map { $0["name"]?.stringValue } == ["name", "mode", "count"])
        #expect(params[0]["required"] == .bool(true))
        #expect(params[0]["schema"] == .object(["type": "string"]))
        #expect(params[1]["required"] == .bool(false))
        #expect(
            params[1]["schema"]
                == .object(["type": "string", "enum": .array(["fast", "thorough"]), "default": "fast"]))
        #expect(params[2]["schema"] == .object(["type": "integer", "minimum": .integer(1), "maximum": .integer(9)]))
        #expect(params[2]["summary"] == "How many.")
    }

    @Test("a param added in code appears in the description, by name only when no order is declared")
    func addedParam() throws {
        let before = try MethodDescription("sample.run", summary: "", params: SampleParams.self, result: NoParams.self)
        let after = try MethodDescription("sample.run", summary: "", params: GrownParams.self, result: NoParams.self)
        let names = { (method: MethodDescription) in
            method.openRPC["params"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        }
        #expect(names(before) == ["name", "mode", "count"])
        #expect(names(after) == ["name", "mode", "count", "colour"])
        #expect(after.openRPC["paramStructure"] == "by-name")
        // Synthesized decoding reads every non-optional member with `decode`: required.
        #expect(after.openRPC["params"]?.arrayValue?.first?["required"] == .bool(true))
    }

    @Test("result: nested objects, arrays, dictionaries, optionals and enums")
    func result() throws {
        let schema = try JSONSchema.of(SampleResult.self)
        #expect(schema["type"] == "object")
        #expect(schema["required"] == .array(["items", "totals", "kind"]))
        let item = schema["properties"]?["items"]?["items"]
        #expect(item?["required"] == .array(["label"]))
        #expect(item?["properties"]?["share"] == .object(["type": "number"]))
        #expect(
            schema["properties"]?["totals"]
                == .object(["type": "object", "additionalProperties": .object(["type": "integer"])]))
        #expect(schema["properties"]?["kind"]?["enum"] == .array(["fast", "thorough"]))
    }

    @Test("every method lists the errors any request may get, and its own, once each")
    func errors() throws {
        let method = try MethodDescription(
            "sample.run", summary: "", params: NoParams.self, result: NoParams.self,
            errors: [.reloadFailed, .invalidParams])
        let codes = method.openRPC["errors"]?.arrayValue?.compactMap { $0["code"] }
        #expect(codes == [-32002, -32003, -32600, -32602, -32603].sorted(by: >).map { .integer(Int64($0)) })
    }
}
