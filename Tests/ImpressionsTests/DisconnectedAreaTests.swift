import Testing
import ScalpModel
@testable import Impressions

@Suite("Disconnected treatment areas")
struct DisconnectedAreaTests {
    @Test("every island, however small, receives dots in proportion to its area")
    func islands() {
        // Three islands separated by untreated gaps far wider than any search radius:
        // 10×10 mm, 5×5 mm, and a 2×2 mm speck (expected ≈ 4.4 dots at 110 /cm²).
        let grid = ChartGrid(covering: 0, 0, 60, 20, cellSize: 1)
        var values = [Float](repeating: 0, count: grid.count)
        let islands = [(0, 0, 10, 10), (30, 5, 35, 10), (55, 15, 57, 17)]
        for (x0, y0, x1, y1) in islands {
            for r in y0..<y1 { for c in x0..<x1 { values[r * grid.width + c] = 110 } }
        }
        let target = ScalarField(grid: grid, values: values)
        let dots = placeSession(finalTarget: target, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                                rule: SpacingRule(), seed: 3)
        for (x0, y0, x1, y1) in islands {
            let inside = dots.filter {
                $0.x >= Double(x0) && $0.x < Double(x1) && $0.y >= Double(y0) && $0.y < Double(y1)
            }.count
            let expected = 1.1 * Double((x1 - x0) * (y1 - y0))
            #expect(inside >= 1)
            #expect(abs(Double(inside) - expected) <= max(2, 0.1 * expected), "island \(x0),\(y0): \(inside) vs \(expected)")
        }
        #expect(dots.allSatisfy { target.value(x: $0.x, y: $0.y) > 0 })
    }
}
