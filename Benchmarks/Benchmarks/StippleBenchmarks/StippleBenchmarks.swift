import Benchmark
import Foundation
import Batch
import Figures
import Impressions
import Plans
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

// Stipple's hot paths. Run: swift package --package-path Benchmarks benchmark
// Throughput is reported as `throughput` (iterations/s); for the sampler each iteration places
// one million impressions, so impressions/s = throughput × 1,000,000.
//
// Allocation counts are checked against static thresholds in `Benchmarks/Thresholds/` for the
// single-threaded kernels (batch and the full simulate are multi-threaded and have none):
//   cd Benchmarks && swift package benchmark thresholds check --path "$PWD/Thresholds"
// The interposer counts every thread's mallocs during the measured interval, including the
// benchmark tool's own sampling thread, so the count drifts with wall time (measured: up to
// ±560 between runs on a loaded machine, e.g. DeltaE2000Batch1M 84 vs 124 although the kernel
// itself allocates nothing). The tolerance is therefore absolute, ±1,500 allocations: far above
// that drift, far below what an accidental per-item allocation adds (10⁵–10⁶ per iteration here;
// 2,048 for one allocation per PNG row). Re-record after an intended change with
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark thresholds update --path "$PWD/Thresholds"
// then keep only the mallocCountTotal entries of the single-threaded benchmarks (time and
// memory vary with the machine and its load), and the sampler's cpuTotal (below).
//
// The sampler (PoissonDisk*) also has a CPU-time threshold, so that losing its speed fails the
// check: `cpuTotal` p90 (ns; CPU time of the process, which other users' load inflates far less
// than wall time, but still by up to 1.6× here) within ±30 % of the stored value. p90 measured
// on this shared 2-core machine, 2026-12-01, five runs of today's sampler at load 2–13, two of
// the sampler before issue 16 (same fixtures and configuration):
//   PoissonDisk1MUniform                 0.95–1.55 s   before: 2.36–2.48 s   stored 1.25 s
//   PoissonDisk1MSeededLastLayer         0.43–0.67 s   before: 0.92–1.06 s   stored 0.55 s
//   PoissonDisk1MGraded                  1.41–2.50 s   before: 2.45–3.12 s   stored 1.95 s
//   PoissonDisk1MGradedSeededLastLayer   0.80–1.18 s   before: 1.17–1.39 s   stored 1.00 s
// The band holds today's sampler at every load seen and puts the previous one outside for the
// uniform cases; for the graded ones (whose ranges touch) it catches slowdowns of ≳ 1.3–1.6×.
// A run ≥ 30 % faster than stored reports BETTER (exit 4): re-record then, storing the middle
// of the range seen. The malloc counts were re-recorded at the same time (middle of 309–2559).
//
// The whole plan (WholePlanNorwoodVIImagesNone) has the same ±30 % cpuTotal check (issue 16):
// p90 80 ms at load 7–8 (2026-12-02), stored 70 ms, so the band [49, 91] ms holds it from an
// idle machine to a loaded one, while the plan before issue 16 (≈ 320 ms of CPU) or a lost
// placement, coverage or fade speed-up (≥ 1.3×) fails. Its allocations fell from 34,431 to
// 14,119 per plan (shared spacing tables, outputs written into sized storage), re-recorded.

/// Tolerance for `mallocCountTotal` against the stored thresholds (see above).
var mallocThresholds: [BenchmarkMetric: BenchmarkThresholds] {
    [.mallocCountTotal: .init(absolute: [.p90: 1_500])]
}

/// The sampler's configuration: CPU time measured and checked as well (see above).
var samplerConfiguration: Benchmark.Configuration {
    var thresholds = mallocThresholds
    thresholds[.cpuTotal] = .init(relative: [.p90: 30])
    return .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
                 maxDuration: .seconds(10), maxIterations: 20, thresholds: thresholds)
}

