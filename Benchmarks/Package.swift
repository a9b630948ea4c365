// swift-tools-version:6.1
// Stipple's benchmarks live in their own package so the main build stays fast.
// Run: swift package --package-path Benchmarks benchmark
import PackageDescription

let package = Package(
    name: "StippleBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Stipple", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StippleBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Impressions", package: "Stipple"),
                .product(name: "ScalpModel", package: "Stipple"),
                .product(name: "Plans", package: "Stipple"),
                .product(name: "Simulation", package: "Stipple"),
                .product(name: "Figures", package: "Stipple"),
                .product(name: "Batch", package: "Stipple"),
                .product(name: "Rendering", package: "Stipple"),
                .product(name: "SkinOptics", package: "Stipple"),
                .product(name: "Support", package: "Stipple"),
            ],
            path: "Benchmarks/StippleBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Runs one named task and prints its rate, for Benchmarks/compare. Kept out of the
        // product CLI; its folder is not directly under Benchmarks/, so the benchmark plugin
        // does not mistake it for a benchmark suite.
        .executableTarget(
            name: "stipple-bench",
            dependencies: [
                .product(name: "Impressions", package: "Stipple"),
                .product(name: "ScalpModel", package: "Stipple"),
                .product(name: "Rendering", package: "Stipple"),
                .product(name: "SkinOptics", package: "Stipple"),
                .product(name: "Plans", package: "Stipple"),
                .product(name: "Simulation", package: "Stipple"),
                .product(name: "Figures", package: "Stipple"),
            ],
            path: "Harness/StippleBench"
        ),
    ]
)
