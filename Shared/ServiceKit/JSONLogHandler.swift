import Logging

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A swift-log handler that writes one JSON object per line to standard error: `ts` (RFC 3339,
/// UTC, milliseconds), `level`, `label`, `message`, then the metadata (e.g. `requestId`), for
/// log shippers. Metadata given as a number or a boolean (`.stringConvertible(12)`) is written
/// as one; arrays and dictionaries as JSON arrays and objects; everything else as a string.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: Logger.Metadata = metadata
        fields.merge(metadataProvider?.get() ?? [:]) { _, new in new }
        fields.merge(event.metadata ?? [:]) { _, new in new }
        var line = "{\"ts\":\"\(Self.timestamp())\",\"level\":\(Self.quote(event.level.rawValue))"
        line += ",\"label\":\(Self.quote(label)),\"message\":\(Self.quote("\(event.message)"))"
        for key in fields.keys.sorted() where !["ts", "level", "label", "message"].contains(key) {
            line += ",\(Self.quote(key)):"
            Self.write(fields[key]!, into: &line)
        }
        line += "}\n"
        LogWriter.standardError.write(line)
    }

    /// Now, as RFC 3339 in UTC with milliseconds: `2026-12-01T14:50:29.123Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))T"
            + "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))."
            + "\(digits(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }

    /// A metadata value as JSON: numbers and booleans as themselves, the rest as strings.
    static func write(_ value: Logger.Metadata.Value, into line: inout String) {
        switch value {
        case .string(let text):
            line += quote(text)
        case .stringConvertible(let item):
            switch item {
            case let number as any BinaryInteger: line += "\(number)"
            case let number as Double where number.isFinite: line += "\(number)"
            case let flag as Bool: line += flag ? "true" : "false"
            default: line += quote(item.description)
            }
        case .array(let items):
            line += "["
            for (index, item) in items.enumerated() {
                if index > 0 { line += "," }
                write(item, into: &line)
            }
            line += "]"
        case .dictionary(let members):
            line += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                line += quote(key) + ":"
                write(members[key]!, into: &line)
            }
            line += "}"
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
