#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Limits a JSON text must keep before it is decoded, checked by one pass over its bytes so
/// that a hostile message cannot make the decoder recurse or allocate without bound.
public struct JSONLimits: Sendable, Equatable {
    /// Deepest nesting of arrays and objects.
    public var maxDepth: Int
    /// Longest string, in bytes.
    public var maxStringBytes: Int
    /// Most elements in one array or members in one object (a batch included).
    public var maxContainerEntries: Int

    public init(maxDepth: Int = 32, maxStringBytes: Int = 256 * 1024, maxContainerEntries: Int = 10_000) {
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxContainerEntries = maxContainerEntries
    }

    /// What is wrong with `data`, or `nil` if it keeps every limit. It does not check that the
    /// text is valid JSON; the decoder does that afterwards, safely.
    public func violation(in data: Data) -> String? {
        data.withUnsafeBytes { violation(in: $0) }
    }

    private func violation(in data: UnsafeRawBufferPointer) -> String? {
        var entries: [Int] = []  // per open container: separators seen
        var inString = false
        var escaped = false
        var stringStart = 0
        var index = 0
        for byte in data {
            defer { index += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if index - stringStart > maxStringBytes {
                        return "a string is longer than \(maxStringBytes) bytes"
                    }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                stringStart = index + 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                entries.append(0)
                if entries.count > maxDepth { return "nested deeper than \(maxDepth) levels" }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !entries.isEmpty { entries.removeLast() }
            case UInt8(ascii: ","):
                if !entries.isEmpty {
                    entries[entries.count - 1] += 1
                    if entries[entries.count - 1] >= maxContainerEntries {
                        return "an array or object has more than \(maxContainerEntries) entries"
                    }
                }
            default:
                break
            }
        }
        if inString && index - stringStart > maxStringBytes { return "a string is longer than \(maxStringBytes) bytes" }
        return nil
    }
}
