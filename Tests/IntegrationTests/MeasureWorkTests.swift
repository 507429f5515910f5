import Foundation
import Testing
import WireProtocol

@Suite("report-composer --measure-work")
struct MeasureWorkTests {
    @Test("times the work of a report on replies the real services gave, and refuses bad input clearly")
    func measureWork() async throws {
        let stack = try await ProcessStack.full()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("measure-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (method, params) in [
            (MethodName.Statistics.industryStructure, #"{"span":"endpoints"}"#),
            (MethodName.Initiatives.catalogue, #"{"lang":"ja"}"#),
        ] {
            let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#.utf8)
            let reply = try #require(try stack.exchange([body]).last)
            #expect(String(decoding: reply, as: UTF8.self).contains(#""result""#))
            let file = folder.appendingPathComponent("\(method).json")
            try reply.write(to: file)
            files.append(file.path)
        }
        let measured = try ProcessStack.runToEnd("report-composer", ["--measure-work", files.joined(separator: ",")])
        #expect(measured.status == 0, "\(measured.stderr)")
        let lines = measured.stdout.split(separator: "\n").map(String.init)
        for step in [
            "read statistics reply", "read catalogue reply", "assemble and write markdown", "encode result", "total",
        ] {
            let line = try #require(
                lines.first { $0.hasPrefix(step + ": p50 ") }, "\(step) missing in \(measured.stdout)")
            let p50 = try #require(Double(line.dropFirst(step.count + ": p50 ".count).prefix { $0 != " " }))
            #expect(p50 > 0)
        }
        #expect(lines.contains { $0.hasPrefix("thread CPU per report: ") })

        let missing = try ProcessStack.runToEnd(
            "report-composer", ["--measure-work", files[0] + "," + folder.appendingPathComponent("none.json").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read"))
        let one = try ProcessStack.runToEnd("report-composer", ["--measure-work", files[0]])
        #expect(one.status != 0)
        #expect(one.stderr.contains("two files"))
        // The replies swapped: the statistics reply is no catalogue.
        let swapped = try ProcessStack.runToEnd("report-composer", ["--measure-work", files[1] + "," + files[0]])
        #expect(swapped.status != 0)
    }
}
