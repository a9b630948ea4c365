import ScalpModel
import Support
import Testing
@testable import Impressions

/// The coverage count and the shared position analysis are faster ways to the same numbers:
/// they are checked here against the slow ways (painting every pixel, a brute-force pixel scan,
/// sorting with the standard library, measuring from scratch), for exact equality.
@Suite("Spacing metrics: fast paths equal the reference")
struct CoverageCountingTests {
    /// 7 × 6 mm chart, 0.5 mm cells (so discs cross cell rows and columns), three regions in
    /// vertical bands, target 0 in one corner block; at 10 µm the chart is 3 × 3 tiles of 256 px.
    static func chart() -> (RegionMap, ScalarField) {
        let grid = ChartGrid(covering: 0, 0, 7, 6, cellSize: 0.5)
        var labels = [UInt8](repeating: 0, count: grid.count), values = [Float](repeating: 100, count: grid.count)
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                let i = r * grid.width + c
                labels[i] = c < 2 ? 0 : UInt8(1 + (c - 2) / 4 % 3)
                if r < 3 && c >= grid.width - 3 { values[i] = 0 }
            }
        }
        return (RegionMap(grid: grid, labels: labels, names: ["a", "b", "c"]), ScalarField(grid: grid, values: values))
    }

    /// Scattered discs of 0.05–0.5 mm, some of them in tight clusters (shared pixels), some
    /// hanging over the chart edge, one of zero size.
    static func dots(seed: UInt64, count: Int) -> [Impression] {
        var rng = SplitMix64(seed: seed)
        var dots: [Impression] = []
        for i in 0..<count {
            let x = rng.nextUnit() * 7.4 - 0.2, y = rng.nextUnit() * 6.4 - 0.2
            let d = Float(0.05 + 0.45 * rng.nextUnit())
            dots.append(Impression(x: x, y: y, diameterMM: i == 3 ? 0 : d, depthMM: 0.6, session: 1))
            if i % 5 == 0 {  // a partner overlapping it
                dots.append(Impression(x: x + 0.1 * rng.nextUnit(), y: y + 0.1 * rng.nextUnit(), diameterMM: d, depthMM: 0.6, session: 2))
            }
        }
        return dots
    }

    /// Every pixel of the chart, one at a time: covered if its centre is within some disc.
    static func bruteForce(_ dots: [Impression], regions: RegionMap, target: ScalarField, pixel: Double) -> [Int] {
        let grid = target.grid
        var counts = [Int](repeating: 0, count: regions.names.count + 1)
        let nx = Int(((grid.maxX - grid.minX) / pixel).rounded()), ny = Int(((grid.maxY - grid.minY) / pixel).rounded())
        for j in 0..<ny {
            let y = grid.minY + (Double(j) + 0.5) * pixel
            let near = dots.filter { abs($0.y - y) <= Double($0.diameterMM) / 2 }
            guard !near.isEmpty else { continue }
            for i in 0..<nx {
                let x = grid.minX + (Double(i) + 0.5) * pixel
                guard let cell = grid.index(x: x, y: y), target.values[cell] > 0 else { continue }
                let inside = near.contains { d in
                    let r = Double(d.diameterMM) / 2
                    return (d.x - x) * (d.x - x) + (d.y - y) * (d.y - y) <= r * r
                }
                if inside { counts[Int(regions.labels[cell])] += 1 }
            }
        }
        return counts
    }

    @Test("row counting of lone discs + painting of overlapping ones = painting all = brute force", arguments: [1, 2, 3] as [UInt64])
    func coverageCountsMatch(seed: UInt64) {
        let (regions, target) = Self.chart()
        let dots = Self.dots(seed: seed, count: 300)
        let pixel = 0.01
        let raster = CoverageRaster(grid: target.grid, pixelMM: pixel, labels: regions.labels, target: target.values, labelCount: 4)
        // Overlap flags as SpacingAnalysis sets them: centres closer than r_i + r_j + a pixel.
        var overlapping = [Bool](repeating: false, count: dots.count)
        for i in dots.indices {
            for j in dots.indices where j != i {
                let dx = dots[i].x - dots[j].x, dy = dots[i].y - dots[j].y
                let reach = Double(dots[i].diameterMM) / 2 + Double(dots[j].diameterMM) / 2 + pixel
                if dx * dx + dy * dy < reach * reach { overlapping[i] = true }
            }
        }
        #expect(overlapping.contains(true) && overlapping.contains(false))
        let fast = raster.coveredPixels(dots, overlapping: overlapping)
        let painted = raster.coveredPixels(dots)
        let brute = Self.bruteForce(dots, regions: regions, target: target, pixel: pixel)
        #expect(fast == painted)
        #expect(fast == brute)
        #expect(fast.allSatisfy { $0 > 1000 })  // every label, the off-scalp one too, has covered pixels
    }

    @Test("spacingMetrics flags overlaps itself: covered fraction within the lone discs' rim bound of the brute-force scan")
    func metricsCoverageMatchesBruteForce() {
        let (regions, target) = Self.chart()
        let dots = Self.dots(seed: 9, count: 200)
        let report = spacingMetrics(of: dots, regions: regions, target: target)
        let brute = Self.bruteForce(dots, regions: regions, target: target, pixel: 0.01)
        let pixelCM2 = 0.01 * 0.01 / 100
        // Lone discs count π r² instead of their pixels (CoverageAreaTests); each differs by less
        // than its rim π((r + p/√2)² − r²); overlapping ones are painted as before.
        let rim = dots.reduce(0.0) { sum, d in
            let r = Double(d.diameterMM) / 2 / 0.01, h = 0.5.squareRoot()
            return sum + Double.pi * ((r + h) * (r + h) - r * r)
        } * pixelCM2
        for (k, m) in report.regions.enumerated() {
            let expected = Double(brute[k + 1]) * pixelCM2 / m.treatedAreaCM2
            #expect(abs(m.coveredFraction - expected) <= rim / m.treatedAreaCM2)
            #expect(abs(m.coveredFraction - expected) <= 0.01 * expected)
        }
        let all = Double(brute.reduce(0, +)) * pixelCM2 / report.all.treatedAreaCM2
        #expect(abs(report.all.coveredFraction - all) <= 0.01 * all)
    }

    @Test("nearest-neighbour statistics equal sorting the plain distances with the standard library")
    func nearestNeighbourStatisticsMatch() {
        let (regions, target) = Self.chart()
        let dots = Self.dots(seed: 4, count: 400)
        let report = spacingMetrics(of: dots, regions: regions, target: target)
        let nn = nearestNeighbourDistances(dots)
        func expected(_ keep: (Int) -> Bool) -> (Double?, Double?, Double?) {
            let d = dots.indices.filter(keep).map { nn[$0] }.filter(\.isFinite).sorted()
            guard !d.isEmpty else { return (nil, nil, nil) }
            let mean = d.reduce(0.0) { $0 + Double($1) } / Double(d.count)
            return (mean, Double(d[Int((0.05 * Double(d.count)).rounded(.up)) - 1]), Double(d[0]))
        }
        let all = expected { _ in true }
        #expect(report.all.nearestNeighbourMeanMM == all.0 && report.all.nearestNeighbourP5MM == all.1 && report.all.nearestNeighbourMinMM == all.2)
        for (k, m) in report.regions.enumerated() {
            let e = expected { Int(regions.label(x: dots[$0].x, y: dots[$0].y)) == k + 1 }
            #expect(m.nearestNeighbourMeanMM == e.0 && m.nearestNeighbourP5MM == e.1 && m.nearestNeighbourMinMM == e.2, "\(m.region)")
            #expect(m.impressions > 50)
        }
    }

    @Test("a kept analysis reports grown dots exactly as measuring them from scratch")
    func sharedAnalysisMatchesFreshMetrics() {
        let (regions, target) = Self.chart()
        let healed = Self.dots(seed: 5, count: 250)
        let analysis = SpacingAnalysis(positionsOf: healed, regions: regions, target: target)
        let options = SpacingMetricsOptions(mergeGapMM: 0.05)
        #expect(analysis.report(healed, options: options) == spacingMetrics(of: healed, regions: regions, target: target, options: options))
        for scale: Float in [1.1, 1.6] {
            let grown = healed.map { var d = $0; d.diameterMM *= scale; return d }
            let fresh = spacingMetrics(of: grown, regions: regions, target: target, options: options)
            #expect(analysis.report(grown, options: options) == fresh)
            #expect(fresh.all.mergePairs > spacingMetrics(of: healed, regions: regions, target: target, options: options).all.mergePairs)
        }
    }

    @Test("radix sort of Float bit patterns = filter(isFinite).sorted()")
    func radixSortMatchesStandardSort() {
        var rng = SplitMix64(seed: 11)
        for n in [0, 1, 63, 64, 1000, 20000] {
            var values = (0..<n).map { _ in Float(rng.nextUnit() * 200 - 50) }
            if n > 100 {
                values[0] = .infinity; values[1] = .nan; values[2] = -.infinity; values[3] = 0
                values[4] = Float.leastNonzeroMagnitude; values[5] = -Float.leastNonzeroMagnitude
                values[6] = values[7]  // a tie
            }
            #expect(sortedFiniteAscending(values) == values.filter(\.isFinite).sorted())
        }
        // Narrow ranges share high digits, whose passes are skipped (an odd number of passes
        // leaves the result in the scratch buffer); equal values share every digit.
        for (low, width) in [(1.0, 0.49), (1.0, 0.99), (0.6, 0.0001), (3.0, 0.0)] as [(Double, Double)] {
            let values = (0..<5000).map { _ in Float(low + width * rng.nextUnit()) }
            #expect(sortedFiniteAscending(values) == values.sorted(), "[\(low), \(low + width)]")
        }
    }
}
