import Testing
import WireProtocol

@testable import ReportComposer

@Suite("rpc.discover: the composer's API description")
struct APIDescriptionTests {
    @Test("the composer describes every method it answers itself, and only those")
    func composerMethods() throws {
        let described = Set(try APIDescription.composerMethods().map(\.name))
        let answeredHere = MethodName.all.filter { ServiceName(answering: $0) == nil }
        #expect(described == answeredHere)
    }

    @Test("report.compose: params in positional order with their enums, defaults and bounds")
    func compose() throws {
        let compose = try #require(try APIDescription.composerMethods().first { $0.name == MethodName.Report.compose })
        let params = try #require(compose.openRPC["params"]?.arrayValue)
        #expect(params.compactMap { $0["name"]?.stringValue } == ComposeParams.positionalOrder.map(\.stringValue))
        let width = try #require(params.first { $0["name"] == "width" }?["schema"])
        #expect(width["minimum"] == .integer(Int64(ComposeParams.widths.lowerBound)))
        #expect(width["default"] == .integer(Int64(ComposeParams().width)))
        #expect(params.first?["schema"]?["enum"]?.arrayValue?.count == ReportFormat.allCases.count)
    }

    @Test("a forwarded method gains the broker's errors, and timeoutMs when its params are named")
    func forwarded() throws {
        let named = try MethodDescription(
            MethodName.Statistics.compare, summary: "", params: CompareParams.self, result: Comparison.self)
        let either = try MethodDescription(
            MethodName.Initiatives.get, summary: "", params: InitiativeGetParams.self, result: Initiative.self)
        let byName = APIDescription.forwarded(named.openRPC)
        #expect(byName["params"]?.arrayValue?.last?["name"] == "timeoutMs")
        let codes = Set(byName["errors"]?.arrayValue?.compactMap { $0["code"] } ?? [])
        #expect(codes.isSuperset(of: [.integer(-32000), .integer(-32001)]))
        let positional = APIDescription.forwarded(either.openRPC)
        #expect(positional["params"]?.arrayValue?.count == 1)
        #expect(positional["description"]?.stringValue?.contains("timeoutMs") == true)
    }

    @Test("the document sorts every method by name and names a service that did not answer")
    func document() throws {
        let statistics = ServiceDescription(
            service: "statistics", version: "test",
            methods: [
                try MethodDescription(
                    MethodName.Statistics.regions, summary: "", params: NoParams.self, result: [String].self
                ).openRPC
            ])
        let document = try APIDescription(services: [statistics], unavailable: [.initiatives])
        let names = document.methods.compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted() && names.contains(MethodName.Statistics.regions))
        #expect(document.unavailable == ["initiatives"])
        let encoded = try JSONValue.parse(document.encoded())
        #expect(encoded == (try JSONValue.parse(JSONCoding.encoder.encode(document))))
        #expect(encoded["x-unavailable"] == .array(["initiatives"]))
        #expect(encoded["openrpc"] == .string(APIDescription.openRPCVersion))
    }
}
