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

    /// The file systemd passed as credential `name` (`LoadCredential=NAME:PATH`), if there is
    /// one: `$CREDENTIALS_DIRECTORY/NAME`. Read where no flag or variable names the file.
    public static func credential(_ name: String) -> String? {
        guard let directory = value("CREDENTIALS_DIRECTORY") else { return nil }
        let path = directory + "/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// A comma-separated list.
    public static func list(_ name: String) -> [String]? {
        value(name).map { $0.split(separator: ",").map { $0.trimmingWhitespace } }
    }
}
