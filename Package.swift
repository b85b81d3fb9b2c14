// swift-tools-version:6.1
import PackageDescription

// Swift 6 language mode (strict concurrency) is the default for tools-version 6.x.
let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

// `kubefate` is a short-lived CLI (`chart render` is benchmarked as a whole process: peak RSS), so
// its release build is tuned for start-up memory:
// - the Swift runtime and Foundation are linked statically, which saves loading and relocating
//   their shared libraries; the archives Foundation needs are named because their autolink entries
//   exist only in the static SDK's modules. Unlike SwiftPM's `--static-swift-stdlib` this touches
//   no other product and needs no flag on any build command.
// - lld packs the relative relocations (DT_RELR, glibc 2.36+), so start-up reads kilobytes of them,
//   not the 1.9 MB of plain RELA entries, and places the functions a render executes first and
//   together (`Sources/CLI/kubefate.order`, made by scripts/link-order.sh).
// - the modules on the render path emit one section per function in release builds, so that
//   ordering can move their functions, not just whole object files.
let renderPathSettings: [SwiftSetting] = settings + [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
]
// The static link reaches every product that links the CLI module, the release test bundle too,
// which needs XCTest and Testing as shared libraries: `KUBEFATE_DYNAMIC_CLI=1` turns it off for
// such builds (`KUBEFATE_DYNAMIC_CLI=1 swift test -c release -Xswiftc -enable-testing`).
let dynamicCLI = Context.environment["KUBEFATE_DYNAMIC_CLI"] == "1"
let cliReleaseLink: [LinkerSetting] = dynamicCLI ? [] : [
    .unsafeFlags([
        "-static-stdlib",
        "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
        "-use-ld=lld",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/CLI/kubefate.order",
        "-Xlinker", "--no-warn-symbol-ordering",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "kubefate-swift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kubefate-api", targets: ["API"]),
        .executable(name: "kubefate-worker", targets: ["Worker"]),
        .executable(name: "kubefate", targets: ["CLI"]),
        .executable(name: "kubesim", targets: ["KubeSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    ],
    targets: [
        // MARK: C libraries from Debian packages (module map + shim header each)
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CRabbitMQ", pkgConfig: "librabbitmq", providers: [.apt(["librabbitmq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl for the CLI, opened with dlopen at first use (`chart render` never loads it).
        .target(name: "CCurlLazy", path: "Sources/CCurlLazy", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The libcrypto functions of the template engine, opened with dlopen at first use.
        .target(name: "CCryptoLazy", path: "Sources/CCryptoLazy", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // MARK: Shared libraries (import direction is downward only, see docs/architecture.md)
        .target(name: "KFModels", dependencies: [
            .product(name: "Logging", package: "swift-log"),
        ], path: "Sources/Shared/Models", swiftSettings: settings),
        .target(name: "KFDatabase", dependencies: [
            "KFModels", "CMariaDB",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], path: "Sources/Shared/Database", swiftSettings: settings),
        .target(name: "KFQueue", dependencies: [
            "KFModels", "CRabbitMQ",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Sources/Shared/Queue", swiftSettings: settings),
        .target(name: "KFTemplate", dependencies: [
            "CLibYAML", "CCryptoLazy",
        ], path: "Sources/Shared/Template", swiftSettings: renderPathSettings),
        .target(name: "KFCharts", dependencies: [
            "KFTemplate", "CZlib",
        ], path: "Sources/Shared/Charts", swiftSettings: renderPathSettings),
        .target(name: "KFKube", dependencies: [
            "CCurl", "CLibYAML",
        ], path: "Sources/Shared/Kube", swiftSettings: settings),
        .target(name: "KFDeploy", dependencies: [
            "KFModels", "KFTemplate", "KFCharts", "KFKube", "CZlib",
            .product(name: "Logging", package: "swift-log"),
        ], path: "Sources/Shared/Deploy", swiftSettings: settings),
        .target(name: "KubeSimCore", dependencies: [
            "KFModels", "CLibYAML",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Sources/Shared/KubeSimCore", swiftSettings: settings),

        // MARK: Executables
        .executableTarget(name: "API", dependencies: [
            "KFModels", "KFDatabase", "KFQueue", "KFTemplate", "KFCharts", "KFKube", "CCrypto",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: settings),
        .executableTarget(name: "Worker", dependencies: [
            "KFModels", "KFDatabase", "KFQueue", "KFDeploy", "CLibYAML",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: settings),
        .executableTarget(name: "CLI", dependencies: [
            "KFModels", "KFTemplate", "KFCharts", "CCurlLazy",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["kubefate.order"], swiftSettings: renderPathSettings, linkerSettings: cliReleaseLink),
        .executableTarget(name: "KubeSim", dependencies: [
            "KubeSimCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),

        // MARK: Tests (Swift Testing; integration suites need the services from scripts/services.sh)
        .testTarget(name: "ModelsTests", dependencies: ["KFModels"], swiftSettings: settings),
        .testTarget(name: "DatabaseTests", dependencies: ["KFModels", "KFDatabase"], swiftSettings: settings),
        .testTarget(name: "TemplateTests", dependencies: ["KFTemplate"], swiftSettings: settings),
        .testTarget(name: "DeployTests", dependencies: ["KFDeploy", "KFKube", "KFCharts", "KFTemplate", "KubeSimCore"], swiftSettings: settings),
        .testTarget(name: "KubeTests", dependencies: ["KFKube", "KubeSimCore"], swiftSettings: settings),
        .testTarget(name: "EngineConformanceTests", dependencies: ["KFTemplate", "KFCharts"], swiftSettings: settings),
        .testTarget(name: "ChartsTests", dependencies: ["KFCharts", "KFTemplate"], swiftSettings: settings),
        .testTarget(name: "KubeSimCoreTests", dependencies: ["KubeSimCore"], swiftSettings: settings),
        .testTarget(name: "APITests", dependencies: ["API", "CLI", "KFModels", "KFDatabase", "KFQueue"], swiftSettings: settings),
        .testTarget(name: "QueueTests", dependencies: [
            "KFModels", "KFQueue",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: settings),
        .testTarget(name: "PipelineTests", dependencies: [
            "KFModels", "KFDatabase", "KFQueue", "CCurl", "Worker", "KFDeploy", "KFKube", "KubeSimCore",
        ], swiftSettings: settings),
    ]
)