/// The whole plan's thresholds: allocations as the kernels, and CPU time within ±30 % like the
/// sampler (issue 16's throughput target; the ranges measured are in the header comment).
var wholePlanThresholds: [BenchmarkMetric: BenchmarkThresholds] {
    var thresholds = mallocThresholds
    thresholds[.cpuTotal] = .init(relative: [.p90: 30])
    return thresholds
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 20, thresholds: mallocThresholds)

    // 1M impressions at 110/cm² over a uniform 9,100 cm² field (1 mm cells).
    Benchmark("PoissonDisk1MUniform", configuration: samplerConfiguration) { benchmark in
        let field = Fixtures.uniform
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                               rule: SpacingRule(), seed: 42))
    }

    // 1M impressions over a field graded from 30 to 190 /cm² (mean 110).
    Benchmark("PoissonDisk1MGraded", configuration: samplerConfiguration) { benchmark in
        let field = Fixtures.graded
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                               rule: SpacingRule(), seed: 42))
    }

    // The last 30 % of 1M impressions placed among 700k existing ones (a third session).
    Benchmark("PoissonDisk1MSeededLastLayer", configuration: samplerConfiguration) { benchmark in
        let field = Fixtures.uniform
        let existing = Fixtures.seventyPercent
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: existing, rule: SpacingRule(), seed: 43))
    }

    // The last 30 % of the graded field placed among its first 70 %.
    Benchmark("PoissonDisk1MGradedSeededLastLayer", configuration: samplerConfiguration) { benchmark in
        let field = Fixtures.graded
        let existing = Fixtures.gradedSeventyPercent
        benchmark.startMeasurement()
        blackHole(placeSession(finalTarget: field, fractionOfTarget: 1, existing: existing, rule: SpacingRule(), seed: 43))
    }

    // NN distances, Clark–Evans, merges and the 10 µm coverage raster.
    Benchmark("SpacingMetrics1M") { benchmark in
        let dots = Fixtures.millionImpressions
        let regions = Fixtures.regions
        benchmark.startMeasurement()
        blackHole(spacingMetrics(of: dots, regions: regions, target: Fixtures.uniform))
    }

    // The same with a 1 mm coverage raster (a few pixels per disc): the raster costs next to
    // nothing, so SpacingMetrics1M − this ≈ the 10 µm coverage rasterisation alone (the raster
    // itself is internal to Impressions).
    Benchmark("SpacingMetrics1MCoarseCoverage") { benchmark in
        let dots = Fixtures.millionImpressions
        let regions = Fixtures.regions
        benchmark.startMeasurement()
        blackHole(spacingMetrics(of: dots, regions: regions, target: Fixtures.uniform,
                                 options: SpacingMetricsOptions(coverageResolutionMM: 1)))
    }

    // Fast batch CIEDE2000 over 1M random pairs (structure of arrays, output preallocated).
    Benchmark("DeltaE2000Batch1M") { benchmark in
        let (lab1, lab2) = Fixtures.labPairs
        var out = [Double](repeating: 0, count: lab1.count)
        benchmark.startMeasurement()
        lab1.L.withUnsafeBufferPointer { L1 in lab1.a.withUnsafeBufferPointer { a1 in lab1.b.withUnsafeBufferPointer { b1 in
        lab2.L.withUnsafeBufferPointer { L2 in lab2.a.withUnsafeBufferPointer { a2 in lab2.b.withUnsafeBufferPointer { b2 in
        out.withUnsafeMutableBufferPointer { o in
            deltaE2000(L1: L1, a1: a1, b1: b1, L2: L2, a2: a2, b2: b2, into: o)
        } } } } } } }
        benchmark.stopMeasurement()
        blackHole(out)
    }

    // Spectral skin + pigment (81 wavelengths, K–M layers) → CIELAB, 100k depth/dose pairs.
    Benchmark("PigmentedSkin100k") { benchmark in
        let ev = Fixtures.skinEvaluator
        let lo = ev.depthRange.lowerBound, span = ev.depthRange.upperBound - lo
        benchmark.startMeasurement()
        var sum = 0.0
        for i in 0..<100_000 {
            let u = Double(i) / 100_000
            sum += ev.labUnchecked(depthMM: lo + span * u, effectiveDose: 0.05 + 0.5 * (1 - u)).L
        }
        blackHole(sum)
    }

    Benchmark("HeatmapPNGPalette2048") { benchmark in
        let image = Fixtures.heatmap2048
        benchmark.startMeasurement()
        blackHole(try PNGCodec.encode(image))
    }

    // The same heatmap expanded to RGB (3 bytes per pixel), default options.
    Benchmark("HeatmapPNGRGB2048") { benchmark in
        let image = Fixtures.heatmap2048RGB
        benchmark.startMeasurement()
        blackHole(try PNGCodec.encode(image))
    }

    batchBenchmark("BatchStagesImagesNoneJobs1", jobs: 1, images: .none)
    batchBenchmark("BatchStagesImagesNoneJobs2", jobs: 2, images: .none)
    batchBenchmark("BatchStagesImagesSummaryJobs2", jobs: 2, images: .summary)

    // Issue 16's yardstick: one whole plan as `stipple simulate --images none` computes it
    // (placement, metrics per session and follow-up, colours, fading, touch-up, review, and the
    // bytes of report.json, the CSVs and dots.csv): the Norwood VI three-session plan with three
    // follow-ups in Benchmarks/plans, on one thread, so throughput = plans/s per core
    // (`stipple-bench plan` times the same work for Benchmarks/compare). Single-threaded, so its
    // allocation count is checked like the kernels'.
    Benchmark("WholePlanNorwoodVIImagesNone", configuration: .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 30, thresholds: wholePlanThresholds)) { benchmark in
        var engine = Fixtures.engine
        engine.parallelWithinPlan = false
        let plan = Fixtures.norwoodVIPlan
        benchmark.startMeasurement()
        let result = try engine.simulate(plan, source: "bench")
        blackHole(try PlanOutputs.files(for: result, selection: .init(images: .none, dots: true)))
    }

    // Multi-threaded (parallel rendering): no allocation threshold.
    Benchmark("SimulateExamplePlan", configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                                          maxDuration: .seconds(10), maxIterations: 10, thresholds: [:])) { benchmark in
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
                                         maxDuration: .seconds(20), maxIterations: 5, thresholds: [:])) { benchmark in
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

    static let gradedSeventyPercent: [SIMD2<Double>] = {
        let first = placeSession(finalTarget: graded, fractionOfTarget: 0.3, existing: [SIMD2<Double>](), rule: SpacingRule(), seed: 1)
        return first + placeSession(finalTarget: graded, fractionOfTarget: 0.7, existing: first, rule: SpacingRule(), seed: 2)
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

    static let heatmap2048RGB: RGBImage = {
        var image = RGBImage(width: 2048, height: 2048)
        image.bytes = heatmap2048.rgbBytes()
        return image
    }()

    /// 1M Lab pairs, L* in [0, 100], a*, b* in [−128, 128]; every fourth a near neighbour.
    static let labPairs: (LabArrays, LabArrays) = {
        var rng = SplitMix64(seed: 2005)
        let n = 1_000_000
        var l1 = [Double](), a1 = [Double](), b1 = [Double](), l2 = [Double](), a2 = [Double](), b2 = [Double]()
        for i in 0..<n {
            l1.append(rng.nextUnit() * 100); a1.append(rng.nextUnit() * 256 - 128); b1.append(rng.nextUnit() * 256 - 128)
            if i % 4 == 0 {
                l2.append(l1[i] + rng.nextUnit() * 4 - 2); a2.append(a1[i] + rng.nextUnit() * 4 - 2); b2.append(b1[i] + rng.nextUnit() * 4 - 2)
            } else {
                l2.append(rng.nextUnit() * 100); a2.append(rng.nextUnit() * 256 - 128); b2.append(rng.nextUnit() * 256 - 128)
            }
        }
        return (LabArrays(L: l1, a: a1, b: b1), LabArrays(L: l2, a: a2, b: b2))
    }()

    static let skinEvaluator: PigmentedSkinEvaluator = {
        let data = dataRoot
        let skin = try! SkinLibrary(dataDirectory: data).model(named: "monk-5")
        let pigment = try! PigmentLibrary(dataDirectory: data).pigment(named: "cool-neutral")
        return PigmentedSkinEvaluator(skin: skin, pigment: pigment)
    }()

    static let dataRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
    static let engine = try! SimulationEngine(data: DataLibrary(root: dataRoot))
    static let demoPlan = try! engine.planReader.read(contentsOf: dataRoot.appendingPathComponent("plans/norwood-v-three-sessions.yaml"))
    static let norwoodVIPlan = try! engine.planReader.read(contentsOf: dataRoot.deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/plans/norwood-vi-three-sessions.yaml"))
}
