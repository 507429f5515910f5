// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
/// The shared libraries' code made inlinable into the executables in release builds (the JSON
/// reader's and writer's closures specialised where they are called): `--measure-work`, the same
/// replies, thread CPU per report 15.6 → 14.8 µs, the `json` format 15 → 9.6 µs; ServiceKit's
/// worker path too: the services' CPU at 32 in flight 15.2 → 13.8 µs a request (BENCHMARKS.md).
/// An unsafe flag is allowed in a root package, which this is: nothing depends on it.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
/// The composer's request path runs on one actor (the broker, on the socket thread): nonisolated
/// async functions run on their caller's actor instead of hopping to the generic executor.
let composerSettings = strict + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

let package = Package(
    name: "keihin-report",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "statistics-service", targets: ["StatisticsService"]),
        .executable(name: "initiatives-service", targets: ["InitiativesService"]),
        .executable(name: "report-composer", targets: ["ReportComposer"]),
        .executable(name: "report-client", targets: ["ReportClient"]),
        .executable(name: "report-loadgen", targets: ["ReportLoadGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
    ],
    targets: [
        // libzmq from Debian's libzmq3-dev. Its header and library sit on the default paths;
        // the package's libzmq.pc is not used because its Cflags carry `-isystem` flags
        // (from krb5) that SwiftPM rejects with a warning on every build.
        .systemLibrary(
            name: "CZeroMQ",
            path: "Shared/CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // A safe Swift layer over libzmq: sockets, frames, polling, the I/O thread.
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ", .product(name: "Logging", package: "swift-log")],
            path: "Shared/ZeroMQ",
            swiftSettings: strict + crossModule
        ),
        // What every process speaks: JSON-RPC 2.0 and RFC 7/MDP frames, the service and method
        // names, the params and result types the data services answer and the composer reads,
        // and the JSON reader and writer they use.
        .target(
            name: "WireProtocol",
            path: "Shared/WireProtocol",
            exclude: ["PROTOCOL.md"],
            swiftSettings: strict + crossModule,
            plugins: ["BuildStampPlugin"]
        ),
        // Stamps the git commit into WireProtocol (`ProjectVersion.commit`) before each build.
        .plugin(name: "BuildStampPlugin", capability: .buildTool(), path: "Shared/BuildStampPlugin"),
        // What the three serving processes share (both data services and the composer): logging,
        // the metrics and probe server, heartbeat settings, the service runner; and what only the
        // data services use: the MDP worker with reconnects, method tables, reloadable data.
        .target(
            name: "ServiceKit",
            dependencies: [
                "ZeroMQ", "WireProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: strict + crossModule
        ),
        .executableTarget(
            name: "StatisticsService",
            dependencies: ["ServiceKit", "WireProtocol", "ZeroMQ"],
            path: "Services/StatisticsService",
            resources: [.copy("Resources/industry-structure.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "InitiativesService",
            dependencies: ["ServiceKit", "WireProtocol", "ZeroMQ"],
            path: "Services/InitiativesService",
            resources: [.copy("Resources/special-zone.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ReportComposer",
            dependencies: [
                "ZeroMQ", "WireProtocol", "ServiceKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Services/ReportComposer",
            resources: [.embedInCode("Resources/report-frame.json")],
            swiftSettings: composerSettings
        ),
        .executableTarget(
            name: "ReportClient",
            dependencies: [
                "CZeroMQ", "ZeroMQ", "WireProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/ReportClient",
            swiftSettings: strict
        ),
        // The benchmarks' load generator (`make bench`), beside the benchmarks it serves.
        .executableTarget(
            name: "ReportLoadGenerator",
            dependencies: [
                "ZeroMQ", "WireProtocol",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/bench/ReportLoadGenerator",
            swiftSettings: strict
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"], path: "Tests/ZeroMQTests"),
        .testTarget(name: "WireProtocolTests", dependencies: ["WireProtocol"], path: "Tests/WireProtocolTests"),
        .target(name: "SeedFixtures", path: "Tests/SeedFixtures"),
        .testTarget(
            name: "StatisticsServiceTests",
            dependencies: ["StatisticsService", "WireProtocol", "ServiceKit", "SeedFixtures"],
            path: "Tests/StatisticsServiceTests"
        ),
        .testTarget(
            name: "InitiativesServiceTests",
            dependencies: ["InitiativesService", "WireProtocol", "ServiceKit"],
            path: "Tests/InitiativesServiceTests"
        ),
        .testTarget(
            name: "ReportComposerTests",
            dependencies: ["ReportComposer", "StatisticsService", "WireProtocol", "ZeroMQ", "SeedFixtures"],
            path: "Tests/ReportComposerTests"
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ZeroMQ", "WireProtocol", "SeedFixtures"],
            path: "Tests/IntegrationTests"
        ),
    ]
)
