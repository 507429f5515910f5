/// Which build this is: the project version, the git commit it was built from and the Swift
/// compiler, as `--version`, `system.info` and the `report_build_info` metric give them.
public enum ProjectVersion {
    public static let current = "0.1.0"

    /// The git commit the build was made from (stamped into ``BuildStamp`` by the build), or
    /// "unknown" outside a git checkout.
    public static var commit: String { BuildStamp.commit }

    /// The Swift language version the compiler implements.
    public static var swift: String {
        #if swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #elseif swift(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }

    /// What `--version` prints: `0.1.0 (commit 1a2b3c4d5e6f, Swift 6.3)`.
    public static var description: String { "\(current) (commit \(commit), Swift \(swift))" }
}
