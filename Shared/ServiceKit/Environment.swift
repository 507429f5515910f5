import ZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads settings from the environment.
public enum Environment {
    public static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list.
    public static func list(_ name: String) -> [String]? {
        value(name).map { $0.split(separator: ",").map { $0.trimmingWhitespace } }
    }
}
