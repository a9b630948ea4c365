// swift-tools-version:6.1
// Stipple: scalp micropigmentation planning and simulation engine.
import PackageDescription

/// Every library module, the CLI and the CLI tests are optimised even in debug builds:
/// unoptimised the numeric kernels run 10–50× slower, and the tests spawn the debug `stipple`
/// hundreds of times (golden outputs, batch, studio), so an unoptimised plan reader, simulation,
/// report writer and figure code made `swift test` CPU-bound without helping anyone debug them
/// (BENCHMARKS.md, "Test suite time"). `-enable-testing` stays on, so `@testable import` works.
///
/// The numeric kernels (Support, LinearAlgebra, ScalpModel, Impressions, Rendering, SkinOptics,
/// Fading) are also compiled whole-module (`-wmo`), as a release build is: file by file, a call
/// into another file of the same module (the sampler's spacing probe, the grid's cell lookup, the
/// renderers' helpers) can be neither inlined nor specialised. Whole-module, a `simulate` of the
/// demo takes a fifth less CPU (2.35 → 1.84 s) and the suite about 15 CPU s less; the price is that
/// an edit in one of these modules recompiles all of it (≈ 25 s for Rendering), so the modules
/// that change most (Plans, Simulation, Reports, Figures, the CLI, the tests) stay incremental.
/// `-num-threads 2` writes one object per file, which the debug build's index store expects. The
/// driver notes once per module that it ignores `-enable-batch-mode` and incremental compilation
/// (whole-module has neither): expected, harmless.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
let kernelsInDebug: [SwiftSetting] = [.unsafeFlags(["-O", "-wmo", "-num-threads", "2"], .when(configuration: .debug))]

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
        .library(name: "Plans", targets: ["Plans"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Figures", targets: ["Figures"]),
        .library(name: "Batch", targets: ["Batch"]),
        .library(name: "Results", targets: ["Results"]),
        .library(name: "SkinOptics", targets: ["SkinOptics"]),
        .library(name: "Fading", targets: ["Fading"]),
        .library(name: "Studio", targets: ["Studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own building blocks, named because Studio imports them directly (already in
        // the graph through Hummingbird; declared so every import is a declared dependency).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries: nothing outside LinearAlgebra / Rendering imports these.
        .systemLibrary(name: "CLapacke", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // Lossy WebP for a batch's projector sheets (Rendering.WebPCodec).
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        // SHA-256 of the data folder for provenance (Plans.RunProvenance): OpenSSL's libcrypto.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Helpers several modules need (seeded RNGs, decimal text, CSV, parallel map, ticks); no dependencies.
        .target(name: "Support", swiftSettings: kernelsInDebug),
        .target(name: "LinearAlgebra", dependencies: ["CLapacke"], swiftSettings: kernelsInDebug),
        .target(name: "ScalpModel", dependencies: ["LinearAlgebra", "Support"], swiftSettings: kernelsInDebug),
        .target(name: "Impressions", dependencies: ["ScalpModel", "Support"], swiftSettings: kernelsInDebug),
        .target(name: "Rendering", dependencies: ["CLibPNG", "CFreeType", "CWebP", "Support"], swiftSettings: kernelsInDebug),
        .target(name: "SkinOptics", dependencies: ["LinearAlgebra", "Support"], swiftSettings: kernelsInDebug),
        .target(name: "Fading", dependencies: ["LinearAlgebra", "SkinOptics", "Support"], swiftSettings: kernelsInDebug),
        // The application, split by what flows through it (Sources/README.md draws the map):
        // plan files → Plans → Simulation → Reports (data files) / Figures (pictures) → Batch.
        .target(
            name: "Plans",
            dependencies: ["ScalpModel", "Impressions", "SkinOptics", "Fading", "Support", "CCrypto", .product(name: "Yams", package: "Yams")],
            resources: [.copy("../../Data")],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "Simulation", dependencies: ["Plans", "ScalpModel", "Impressions", "SkinOptics", "Fading", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "Reports", dependencies: ["Simulation", "Plans", "ScalpModel", "Impressions", "SkinOptics", "Fading", "Support"], swiftSettings: optimisedInDebug),
        .target(name: "Figures", dependencies: ["Reports", "Simulation", "Plans", "Rendering", "ScalpModel", "Impressions", "SkinOptics", "Fading", "Support"], swiftSettings: optimisedInDebug),
        // The results database (SQLite through GRDB): tables of plain values, no simulation types.
        .target(name: "Results", dependencies: ["Support", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: optimisedInDebug),
        .target(name: "Batch", dependencies: ["Figures", "Reports", "Simulation", "Plans", "Results", "Support"], swiftSettings: optimisedInDebug),
        // `stipple serve`: the local HTTP server, its JSON API and the page's files (no build step).
        .target(
            name: "Studio",
            dependencies: ["Figures", "Reports", "Simulation", "Plans", "ScalpModel", "Impressions", "Support", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio")],
            resources: [.copy("Resources")],
            swiftSettings: optimisedInDebug
        ),
        // The commands' options as types (their syntax, checks and resolution against the data),
        // so each can be tested without running the CLI; the only library module that knows ArgumentParser.
        .target(
            name: "CommandOptions",
            dependencies: ["Batch", "Figures", "Simulation", "Plans", "ScalpModel", "Impressions", "SkinOptics", "Fading",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: optimisedInDebug
        ),
        .executableTarget(
            name: "stipple",
            dependencies: [
                "CommandOptions", "Batch", "Figures", "Reports", "Simulation", "Plans", "Studio",
                "Rendering", "ScalpModel", "Impressions", "SkinOptics", "Fading", "Support",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimisedInDebug
        ),

        // Offline generator of Data/skin/dot_psf.* (scripts/make_dot_psf.sh); not used at run time.
        .executableTarget(name: "make-dot-psf", dependencies: ["SkinOptics", "Support"], path: "Sources/MakeDotPSF", swiftSettings: optimisedInDebug),
        // Offline generator of Data/skin/transport_correction.json (scripts/make_transport_correction.sh).
        .executableTarget(name: "make-transport-correction", dependencies: ["SkinOptics", "Support"], path: "Sources/MakeTransportCorrection",
                          swiftSettings: optimisedInDebug),

        // Shared by the test targets: the stipple process runner and the repository's fixture paths.
        .target(name: "StippleTestSupport", path: "Tests/TestSupport"),
        // The shipped plans simulated once, for the engine's and the pictures' tests.
        .target(name: "SimulationFixtures", dependencies: ["Plans", "Simulation", "StippleTestSupport"], path: "Tests/SimulationFixtures"),

        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "ScalpModelTests", dependencies: ["ScalpModel", "Simulation", "Plans", "Support", "StippleTestSupport"]),
        .testTarget(name: "ImpressionsTests", dependencies: ["Impressions", "ScalpModel", "Support"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering"]),
        .testTarget(name: "PlansTests", dependencies: ["Plans", "Impressions", "ScalpModel", "SkinOptics", "Fading", "Support", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SimulationTests", dependencies: ["SimulationFixtures", "Simulation", "Plans", "Figures", "ScalpModel", "Impressions", "Rendering", "SkinOptics", "Fading", "Reports", "Support", "StippleTestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Support"]),
        .testTarget(name: "FiguresTests", dependencies: ["SimulationFixtures", "Figures", "Simulation", "Plans", "Rendering", "ScalpModel", "Impressions", "SkinOptics", "Fading", "StippleTestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "StippleTestSupport"]),
        .testTarget(name: "StippleCLITests", dependencies: ["Plans", "Rendering", "Batch", "Results", "Support", "StippleTestSupport",
                                                       .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Golden"],
                    swiftSettings: optimisedInDebug),
        .testTarget(name: "SkinOpticsTests", dependencies: ["SkinOptics", "LinearAlgebra", "Support", "StippleTestSupport"], swiftSettings: optimisedInDebug),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "Plans", "Simulation", "Support", "StippleTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                                                  .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                  .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "CommandOptionsTests", dependencies: ["CommandOptions", "Batch", "Figures", "Fading", "Impressions", "Plans", "ScalpModel", "SkinOptics", "StippleTestSupport",
                                                          .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "FadingTests", dependencies: ["Fading", "SkinOptics", "LinearAlgebra", "Reports", "Support", "StippleTestSupport"]),
    ]
)
