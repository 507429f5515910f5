import Foundation
import Testing

@testable import WireProtocol

@Suite("JSON-RPC 2.0 codec")
struct JSONRPCTests {
    func single(_ text: String) -> JSONRPCEntry? {
        if case .single(let entry) = JSONRPCMessage.parse(Data(text.utf8)) { return entry }
        return nil
    }

    func errorCode(_ text: String) -> Int? {
        switch JSONRPCMessage.parse(Data(text.utf8)) {
        case .unusable(let response): response.error?.code
        case .single(.invalid(let response)): response.error?.code
        default: nil
        }
    }

    @Test(
        "a request keeps its id's JSON type",
        arguments: [
            (#"{"jsonrpc":"2.0","method":"m","id":7}"#, JSONValue.integer(7)),
            (#"{"jsonrpc":"2.0","method":"m","id":"7"}"#, .string("7")),
            (#"{"jsonrpc":"2.0","method":"m","id":2.5}"#, .number(2.5)),
            (#"{"jsonrpc":"2.0","method":"m","id":null}"#, .null),
        ])
    func idType(text: String, id: JSONValue) throws {
        guard case .request(let request)? = single(text) else {
            Issue.record("not a request: \(text)")
            return
        }
        #expect(request.id == id)
        let encoded = String(
            decoding: JSONRPCResponse(id: id, outcome: .result(Data("1".utf8))).encoded(), as: UTF8.self)
        let idText = String(decoding: id.encoded(), as: UTF8.self)
        #expect(encoded == #"{"jsonrpc":"2.0","id":"# + idText + #","result":1}"#)
    }

    @Test("a request template writes the bytes the request itself writes, with any requestId")
    func requestTemplate() {
        let params: JSONValue = .object(["span": "endpoints", "n": .integer(-3), "list": .array([.null, .bool(true)])])
        for (method, params, id) in [
            ("statistics.industryStructure", Optional(params), Optional(JSONValue.integer(1))),
            ("initiatives.catalogue", nil, .string("x")), ("m", nil, nil),
        ] {
            let template = JSONRPCRequestTemplate(method: method, params: params, id: id)
            for requestId in [nil, "0123456789abcdef", "a\"b\\c\n川崎"] {
                let request = JSONRPCRequest(method: method, params: params, id: id, requestId: requestId)
                #expect(template.encoded(requestId: requestId) == request.encoded())
            }
        }
    }

    @Test("a request without id is a notification")
    func notification() {
        guard case .request(let request)? = single(#"{"jsonrpc":"2.0","method":"m"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(request.id == nil)
    }

    @Test(
        "each malformed input gets its JSON-RPC error code",
        arguments: [
            ("", -32700),
            ("{not json", -32700),
            ("[]", -32600),
            ("42", -32600),
            (#"{"jsonrpc":"1.0","method":"m","id":1}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1}"#, -32600),
            (#"{"jsonrpc":"2.0","method":5,"id":1}"#, -32600),
            (#"{"jsonrpc":"2.0","method":"m","params":3,"id":1}"#, -32600),
            (#"{"jsonrpc":"2.0","method":"m","id":{}}"#, -32600),
            (#"{"jsonrpc":"2.0","method":"m","id":1,"extra":true}"#, -32600),
        ])
    func errors(text: String, code: Int) {
        #expect(errorCode(text) == code)
    }

    @Test("invalid UTF-8 is a parse error")
    func invalidUTF8() {
        guard case .unusable(let response) = JSONRPCMessage.parse(Data([0x7B, 0xFF, 0xFE, 0x7D])) else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect(response.error?.code == -32700)
        #expect(response.id == .null)
    }

    @Test("an invalid request echoes a valid id")
    func invalidKeepsID() {
        guard case .invalid(let response)? = single(#"{"jsonrpc":"2.0","id":"x"}"#) else {
            Issue.record("expected an invalid request")
            return
        }
        #expect(response.id == .string("x"))
    }

    @Test("a batch parses entry by entry")
    func batch() {
        let text = #"[{"jsonrpc":"2.0","method":"a","id":1},{"jsonrpc":"2.0","method":"b"},1]"#
        guard case .batch(let entries) = JSONRPCMessage.parse(Data(text.utf8)) else {
            Issue.record("not a batch")
            return
        }
        #expect(entries.count == 3)
        #expect(entries[0] == .request(JSONRPCRequest(method: "a", id: .integer(1))))
        #expect(entries[1] == .request(JSONRPCRequest(method: "b", id: nil)))
        guard case .invalid(let response) = entries[2] else {
            Issue.record("1 is not a request")
            return
        }
        #expect(response.error?.code == -32600)
        let encoded = JSONRPCResponse.encodeBatch([
            JSONRPCResponse(id: .integer(1), outcome: .result(Data("true".utf8))), response,
        ])
        let decoded = try? JSONDecoder().decode([JSONValue].self, from: encoded)
        #expect(decoded?.count == 2)
    }

    @Test("an error response has only jsonrpc, id and error")
    func errorShape() throws {
        let encoded = JSONRPCResponse(id: .integer(3), error: .methodNotFound("x.y")).encoded()
        let object = try JSONDecoder().decode([String: JSONValue].self, from: encoded)
        #expect(Set(object.keys) == ["jsonrpc", "id", "error"])
        #expect(object["error"]?["code"] == .integer(-32601))
        #expect(object["error"]?["data"]?["method"] == .string("x.y"))
    }

    struct Sample: MethodParams {
        enum CodingKeys: String, CodingKey, CaseIterable { case name, years, kind }
        var name: String?
        var years: [Int]?
        var kind: Kind?
        init() {}
        enum Kind: String, ParameterChoice { case a, b }
        static func describe(_ member: CodingKeys) -> ParamDescription { "" }
    }

    @Test(
        "an encoded response is told an error by its member after the id, whatever the result or id holds",
        arguments: [
            (JSONRPCResponse(id: .integer(7), error: .internalError("boom")), true),
            (JSONRPCResponse(id: .string(#"x,"error":{"#), outcome: .result(Data("1".utf8))), false),
            (JSONRPCResponse(id: .string(#"y,"result":1"#), error: .methodNotFound("m")), true),
            (JSONRPCResponse(id: .null, outcome: .result(Data(#"{"a":1,"error":{"code":1}}"#.utf8))), false),
            (JSONRPCResponse(id: .integer(1), outcome: .result(Data(#"[",\"error\":{"]"#.utf8))), false),
        ])
    func encodedIsError(response: JSONRPCResponse, isError: Bool) throws {
        let encoded = response.encoded()
        #expect(JSONRPCResponse.encodedIsError(encoded) == isError)
        // The same answer as decoding the whole object.
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect((object["error"] != nil) == isError)
    }

    @Test(
        "params errors are -32602 and name the field",
        arguments: [
            (#"{"name":5}"#, "name"),
            (#"{"years":["x"]}"#, "years[0]"),
            (#"{"nmae":"x"}"#, "nmae"),
            (#"{"kind":"c"}"#, "kind"),
            (#"7"#, "params"),
        ])
    func paramsErrors(params: String, field: String) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(params.utf8))
        let request = JSONRPCRequest(method: "m", params: value, id: .integer(1))
        let error = try #require(throws: JSONRPCError.self) { try request.decodeParams(Sample.self) }
        #expect(error.code == -32602)
        #expect(error.data?["field"] == .string(field))
    }

    @Test("absent or empty params are the defaults")
    func emptyParams() throws {
        for params: JSONValue? in [nil, .object([:]), .array([])] {
            let request = JSONRPCRequest(method: "m", params: params, id: .integer(1))
            #expect(try request.decodeParams(Sample.self).name == nil)
        }
    }

    @Test("the members a params object accepts are its coding keys, and the refusal lists them")
    func fieldsFromCodingKeys() throws {
        #expect(Sample.fields == ["name", "years", "kind"])
        #expect(NoParams.fields.isEmpty)
        let request = JSONRPCRequest(method: "m", params: .object(["x": .integer(1)]), id: .integer(1))
        let error = try #require(throws: JSONRPCError.self) { try request.decodeParams(NoParams.self) }
        #expect(error.data?["field"] == .string("x"))
        let listed = try #require(throws: JSONRPCError.self) {
            try JSONRPCRequest(method: "m", params: .object(["nmae": .integer(1)]), id: .integer(1))
                .decodeParams(Sample.self)
        }
        #expect(listed.data?["detail"] == .string("unknown parameter; accepted: kind, name, years"))
    }

    struct Ordered: MethodParams {
        enum CodingKeys: String, CodingKey, CaseIterable { case kind, name }
        static let positionalOrder: [CodingKeys] = [.kind, .name]
        var name: String?
        var kind: Sample.Kind?
        init() {}
        static func describe(_ member: CodingKeys) -> ParamDescription { "" }
    }

    @Test("params by position stand for the members in the method's order; null leaves one out")
    func positional() throws {
        func decode(_ items: [JSONValue]) throws(JSONRPCError) -> Ordered {
            try JSONRPCRequest(method: "m", params: .array(items), id: .integer(1)).decodeParams(Ordered.self)
        }
        let both = try decode([.string("b"), .string("x")])
        #expect(both.kind == .b && both.name == "x")
        let second = try decode([.null, .string("y")])
        #expect(second.kind == nil && second.name == "y")
        // The member's own error, by its name.
        let wrong = try #require(throws: JSONRPCError.self) { try decode([.string("z")]) }
        #expect(wrong.code == -32602 && wrong.data?["field"] == .string("kind"))
        let many = try #require(throws: JSONRPCError.self) { try decode([.string("a"), .string("x"), .integer(3)]) }
        #expect(many.data?["detail"] == .string("at most 2 params by position (kind, name), got 3"))
        // A method without an order takes its params by name only.
        let named = try #require(throws: JSONRPCError.self) {
            try JSONRPCRequest(method: "m", params: .array([.string("x")]), id: .integer(1)).decodeParams(Sample.self)
        }
        #expect(named.data?["detail"] == .string("this method takes its params by name, as an object"))
    }
}

@Suite("JSON limits")
struct JSONLimitsTests {
    let limits = JSONLimits(maxDepth: 4, maxStringBytes: 8, maxContainerEntries: 3)

    @Test(
        "nesting, long strings and big containers are refused before decoding",
        arguments: [
            ("[[[[[1]]]]]", "nested deeper than 4 levels"),
            (#"{"a":"123456789"}"#, "a string is longer than 8 bytes"),
            ("[1,2,3,4]", "an array or object has more than 3 entries"),
            (#"{"a":1,"b":2,"c":3,"d":4}"#, "an array or object has more than 3 entries"),
        ])
    func refused(text: String, reason: String) {
        #expect(limits.violation(in: Data(text.utf8)) == reason)
    }

    @Test("brackets and commas inside strings do not count; what fits passes")
    func fits() {
        #expect(limits.violation(in: Data(#"[["[[[[,,,,",1]]]"#.utf8)) == nil)
        #expect(limits.violation(in: Data(#"{"k":"a\"b"}"#.utf8)) == nil)
        guard
            case .unusable(let response) = JSONRPCMessage.parse(
                Data("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]".utf8))
        else {
            Issue.record("deep nesting was decoded")
            return
        }
        #expect(response.error?.code == -32600)
    }
}
