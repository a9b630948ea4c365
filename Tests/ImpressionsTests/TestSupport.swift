import ScalpModel
@testable import Impressions

/// Shared fixtures and checkers for the Impressions tests.
enum Fixtures {
    /// A square chart `side` mm wide with the same target everywhere.
    static func uniform(side: Double, perCM2: Float, cell: Double = 1) -> ScalarField {
        ScalarField(grid: ChartGrid(covering: 0, 0, side, side, cellSize: cell), repeating: perCM2)
    }

    /// Target rising linearly in x from `low` to `high` /cm² over `width` mm (a feathered,
    /// partially bald transition), constant in y.
    static func ramp(width: Double, height: Double, low: Float, high: Float, cell: Double = 1) -> ScalarField {
        let grid = ChartGrid(covering: 0, 0, width, height, cellSize: cell)
        var values = [Float](repeating: 0, count: grid.count)
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                let x = grid.center(column: c, row: r).x
                values[r * grid.width + c] = low + (high - low) * Float(x / width)
            }
        }
        return ScalarField(grid: grid, values: values)
    }

    /// Expected dot count over cells satisfying `include`: Σ fraction × target × cell area.
    static func expectedCount(_ target: ScalarField, fraction: Double,
                              where include: (Double, Double) -> Bool = { _, _ in true }) -> Double {
        var sum = 0.0
        for r in 0..<target.grid.height {
            for c in 0..<target.grid.width {
                let (x, y) = target.grid.center(column: c, row: r)
                if include(x, y) { sum += Double(target.values[r * target.grid.width + c]) }
            }
        }
        return sum * fraction * target.grid.cellAreaCM2
    }
}

enum SpacingCheck {
    /// Brute force over all ordered pairs: the number of (earlier p, later q) with
    /// |p − q| < r_rule(q). The sampler's invariant says this is zero.
    static func orderedViolations(_ dots: [SIMD2<Double>], target: ScalarField, rule: SpacingRule) -> Int {
        var bad = 0
        for j in dots.indices {
            guard let r = rule.radiusMM(x: dots[j].x, y: dots[j].y, finalTarget: target) else { bad += 1; continue }
            for i in 0..<j {
                let d = dots[i] - dots[j]
                if d.x * d.x + d.y * d.y < r * r { bad += 1 }
            }
        }
        return bad
    }

    /// Number of unordered pairs closer than min(r(p), r(q)).
    static func symmetricViolations(_ dots: [SIMD2<Double>], target: ScalarField, rule: SpacingRule) -> Int {
        let radii = dots.map { rule.radiusMM(x: $0.x, y: $0.y, finalTarget: target) ?? .infinity }
        var bad = 0
        for j in dots.indices {
            for i in 0..<j {
                let d = dots[i] - dots[j], r = min(radii[i], radii[j])
                if d.x * d.x + d.y * d.y < r * r { bad += 1 }
            }
        }
        return bad
    }
}

/// Runs sessions in order, feeding each the dots of the earlier ones; returns all dots in order
/// and the cumulative count after each session.
func layeredSessions(_ target: ScalarField, fractions: [Double], rule: SpacingRule = SpacingRule(),
                     seed: UInt64, options: PoissonDiskOptions = PoissonDiskOptions()) -> (dots: [SIMD2<Double>], cumulative: [[SIMD2<Double>]]) {
    var all: [SIMD2<Double>] = []
    var stages: [[SIMD2<Double>]] = []
    for (k, f) in fractions.enumerated() {
        all += placeSession(finalTarget: target, fractionOfTarget: f, existing: all, rule: rule,
                            seed: seed &+ UInt64(k), options: options)
        stages.append(all)
    }
    return (all, stages)
}
