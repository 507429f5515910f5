import Foundation
import Testing

@testable import WireProtocol

@Suite("plain request reading")
struct PlainRequestTests {
    /// The full path: every limit, a `JSONValue`, then ``JSONRPCRequest/validate(_:)``.
    private func fullReading(_ frame: Data, limits: JSONLimits = JSONLimits()) -> JSONRPCEntry? {
        guard limits.violation(in: frame) == nil, let value = try? JSONValue.parse(frame, maxDepth: limits.maxDepth)
        else { return nil }
        return JSONRPCRequest.validate(value)
    }

    @Test(
        "a valid request is read straight into the request the full reading gives",
        arguments: [
            #"{"jsonrpc":"2.0","id":1,"method":"report.compose","params":{}}"#,
            #"{"method":"report.compose","jsonrpc":"2.0","id":"a\"b\\c\n漢字"}"#,
            #" { "jsonrpc" : "2.0" , "id" : null , "method" : "system.info" } "#,
            #"{"jsonrpc":"2.0","method":"report.compose","params":{"format":"text","width":40,"lang":"en"}}"#,
            #"{"jsonrpc":"2.0","id":-12.5e3,"method":"m","params":[1,"two",{"three":[true,false,null]}]}"#,
            #"{"jsonrpc":"2.0","id":9007199254740993,"method":"m\u00e9","requestId":"trace-1"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"report.compose","params":{"a":1,"a":2}}"#,
        ])
    func sameRequest(_ text: String) throws {
        let frame = Data(text.utf8)
        let plain = try #require(JSONRPCRequest.readPlain(frame, limits: JSONLimits()))
        #expect(fullReading(frame) == .request(plain))
        #expect(JSONRPCMessage.parse(frame).single == .request(plain))
    }

    @Test(
        "anything else is left to the full reading, which says what is wrong",
        arguments: [
            #"{"jsonrpc":"2.0","id":1,"method":"m","id":2}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","extra":0}"#,
            #"{"jsonrpc":"1.0","id":1,"method":"m"}"#,
            #"{"jsonrpc":2.0,"id":1,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":[1],"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":{},"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":true,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":7}"#,
            #"{"jsonrpc":"2.0","id":1}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":"x"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":null}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","requestId":""}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","requestId":5}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m"} x"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m",}"#,
            #"[{"jsonrpc":"2.0","id":1,"method":"m"}]"#,
            #""just a string""#,
            #"{"jsonrpc":"2.0","id":01,"method":"m"}"#,
        ])
    func leftToTheFullReading(_ text: String) {
        let frame = Data(text.utf8)
        #expect(JSONRPCRequest.readPlain(frame, limits: JSONLimits()) == nil)
        // What the client is told is what the full reading says.
        if let full = fullReading(frame), case .single(let entry) = JSONRPCMessage.parse(frame) {
            #expect(entry == full)
        }
    }

    @Test("a method or request id over its length, and a frame past a limit, are left to the full reading")
    func limits() {
        let longMethod = String(repeating: "m", count: JSONRPCRequest.maxMethodLength + 1)
        let longId = String(repeating: "r", count: JSONRPCRequest.maxRequestIdLength + 1)
        for text in [
            #"{"jsonrpc":"2.0","id":1,"method":"\#(longMethod)"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","requestId":"\#(longId)"}"#,
        ] {
            #expect(JSONRPCRequest.readPlain(Data(text.utf8), limits: JSONLimits()) == nil)
        }
        let frame = Data(#"{"jsonrpc":"2.0","id":1,"method":"m","params":[[[1]]]}"#.utf8)
        #expect(JSONRPCRequest.readPlain(frame, limits: JSONLimits(maxDepth: 3)) == nil)
        #expect(JSONRPCRequest.readPlain(frame, limits: JSONLimits(maxDepth: 4)) != nil)
        #expect(JSONRPCRequest.readPlain(frame, limits: JSONLimits(maxStringBytes: 20)) == nil)
        guard case .unusable = JSONRPCMessage.parse(frame, limits: JSONLimits(maxDepth: 3)) else {
            Issue.record("a frame nested past the limit is refused")
            return
        }
    }
}

extension JSONRPCMessage {
    fileprivate var single: JSONRPCEntry? {
        if case .single(let entry) = self { return entry }
        return nil
    }
}
