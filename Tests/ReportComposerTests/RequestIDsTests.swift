import Testing

@testable import ReportComposer

@Suite("request ids the composer gives")
struct RequestIDsTests {
    @Test("16 lowercase hex digits, none repeated, and another composer's differ")
    func unique() {
        let ids = RequestIDs()
        let made = (0..<20_000).map { _ in ids.next() }
        #expect(Set(made).count == made.count)
        #expect(made.allSatisfy { $0.utf8.count == 16 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        let other = RequestIDs()
        #expect(Set((0..<100).map { _ in other.next() }).isDisjoint(with: made))
    }
}
