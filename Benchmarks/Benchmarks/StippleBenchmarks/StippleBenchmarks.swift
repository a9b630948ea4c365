import Benchmark
import Foundation
import Impressions
import Planning
import Rendering
import ScalpModel

// Stipple's hot paths. Run: swift package --package-path Benchmarks benchmark
// Throughput is reported as `throughput` (iterations/s); for the sampler each iteration places
// one million impressions, so impressions/s = throughput × 1,000,000.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 20)

    // 1M impressions at 110/cm² over a uniform 9,100 cm² field (1 mm cells).
    Benchmark("PoissonDisk1MUniform") { benchmark in
        let field = Fixtures.uniform
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                               rule: SpacingRule(), seed: 42))
    }

    // 1M impressions over a field graded from 30 to 190 /cm² (mean 110).
    Benchmark("PoissonDisk1MGraded") { benchmark in
        let field = Fixtures.graded
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                               rule: SpacingRule(), seed: 42))
    }

    // The last 30 % of 1M impressions placed among 700k existing ones (a third session).
    Benchmark("PoissonDisk1MSeededLastLayer") { benchmark in
        let field = Fixtures.uniform
        let existing = Fixtures.seventyPercent
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: existing, rule: SpacingRule(), seed: 43))
    }

    Benchmark("SpacingMetrics1M") { benchmark in
        let dots = Fixtures.millionImpressions
        let regions = Fixtures.regions
        benchmark.startMeasurement()
        blackHole(spacingMetrics(of: dots, regions: regions, target: Fixtures.uniform))
    }

    Benchmark("HeatmapPNGPalette2048") { benchmark in
        let image = Fixtures.heatmap2048
        benchmark.startMeasurement()
        blackHole(try PNGCodec.encode(image))
    }

    batchBenchmark("BatchStagesImagesNoneJobs1", jobs: 1, images: .none)
    batchBenchmark("BatchStagesImagesNoneJobs2", jobs: 2, images: .none)
    batchBenchmark("BatchStagesImagesSummaryJobs2", jobs: 2, images: .summary)

    Benchmark("SimulateExamplePlan", configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                                          maxDuration: .seconds(10), maxIterations: 10)) { benchmark in
        let engine = Fixtures.engine
        let plan = Fixtures.demoPlan
        benchmark.startMeasurement()
        let result = try engine.simulate(plan, source: "bench")
        blackHole(try PlanOutputs.files(for: result))
    }
}

/// Batch throughput: the 8-plan Norwood stage series, per plan folders written to a scratch
/// folder (fresh each iteration, so nothing is reused). plans/s = 8 × throughput.
func batchBenchmark(_ name: String, jobs: Int, images: PlanOutputs.Selection.Images) {
    Benchmark(name, configuration: .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                         maxDuration: .seconds(20), maxIterations: 5)) { benchmark in
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-bench-batch-\(getpid())")
        try? FileManager.default.removeItem(at: out)
        let runner = BatchRunner(engine: Fixtures.engine, inputs: [Fixtures.dataRoot.appendingPathComponent("sweeps/stage-series.yaml").path],
                                 options: BatchOptions(outputDirectory: out, jobs: jobs, selection: .init(images: images, dots: false)))
        benchmark.startMeasurement()
        blackHole(try await runner.run())
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(at: out)
    }
}

enum Fixtures {
    static let uniform: ScalarField = {
        let grid = ChartGrid(minX: 0, minY: 0, cellSize: 1, width: 954, height: 954)
        return ScalarField(grid: grid, repeating: 110)
    }()

    static let graded: ScalarField = {
        let grid = ChartGrid(minX: 0, minY: 0, cellSize: 1, width: 954, height: 954)
        var field = ScalarField(grid: grid)
        for r in 0..<grid.height { for c in 0..<grid.width { field.values[r * grid.width + c] = 30 + 160 * Float(c) / Float(grid.width - 1) } }
        return field
    }()

    static let seventyPercent: [SIMD2<Double>] = {
        let first = placeSession(finalTarget: uniform, fractionOfTarget: 0.3, existing: [SIMD2<Double>](), rule: SpacingRule(), seed: 1)
        return first + placeSession(finalTarget: uniform, fractionOfTarget: 0.7, existing: first, rule: SpacingRule(), seed: 2)
    }()

    static let millionImpressions: [Impression] = HealingModel().impressions(
        at: placeSession(finalTarget: uniform, fractionOfTarget: 1, existing: [SIMD2<Double>](), rule: SpacingRule(), seed: 42),
        needleMM: 0.2, depthMM: 0.6, skin: .normal, session: 1)

    /// Four quadrant regions over the uniform field.
    static let regions: RegionMap = {
        let grid = uniform.grid
        var labels = [UInt8](repeating: 0, count: grid.count)
        for r in 0..<grid.height { for c in 0..<grid.width { labels[r * grid.width + c] = UInt8(1 + (r * 2 / grid.height) * 2 + c * 2 / grid.width) } }
        return RegionMap(grid: grid, labels: labels, names: ["a", "b", "c", "d"])
    }()

    /// A smooth 2048² palette image like a density heatmap (radial ramp over 200 levels).
    static let heatmap2048: IndexedImage = {
        let n = 2048
        var image = IndexedImage(width: n, height: n, palette: (0..<209).map { RGB(UInt8($0), UInt8(255 - $0), 128) })
        for y in 0..<n {
            for x in 0..<n {
                let dx = Double(x - n / 2), dy = Double(y - n / 2)
                image.pixels[y * n + x] = UInt8(9 + Int((dx * dx + dy * dy).squareRoot() / Double(n) * 280) % 200)
            }
        }
        return image
    }()

    static let dataRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
    static let engine = try! SimulationEngine(data: DataLibrary(root: dataRoot))
    static let demoPlan = try! engine.planReader.read(contentsOf: dataRoot.appendingPathComponent("plans/norwood-v-three-sessions.yaml"))
}
