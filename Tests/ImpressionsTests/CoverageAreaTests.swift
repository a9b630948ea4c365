import ScalpModel
import Support
import Testing
@testable import Impressions

/// The reports' covered fraction counts a lone disc (one sharing no pixel with another, inside
/// cells of one region and treatment state) at its exact area π r², and everything else on the
/// 10 µm raster. These tests pin the exact part to closed forms, the fallback to the raster,
/// and the difference from the all-raster count (the method before) to its bound.
@Suite("Covered area: exact lone discs, raster for the rest")
struct CoverageAreaTests {
    static let pixel = 0.01

    /// 6 × 4 mm, 1 mm cells; label 1 in columns 0–2, label 2 in columns 3–5; the cell at
    /// column 5, row 0 untreated.
    static func chart() -> (RegionMap, ScalarField, CoverageRaster) {
        let grid = ChartGrid(covering: 0, 0, 6, 4, cellSize: 1)
        var labels = [UInt8](repeating: 0, count: grid.count), values = [Float](repeating: 100, count: grid.count)
        for r in 0..<grid.height { for c in 0..<grid.width { labels[r * grid.width + c] = c < 3 ? 1 : 2 } }
        values[5] = 0
        let raster = CoverageRaster(grid: grid, pixelMM: pixel, labels: labels, target: values, labelCount: 3)
        return (RegionMap(grid: grid, labels: labels, names: ["front", "back"]), ScalarField(grid: grid, values: values), raster)
    }

    static func dot(_ x: Double, _ y: Double, d: Float) -> Impression {
        Impression(x: x, y: y, diameterMM: d, depthMM: 0.6, session: 1)
    }

    @Test("a lone disc inside one cell, or across cells of one region, counts exactly π r² (in pixels)")
    func loneDiscIsExact() {
        let (_, _, raster) = Self.chart()
        let r = Double(Float(0.25)) / 2
        let exact = Double.pi * r * r / (Self.pixel * Self.pixel)
        for (x, y) in [(0.5, 0.5), (1.0, 1.0), (2.0, 2.5), (0.93, 3.5)] {   // inside; on a corner; across a column edge
            let area = raster.coveredArea([Self.dot(x, y, d: 0.25)], overlapping: [false])
            #expect(abs(area[1] - exact) <= 1e-9 * exact, "(\(x), \(y))")
            #expect(area[0] == 0 && area[2] == 0)
        }
        // The raster's count of the same disc is an integer near, but not at, π r².
        let pixels = raster.coveredPixels([Self.dot(0.5, 0.5, d: 0.25)])[1]
        #expect(Double(pixels) != exact && abs(Double(pixels) - exact) < 0.05 * exact)
    }

    @Test("discs across a region edge, a treatment edge or the chart edge, and overlapping discs, are counted on the raster")
    func fallbacksMatchTheRaster() {
        let (_, _, raster) = Self.chart()
        let cases: [[Impression]] = [
            [Self.dot(3.0, 2.5, d: 0.3)],                         // across the front/back edge
            [Self.dot(5.0, 0.5, d: 0.3)],                         // into the untreated cell
            [Self.dot(0.05, 2.0, d: 0.3)],                        // over the chart's left edge
            [Self.dot(1.5, 1.5, d: 0.3), Self.dot(1.6, 1.5, d: 0.3)],   // two overlapping discs
        ]
        for dots in cases {
            let overlapping = dots.count > 1 ? [true, true] : [false]
            let area = raster.coveredArea(dots, overlapping: overlapping)
            #expect(area == raster.coveredPixels(dots).map(Double.init), "\(dots.map { ($0.x, $0.y) })")
        }
    }

