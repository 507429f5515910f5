import Testing
import WireProtocol

@testable import ReportComposer

@Suite("report.compose params")
struct ComposeParamsTests {
    static func request(_ params: JSONValue?) -> JSONRPCRequest {
        JSONRPCRequest(method: MethodName.Report.compose, params: params, id: .integer(1))
    }

    static func fields(_ params: ComposeParams) -> String {
        "\(params.format) \(params.lang) \(params.width) \(params.timeoutMs.map(String.init) ?? "-")"
    }

    /// What the decoder makes of `params`: the params' fields, or its error.
    static func decoded(_ params: JSONValue?) -> String {
        do {
            return fields(try request(params).decodeParams(ComposeParams.self))
        } catch {
            return "\(error)"
        }
    }

    static let plain: [JSONValue] = [
        .object([:]),
        .object(["format": "html"]),
        .object(["lang": "en", "format": "svg"]),
        .object(["format": "text", "lang": "en", "width": .integer(60), "timeoutMs": .integer(500)]),
        .object(["width": .integer(20)]), .object(["width": .integer(1000)]),
    ]

    @Test("plain members are read directly, into the params the decoder gives", arguments: plain)
    func plainMembers(params: JSONValue) throws {
        guard case .object(let members) = params else { return }
        let read = try #require(ComposeParams(plainMembers: members))
        #expect(Self.fields(read) == Self.decoded(params))
        #expect(Self.fields(try ComposeParams.read(from: Self.request(params))) == Self.decoded(params))
    }

    static let leftToTheDecoder: [JSONValue] = [
        .object(["format": "pdf"]), .object(["lang": "fr"]), .object(["width": .integer(19)]),
        .object(["width": .integer(1001)]), .object(["width": .number(60)]), .object(["timeoutMs": .integer(0)]),
        .object(["format": .null]), .object(["colour": "red"]), .object(["format": .integer(1)]),
    ]

    @Test("anything else is the decoder's: the same params, or the same error", arguments: leftToTheDecoder)
    func otherMembers(params: JSONValue) {
        guard case .object(let members) = params else { return }
        #expect(ComposeParams(plainMembers: members) == nil)
        let read: String
        do {
            read = Self.fields(try ComposeParams.read(from: Self.request(params)))
        } catch {
            read = "\(error)"
        }
        #expect(read == Self.decoded(params))
    }

    @Test("params by position and no params at all are the decoder's too")
    func positionalAndAbsent() throws {
        for params in [JSONValue.array(["html", "en"]), .array([]), nil] {
            #expect(Self.fields(try ComposeParams.read(from: Self.request(params))) == Self.decoded(params))
        }
        #expect(Self.decoded(.array(["html", "en"])) == "html en 80 -")
    }
}
