import Support
import Testing
import ScalpModel
@testable import Impressions

/// Closed-form cases for the spacing metrics.
@Suite("Spacing metrics")
struct SpacingMetricsTests {
    /// 20×20 mm chart, 1 mm cells, left half "left", right half "right", all treated at 100/cm².
    static func chart() -> (RegionMap, ScalarField) {
        let grid = ChartGrid(covering: 0, 0, 20, 20, cellSize: 1)
        let labels = (0..<grid.count).map { UInt8($0 % 20 < 10 ? 1 : 2) }
        return (RegionMap(grid: grid, labels: labels, names: ["left", "right"]), ScalarField(grid: grid, repeating: 100))
    }

    static func dot(_ x: Double, _ y: Double, d: Float = 0.1) -> Impression {
        Impression(x: x, y: y, diameterMM: d, depthMM: 0.6, session: 1)
    }

    @Test("square lattice: NN = spacing, Clark–Evans R = 2, regions split evenly")
    func squareLattice() {
        let (regions, target) = Self.chart()
        let dots = (0..<400).map { Self.dot(0.5 + Double($0 % 20), 0.5 + Double($0 / 20)) }
        let report = spacingMetrics(of: dots, regions: regions, target: target)
        for m in [report.all] + report.regions {
            #expect(m.nearestNeighbourMeanMM == 1 && m.nearestNeighbourMinMM == 1 && m.nearestNeighbourP5MM == 1)
            #expect(abs(m.clarkEvansR! - 2) < 1e-12)  // λ = 1/mm²: R = 1 / (0.5 / 1)
            #expect(m.mergePairs == 0)
            #expect(abs(m.impressionsPerCM2 - 100) < 1e-9 && abs(m.meanTargetPerCM2 - 100) < 1e-9)
        }
        #expect(report.regions.map(\.impressions) == [200, 200])
        #expect(report.regions.map(\.treatedAreaCM2) == [2, 2] && report.all.regionAreaCM2 == 4)
        // Boolean model: 1 − exp(−λ π r̄²) with λ = 1/mm², r̄ = 0.05 mm.
        #expect(abs(report.all.booleanModelCoverage - 0.007823218984218943) < 1e-8)  // 1 − e^(−π/400); r̄ is stored as Float
        // Disjoint discs: covered fraction = n π r² / area = π · 0.0025 within rasterisation error.
        #expect(abs(report.all.coveredFraction / (Double.pi * 0.0025) - 1) < 0.03)
    }

    @Test("hexagonal lattice: every NN distance equals the spacing")
    func hexLattice() {
        let a = 0.8, rowH = a * 3.0.squareRoot() / 2
        var dots: [Impression] = []
        for row in 0..<20 { for col in 0..<20 {
            dots.append(Self.dot(1 + Double(col) * a + (row % 2 == 0 ? 0 : a / 2), 1 + Double(row) * rowH))
        } }
        let nn = nearestNeighbourDistances(dots)
        #expect(nn.allSatisfy { abs(Double($0) - a) < 1e-6 })
        let (regions, target) = Self.chart()
        let m = spacingMetrics(of: dots, regions: regions, target: target).all
        #expect(abs(m.nearestNeighbourMinMM! - a) < 1e-6 && abs(m.nearestNeighbourMeanMM! - a) < 1e-6)  // Float storage
    }

    @Test("merge pairs: hand-placed dots, gap, and attribution to the first dot's region")
    func mergePairs() {
        let (regions, target) = Self.chart()
        // r = 0.1 each. A–B 0.15 apart (merge), B–C 0.35 (merge only with gap ≥ 0.15),
        // E (right) listed before D (left), 0.1 apart across the boundary: attributed to "right".
        let dots = [Self.dot(5, 5, d: 0.2), Self.dot(5.15, 5, d: 0.2), Self.dot(5.5, 5, d: 0.2),
                    Self.dot(10.05, 15, d: 0.2), Self.dot(9.95, 15, d: 0.2)]
        let plain = spacingMetrics(of: dots, regions: regions, target: target)
        #expect(plain.all.mergePairs == 2)
        #expect(plain.regions.map(\.mergePairs) == [1, 1])
        let gapped = spacingMetrics(of: dots, regions: regions, target: target, options: .init(mergeGapMM: 0.2))
        #expect(gapped.all.mergePairs == 3)  // B–C (0.35 < 0.4); A–C 0.5 is not
        #expect(gapped.regions.map(\.mergePairs) == [2, 1])
        // NN is searched among all dots: D's neighbour is E in the other region.
        #expect(abs(plain.regions[0].nearestNeighbourMinMM! - 0.1) < 1e-6)
    }

    @Test("covered fraction of one disc ≈ π r² / treated area")
    func singleDisc() {
        let (regions, target) = Self.chart()
        let m = spacingMetrics(of: [Self.dot(3.3, 7.7, d: 1)], regions: regions, target: target)
        let exact = Double.pi * 0.25 / 400
        #expect(abs(m.all.coveredFraction / exact - 1) < 0.01)
        #expect(abs(m.regions[0].coveredFraction / (Double.pi * 0.25 / 200) - 1) < 0.01)
        #expect(m.regions[1].coveredFraction == 0 && m.regions[1].nearestNeighbourMeanMM == nil)
        #expect(m.all.nearestNeighbourMeanMM == nil)  // a lone dot has no neighbour
    }

    @Test("untreated cells are excluded from coverage and density")
    func untreated() {
        let (regions, full) = Self.chart()
        var target = full
        for i in 0..<target.values.count where i % 20 < 10 { target.values[i] = 0 }  // left untreated
        // A disc straddling the boundary: only the right half counts.
        let m = spacingMetrics(of: [Self.dot(10, 10, d: 1)], regions: regions, target: target)
        #expect(m.all.treatedAreaCM2 == 2 && m.regions[0].treatedAreaCM2 == 0 && m.regions[0].regionAreaCM2 == 2)
        #expect(abs(m.all.coveredFraction / (Double.pi * 0.25 / 2 / 200) - 1) < 0.02)
        #expect(m.regions[1].impressions == 1 && m.regions[1].impressionsPerCM2 == 0.5)
    }

    @Test("grid NN and merge counts agree with brute force on random points")
    func bruteForce() {
        var rng = Xoshiro256StarStar(seed: 77)
        let dots = (0..<600).map { _ in
            Self.dot(20 * rng.nextUnit(), 20 * rng.nextUnit(), d: Float(0.1 + 0.4 * rng.nextUnit()))
        }
        let nn = nearestNeighbourDistances(dots)
        var merges = 0
        for i in dots.indices {
            var best = Double.infinity
            for j in dots.indices where j != i {
                let d = ((dots[i].x - dots[j].x) * (dots[i].x - dots[j].x) + (dots[i].y - dots[j].y) * (dots[i].y - dots[j].y)).squareRoot()
                best = min(best, d)
                if j > i, d < Double(dots[i].diameterMM + dots[j].diameterMM) / 2 { merges += 1 }
            }
            #expect(nn[i] == Float(best))
        }
        let (regions, target) = Self.chart()
        #expect(merges > 0)
        #expect(spacingMetrics(of: dots, regions: regions, target: target).all.mergePairs == merges)
    }
}
