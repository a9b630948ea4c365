// swift-tools-version:6.1
// Stipple: scalp micropigmentation planning and simulation engine.
import PackageDescription

/// The numeric kernels (sampling, metrics, rasterising) are optimised even in debug builds:
/// unoptimised they run 10–50× slower, which makes `swift test` and `swift run` sluggish
/// without helping anyone debug them.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Stipple",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stipple", targets: ["stipple"]),
        .library(name: "Support", targets: ["Support"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "ScalpModel", targets: ["ScalpModel"]),
        .library(name: "Impressions", targets: ["Impressions"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "SkinOptics", targets: ["SkinOptics"]),
        .library(name: "Fading", targets: ["Fading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries: nothing outside LinearAlgebra / Rendering imports these.
        .systemLibrary(name: "CLapacke", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),

        // Helpers several modules need (seeded RNGs, decimal text, CSV, parallel map, ticks); no dependencies.
        .target(name: "Support", swiftSettings: optimisedInDebug),
        .target(name: "LinearAlgebra", dependencies: ["CLapacke"]),
        .target(name: "ScalpModel", dependencies: ["LinearAlgebra", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "Impressions", dependencies: ["ScalpModel", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "Rendering", dependencies: ["CLibPNG", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "SkinOptics", dependencies: ["LinearAlgebra", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "Fading", dependencies: ["LinearAlgebra", "SkinOptics", "Support"], swiftSettings: optimisedInDebug),
        .target(
            name: "Planning",
            dependencies: [
                "ScalpModel", "Impressions", "SkinOptics", "Fading", "Rendering", "LinearAlgebra", "Support",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("../../Data")]
        ),
        .executableTarget(
            name: "stipple",
            dependencies: [
                "Planning", "Rendering", "ScalpModel", "SkinOptics", "Fading", "Support",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // libFuzzer targets (Tests/fuzz/run.sh builds them with -sanitize=fuzzer,address -DFUZZING;
        // a plain build gives each a small main that replays input files).
        .executableTarget(name: "FuzzPlan", dependencies: ["Planning"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["SkinOptics", "Support"]),

        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "ScalpModelTests", dependencies: ["ScalpModel", "Planning"]),
        .testTarget(name: "ImpressionsTests", dependencies: ["Impressions", "ScalpModel", "Support"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "ScalpModel", "Impressions", "SkinOptics", "Fading"]),
        .testTarget(name: "StippleCLITests", dependencies: ["Planning"]),
        .testTarget(name: "SkinOpticsTests", dependencies: ["SkinOptics", "Support"]),
        .testTarget(name: "FadingTests", dependencies: ["Fading", "Support"]),
    ]
)
