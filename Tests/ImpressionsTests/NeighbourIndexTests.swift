import Support
import Testing
@testable import Impressions

/// `NeighbourIndex.nearestDistance` scans the 3 × 3 block of cells first and wider rings only
/// when needed; it must return exactly the brute-force nearest distance (the same minimum of
/// the same squared distances).
@Suite("Neighbour index: nearest distances equal brute force")
struct NeighbourIndexTests {
    static func bruteForce(_ points: [SIMD2<Double>], _ i: Int) -> Double {
        var best2 = Double.infinity
        for (j, p) in points.enumerated() where j != i {
            let d = p - points[i]
            best2 = min(best2, d.x * d.x + d.y * d.y)
        }
        return best2.squareRoot()
    }

    static func check(_ points: [SIMD2<Double>], cellSize: Double? = nil, _ label: String) {
        let index = NeighbourIndex(points, cellSize: cellSize)
        var mismatches = 0
        for s in 0..<points.count {
            let ours = index.nearestDistance(sortedIndex: s)
            let expected = bruteForce(points, Int(index.order[s]))
            if ours.bitPattern != expected.bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(label): \(mismatches) of \(points.count) differ")
    }

    @Test("uniform, clustered, gridded, duplicated, lonely and thin point sets, with default and forced cell sizes")
    func matchesBruteForce() {
        var rng = SplitMix64(seed: 2016)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        for n in [1, 2, 3, 10, 500, 2000] {
            let points = (0..<n).map { _ in SIMD2(uniform() * 100, uniform() * 60) }
            Self.check(points, "uniform \(n)")
            Self.check(points, cellSize: 0.3, "uniform \(n), small cells")
            Self.check(points, cellSize: 40, "uniform \(n), large cells")
        }
        // A few tight clusters far apart: wide rings are needed from the lone points.
        var clustered: [SIMD2<Double>] = []
        for c in 0..<5 {
            let centre = SIMD2(Double(c) * 200, Double(c % 2) * 150)
            for _ in 0..<100 { clustered.append(centre + SIMD2(uniform(), uniform())) }
        }
        clustered += [SIMD2(500, 500), SIMD2(-300, 40)]
        Self.check(clustered, "clusters")
        // An exact lattice (ties on cell borders) and duplicates (distance 0).
        let lattice = (0..<900).map { SIMD2(Double($0 % 30) * 0.7, Double($0 / 30) * 0.7) }
        Self.check(lattice, "lattice")
        Self.check(lattice, cellSize: 0.7, "lattice on cell borders")
        Self.check(lattice + lattice.prefix(50), "duplicates")
        // Degenerate extents: a line, a single repeated point.
        Self.check((0..<300).map { SIMD2(Double($0) * 0.37, 5) }, "horizontal line")
        Self.check((0..<300).map { _ in SIMD2(2, uniform() * 1000) }, "vertical scatter")
        Self.check([SIMD2](repeating: SIMD2(1, 1), count: 5), "one point five times")
    }

    @Test("a lone point has no neighbour")
    func lonePoint() {
        #expect(NeighbourIndex([SIMD2(3, 4)]).nearestDistance(sortedIndex: 0) == .infinity)
        #expect(NeighbourIndex([SIMD2(0, 0), SIMD2(3, 4)]).nearestDistance(sortedIndex: 1) == 5)
    }
}
