#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one part of ``IndustryStructure`` read with ``JSONReader`` here: its figures, which have
/// no text. The composer reads the rest into its own types (`StatisticsTable`), keeping the
/// texts as ranges of the reply.
extension IndustryStructure.Change: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var from: Int?
        var to: Int?
        var ratePercent: ExactDecimal?
        var differencePoints: ExactDecimal?
        try reader.readObject { key, reader in
            switch key {
            case "from": from = try reader.readInt()
            case "to": to = try reader.readInt()
            case "ratePercent": ratePercent = try reader.readOptional { try $0.readExactDecimal() }
            case "differencePoints": differencePoints = try reader.readExactDecimal()
            default: try reader.skipValue()
            }
        }
        self.init(
            from: try reader.required(from, "from", of: "Change"), to: try reader.required(to, "to", of: "Change"),
            ratePercent: ratePercent,
            differencePoints: try reader.required(differencePoints, "differencePoints", of: "Change"))
    }
}