    @Test("against the all-raster count: each label within the summed rim bound, and within 10⁻³ on a plan-sized pattern (measured 0.3·10⁻³ at most)")
    func differenceFromTheRasterIsBounded() {
        // ~20 k dots of 0.125 mm at 110/cm² over 14 × 14 cm, three regions and untreated cells.
        let grid = ChartGrid(covering: 0, 0, 140, 140, cellSize: 1)
        var labels = [UInt8](repeating: 0, count: grid.count), values = [Float](repeating: 110, count: grid.count)
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                labels[r * grid.width + c] = UInt8(1 + (c / 47) % 3)
                if (r / 10 + c / 10) % 7 == 0 { values[r * grid.width + c] = 0 }
            }
        }
        let regions = RegionMap(grid: grid, labels: labels, names: ["a", "b", "c"])
        let target = ScalarField(grid: grid, values: values)
        let positions = placeSession(finalTarget: target, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                                     rule: SpacingRule(), seed: 7)
        let dots = positions.map { Self.dot($0.x, $0.y, d: 0.125) }
        #expect(dots.count > 15_000)
        let raster = CoverageRaster(grid: grid, pixelMM: Self.pixel, labels: labels, target: values, labelCount: 4)
        let painted = raster.coveredPixels(dots)
        let area = raster.coveredArea(dots, overlapping: [Bool](repeating: false, count: dots.count))
        // Rim bound per disc, in pixels: π((r + p/√2)² − r²) with r, p in pixels.
        let r = 0.0625 / Self.pixel, rim = Double.pi * ((r + 0.5.squareRoot()) * (r + 0.5.squareRoot()) - r * r)
        for l in 1...3 {
            let n = dots.filter { Int(regions.label(x: $0.x, y: $0.y)) == l }.count
            #expect(abs(area[l] - Double(painted[l])) <= Double(n) * rim)
            let relative = abs(area[l] - Double(painted[l])) / Double(painted[l])
            #expect(relative < 1e-3, "label \(l): \(relative)")
        }
        // The report's covered fraction is the exact-area one.
        let report = spacingMetrics(of: dots, regions: regions, target: target)
        let pixelCM2 = Self.pixel * Self.pixel / 100
        #expect(abs(report.all.coveredFraction - area.reduce(0, +) * pixelCM2 / report.all.treatedAreaCM2) < 1e-12)
    }

    @Test("close pairs from nearest-neighbour pruning = candidate pairs within reach from the cell walk")
    func closePairsMatchTheCellWalk() {
        var rng = SplitMix64(seed: 3)
        var points: [SIMD2<Double>] = []
        for i in 0..<3000 {
            let p = SIMD2(rng.nextUnit() * 60, rng.nextUnit() * 40)
            points.append(p)
            if i % 9 == 0 { points.append(p + SIMD2(rng.nextUnit() * 0.3, rng.nextUnit() * 0.3)) }   // a close partner
        }
        let index = NeighbourIndex(points)
        let nearest = (0..<points.count).map { index.nearestDistance(sortedIndex: $0) }
        for reach in [0.05, 0.2, 0.45, 1.5] {
            func within(_ s: Int, _ t: Int) -> Bool {
                let d = index.sorted[s] - index.sorted[t]
                return d.x * d.x + d.y * d.y < reach * reach
            }
            var walked: Set<[Int]> = [], pruned: Set<[Int]> = []
            index.forEachCandidatePair(reach: reach) { s, t in if within(s, t) { walked.insert([s, t]) } }
            index.forEachClosePair(reach: reach, nearest: nearest) { s, t in
                #expect(s < t)
                if within(s, t) { pruned.insert([s, t]) }
            }
            #expect(pruned == walked, "reach \(reach)")
            #expect(!walked.isEmpty)
        }
    }
}

/// The plain cell walk that the merge-pair search used before it skipped dots without a close
/// neighbour: the reference `forEachClosePair` is held to.
extension NeighbourIndex {
    /// Calls `body(s, t)` for every pair of sorted indices s < t whose cells lie within
    /// ceil(reach / cell) of each other (the caller tests the exact distance).
    func forEachCandidatePair(reach: Double, _ body: (Int, Int) -> Void) {
        let n = Int((reach * invCell).rounded(.up))
        for cy in 0..<height {
            for cx in 0..<width {
                let c = cy * width + cx
                let s0 = Int(start[c]), s1 = Int(start[c + 1])
                guard s0 < s1 else { continue }
                for y in max(0, cy - n)...min(height - 1, cy + n) {
                    for x in max(0, cx - n)...min(width - 1, cx + n) {
                        let o = y * width + x
                        guard o >= c else { continue }  // each cell pair once
                        for s in s0..<s1 {
                            for t in max(Int(start[o]), o == c ? s + 1 : 0)..<Int(start[o + 1]) { body(s, t) }
                        }
                    }
                }
            }
        }
    }
}
