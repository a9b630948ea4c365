// swift-tools-version:6.1
// Stipple's libFuzzer targets live in their own package (like Benchmarks/) so the main build
// and `swift test` stay free of fuzzing code. Build and run them with Tests/fuzz/run.sh; replay
// inputs with a plain build: swift run --package-path Fuzz FuzzPlan FILE...
import PackageDescription

let package = Package(
    name: "StippleFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        // `name:` keeps the reference valid in a clone whose folder is not called "Stipple".
        .package(name: "Stipple", path: ".."),
    ],
    targets: [
        // What the fuzzers share: libFuzzer's entry point and the plain-build replayer.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzPlan", dependencies: [
            "FuzzDriver",
            .product(name: "Plans", package: "Stipple"),
            .product(name: "Simulation", package: "Stipple"),
        ]),
        .executableTarget(name: "FuzzCSV", dependencies: [
            "FuzzDriver",
            .product(name: "SkinOptics", package: "Stipple"),
        ]),
        .executableTarget(name: "FuzzModel", dependencies: [
            "FuzzDriver",
            .product(name: "Plans", package: "Stipple"),
            .product(name: "Fading", package: "Stipple"),
        ]),
    ]
)
