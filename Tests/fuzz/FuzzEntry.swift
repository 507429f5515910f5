import Foundation

/// libFuzzer entry point for the decoding path every message from the network takes: the
/// client envelope, the JSON limits, JSON-RPC parsing and MDP frame parsing. The input is split
/// into frames at 0xFF bytes (never valid inside UTF-8), so one input exercises both framing and
/// contents. Built and run by `Tests/fuzz/run.sh` (`make fuzz`), not by every CI run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Data(bytes: bytes, count: count)
    let frames = input.split(separator: 0xFF, omittingEmptySubsequences: false).map { Data($0) }
    let envelope = ClientEnvelope(frames: [Data("client".utf8)] + frames)
    for body in envelope.body {
        _ = JSONLimits().violation(in: body)
        switch JSONRPCMessage.parse(body) {
        case .single(.request(let request)):
            _ = try? request.decodeParams(IndustryStructureParams.self)
            _ = try? request.decodeParams(InitiativesListParams.self)
        case .batch(let entries):
            for case .request(let request) in entries { _ = try? request.decodeParams(CompareParams.self) }
        default:
            break
        }
    }
    _ = try? Majordomo.parseFromWorker(frames)
    _ = try? Majordomo.parseFromBroker(frames)
    _ = try? JSONRPCResponse.decode(input)
    return 0
}
