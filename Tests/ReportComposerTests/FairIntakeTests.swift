import Foundation
import Testing

@testable import ReportComposer

@Suite("fair intake")
struct FairIntakeTests {
    func message(_ client: String, _ body: String) -> [Data] { [Data(client.utf8), Data(), Data(body.utf8)] }

    @Test("clients are served in turn, one message each, each client's messages in order")
    func turns() {
        var intake = FairIntake()
        for index in 0..<4 { intake.add(message("flood", "f\(index)")) }
        intake.add(message("good", "g0"))
        intake.add(message("other", "o0"))
        var order: [String] = []
        while let frames = intake.next() { order.append(String(decoding: frames[2], as: UTF8.self)) }
        #expect(order == ["f0", "g0", "o0", "f1", "f2", "f3"])
        #expect(intake.isEmpty)
    }

    @Test("others are waiting only when another client has messages queued")
    func others() {
        var intake = FairIntake()
        intake.add(message("a", "1"))
        intake.add(message("a", "2"))
        _ = intake.next()
        #expect(!intake.hasOthers(than: Data("a".utf8)))
        intake.add(message("b", "1"))
        #expect(intake.hasOthers(than: Data("a".utf8)))
    }
}
