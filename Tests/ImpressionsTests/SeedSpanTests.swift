import ScalpModel
import Support
import Testing
@testable import Impressions

/// The scan skips the seed test outside each background row's treated span (taking the seed's
/// draws all the same). That is only sound if no background cell outside the span touches a
/// treated chart cell, which is checked here cell by cell against the geometry.
@Suite("Seed spans cover every treated background cell")
struct SeedSpanTests {
    /// Treated blobs (discs of target) on an untreated chart, offset so the chart and background
    /// grids do not line up.
    static func target(seed: UInt64) -> ScalarField {
        var rng = SplitMix64(seed: seed)
        let grid = ChartGrid(minX: -37.3, minY: 11.9, cellSize: 1, width: 90, height: 70)
        var values = [Float](repeating: 0, count: grid.count)
        for _ in 0..<4 {
            let cx = grid.minX + rng.nextUnit() * 90, cy = grid.minY + rng.nextUnit() * 70, r = 4 + rng.nextUnit() * 14
            for row in 0..<grid.height {
                for c in 0..<grid.width {
                    let (x, y) = grid.center(column: c, row: row)
                    if (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r { values[row * grid.width + c] = Float(40 + 80 * rng.nextUnit()) }
                }
            }
        }
        return ScalarField(grid: grid, values: values)
    }

    @Test("no background cell outside its row's span overlaps a treated chart cell", arguments: [UInt64(1), 2, 3, 4])
    func spansCoverTreatedCells(seed: UInt64) throws {
        let target = Self.target(seed: seed)
        let chart = target.grid
        for fraction in [0.3, 1.0] {
            let radii = try #require(SessionRadii(target: target, fraction: fraction, rule: SpacingRule(), options: PoissonDiskOptions()))
            let bg = BackgroundGrid(minX: chart.minX, minY: chart.minY, maxX: chart.maxX, maxY: chart.maxY,
                                    cell: radii.minimum / 2.0.squareRoot(), reach: radii.maximum)
            let spans = SeedSpan.rows(of: bg, radii: radii)
            #expect(spans.count == bg.height)
            var treatedCells = 0
            for row in 0..<bg.height {
                for col in 0..<bg.width {
                    // The cell's rectangle, and every chart cell it overlaps.
                    let x0 = bg.minX + Double(col) * bg.cell, y0 = bg.minY + Double(row) * bg.cell
                    let c0 = Int(((x0 - chart.minX) / chart.cellSize).rounded(.down))
                    let c1 = Int(((x0 + bg.cell - chart.minX) / chart.cellSize).rounded(.down))
                    let r0 = Int(((y0 - chart.minY) / chart.cellSize).rounded(.down))
                    let r1 = Int(((y0 + bg.cell - chart.minY) / chart.cellSize).rounded(.down))
                    var treated = false
                    for r in max(0, r0)...min(chart.height - 1, r1) where r0 <= chart.height - 1 && r1 >= 0 {
                        for c in max(0, c0)...min(chart.width - 1, c1) where c0 <= chart.width - 1 && c1 >= 0 {
                            if radii.perCell[r * chart.width + c] > 0 { treated = true }
                        }
                    }
                    if treated {
                        treatedCells += 1
                        #expect(col >= spans[row].first && col <= spans[row].last, "row \(row) col \(col)")
                    }
                }
            }
            #expect(treatedCells > 1000)
            // The spans do skip something: untreated rows and row ends.
            let skipped = spans.reduce(0) { $0 + bg.width - max(0, min(bg.width - 1, $1.last) - max(0, $1.first) + 1) }
            #expect(skipped > bg.width * bg.height / 4)
        }
    }
}
