import Foundation
import Testing

@testable import WireProtocol

@Suite("a request read from its bytes")
struct ScannedRequestTests {
    func scan(_ text: String) -> ScannedRequest? { ScannedRequest.scan(Data(text.utf8)) }

    @Test("a request as the composer writes it: method, params and id as their bytes")
    func composerRequest() throws {
        let request = JSONRPCRequest(
            method: "statistics.industryStructure", params: .object(["span": "endpoints"]), id: .integer(1),
            requestId: "abc")
        let scanned = try #require(ScannedRequest.scan(request.encoded()))
        #expect(scanned.method == "statistics.industryStructure")
        #expect(scanned.params == Data(#"{"span":"endpoints"}"#.utf8))
        #expect(scanned.id == Data("1".utf8) && scanned.requestId == "abc")
        let response = JSONRPCResponse(id: .integer(1), outcome: .result(Data("[1]".utf8))).encoded()
        #expect(scanned.response(result: Data("[1]".utf8)) == response)
        #expect(scan(#"{"jsonrpc":"2.0","method":"m","id":"x y"}"#)?.params == Data())
    }

    @Test(
        "what the full parse must answer is not scanned",
        arguments: [
            #"[{"jsonrpc":"2.0","method":"m","id":1}]"#,  // a batch
            #"{"jsonrpc":"2.0","method":"m"}"#,  // a notification
            #"{"jsonrpc":"2.0","method":"m","id":1,"extra":0}"#,  // an unknown member
            #"{"jsonrpc":"2.0","method":"m","method":"n","id":1}"#,  // a member twice
            #"{"jsonrpc":"1.0","method":"m","id":1}"#,
            #"{"jsonrpc":"2.0","method":"m","id":1,"params":7}"#,
            #"{"jsonrpc":"2.0","method":"m","id":1.0}"#,  // ids whose encoding differs from their bytes
            #"{"jsonrpc":"2.0","method":"m","id":-0}"#,
            #"{"jsonrpc":"2.0","method":"m","id":"a\"b"}"#,
            #"{"jsonrpc":"2.0","method":"m","id":null}"#,
            #"{"jsonrpc":"2.0","method":"m","id":1,"requestId":""}"#,
            #"{"jsonrpc":"2.0","method":"m","id":1} x"#,
            #"{"jsonrpc":"2.0","method":"m","id":1,"params":[[[[[[[[[1]]]]]]]]]}"#,  // deeper than a scan reads
        ])
    func refused(_ text: String) {
        #expect(scan(text) == nil)
        // …and each is still a request the full parse answers or refuses on its own terms.
        _ = JSONRPCMessage.parse(Data(text.utf8))
    }

    @Test("params over the scan's limit are left to the full parse")
    func longParams() {
        let long = String(repeating: "a", count: ScannedRequest.maxParamsBytes)
        #expect(scan(#"{"jsonrpc":"2.0","method":"m","id":1,"params":["\#(long)"]}"#) == nil)
    }
}
