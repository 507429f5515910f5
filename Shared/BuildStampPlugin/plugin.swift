import Foundation
import PackagePlugin

/// Stamps the git commit a build is made from into the target as `BuildStamp.commit` — outside a
/// git checkout (a container build), `$REPORT_BUILD_COMMIT`, else "unknown" — for `--version`,
/// `system.info` and `report_build_info`. It runs
/// before every build and rewrites the file only when the commit changed, so an unchanged
/// checkout recompiles nothing.
@main
struct BuildStampPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "stamp")
        let file = output.appending(path: "BuildStamp.swift").path
        let package = context.package.directoryURL.path
        let fallback =
            ProcessInfo.processInfo.environment["REPORT_BUILD_COMMIT"].flatMap { commit in
                commit.allSatisfy { $0.isHexDigit } && !commit.isEmpty ? commit : nil
            } ?? "unknown"
        let script = """
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || echo \(fallback))
            mkdir -p '\(output.path)'
            printf '%s\\n' '/// Written by the build (BuildStampPlugin).' 'enum BuildStamp {' \
                "    static let commit = \\"$commit\\"" '}' > '\(file).new'
            if cmp -s '\(file).new' '\(file)'; then rm '\(file).new'; else mv '\(file).new' '\(file)'; fi
            """
        return [
            .prebuildCommand(
                displayName: "Stamping the git commit into \(target.name)",
                executable: URL(filePath: "/bin/sh"), arguments: ["-c", script], outputFilesDirectory: output)
        ]
    }
}
