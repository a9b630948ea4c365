import ScalpModel
import Support

/// Variable-density Poisson-disk placement of one session's impressions (Bridson 2007,
/// background-grid accelerated, radius varying with the target field), followed by
/// per-block thinning of the new dots to the session's expected count (`BlockThinning`).
/// With `spreadEvenly == false` (random placement) the dots are placed by sequential
/// inhibition instead (`SequentialInhibition`), with the same invariant and block counts.
///
/// **Spacing invariant** (guaranteed, checked in tests): order all dots as existing dots first
/// (in any order), then the returned new dots in returned order. For every pair p before q,
/// `|p − q| ≥ rule.radiusMM(at q)`, with the radius taken from `finalTarget` at the chart cell
/// containing q. Consequently every pair, old or new, is at least `min(r(p), r(q))` apart, and
/// session N never violates the rule against sessions 1…N−1 (whatever spacing those had).
///
/// **Density**: after the session the cumulative count in each coarse block (`blockMM`) is the
/// block's expected count `fraction × Σ target × cell area`, stochastically rounded, unless the
/// Poisson-disk pass could not fit that many (floor too large, or existing dots already over
/// target there): then it is as many as fit. See `PoissonDiskOptions` for the calibration.
///
/// **Session radius**: candidates are tested against the larger radius
/// `r_s(x) = max(r_rule(x), min(cap, sqrt(ρ / (overshoot · fraction · λ(x)))))`, where ρ is the
/// packing density a saturated Bridson run reaches (dots per r²). Early, low-fraction sessions
/// thus get a wider, evenly spread pattern, and every session lands slightly above its target
/// so the thinning only removes. `cap = radiusCapRatio × min r_s` bounds the neighbourhood search
/// in very sparse (feathered) cells, where thinning does most of the work anyway.
///
/// **Disconnected areas**: instead of one start point, the background grid is scanned row by
/// row; every still-empty cell gets one random candidate, and each accepted candidate grows a
/// Bridson front until its active list empties. Every component (and every hole the fronts
/// left) is therefore seeded, deterministically.
///
/// **Determinism**: single-threaded, one `Xoshiro256StarStar` stream per phase, no libm
/// transcendental functions (directions by rejection sampling in the unit disc, `sqrt` only),
/// so a seed yields identical output on every platform.
public struct PoissonDiskOptions: Sendable, Hashable, Codable {
    /// Candidates tried around an active dot before it retires (Bridson's k).
    public var attemptsPerPoint: Int = 20
    /// Saturated density of this Bridson variant, dots per r²: measured 0.61 with k = 20 on an
    /// empty uniform field (0.59 with k = 10, 0.62 with k = 30; RSA jamming would be 0.70).
    public var packingDensity: Double = 0.61
    /// How far above the session target the Poisson-disk pass aims before thinning (1.25 = 25 %).
    /// Measured: with 1.15, filling the last 30 % among earlier sessions' dots fell 6 % short
    /// (gaps left by the earlier patterns pack worse); with 1.25 the whole 30/70/100 % sequence
    /// ends within 0.3 % of the target, the final session being limited by the rule radius itself.
    public var overshoot: Double = 1.25
    /// Side of the thinning blocks, mm (rounded to whole target cells, at least one).
    public var blockMM: Double = 5
    /// Largest session radius as a multiple of the smallest (search-cost bound; the rule radius
    /// is never capped).
    public var radiusCapRatio: Double = 3
    /// true (default): spread each session as evenly as its density allows, the way an
    /// experienced artist works. false: dots land at random, each at least the rule from every
    /// dot before it (a hard-core random pattern, as an untrained hand places them: simple
    /// sequential inhibition, `SequentialInhibition`); near pairs and merges become common.
    public var spreadEvenly: Bool = true
    /// `spreadEvenly == false`: candidates refused in a row before a block counts as full under
    /// the rule (the rule then allows fewer dots than the target there).
    public var randomAttemptsPerDot: Int = 200

    public init() {}
}

/// One session's placement with the numbers needed to judge it.
public struct SessionPlacement: Sendable {
    /// New dots only, in placement order (the order the spacing invariant refers to).
    public var positions: [SIMD2<Double>]
    /// New dots the Poisson-disk pass placed before thinning.
    public var placedBeforeThinning: Int
    /// Σ over blocks of max(0, expected cumulative − existing): what the session should add.
    public var expectedNew: Double
}

/// Places one session's new dots. See `PoissonDiskOptions` for the algorithm and guarantees.
/// - Parameters:
///   - finalTarget: design target, impressions/cm² (the 100 % density); ≤ 0 = untreated.
///   - fractionOfTarget: cumulative fraction reached after this session (e.g. 0.3, 0.7, 1.0).
///   - existing: dots of earlier sessions (chart mm); never moved, never violated.
/// - Returns: positions of the new dots only.
public func placeSession(finalTarget: ScalarField, fractionOfTarget: Double,
                         existing: [SIMD2<Double>], rule: SpacingRule, seed: UInt64,
                         options: PoissonDiskOptions = PoissonDiskOptions()) -> [SIMD2<Double>] {
    placeSessionDetailed(finalTarget: finalTarget, fractionOfTarget: fractionOfTarget,
                         existing: existing, rule: rule, seed: seed, options: options).positions
}

/// `placeSession` taking earlier sessions' impressions directly.
public func placeSession(finalTarget: ScalarField, fractionOfTarget: Double,
                         existing: [Impression], rule: SpacingRule, seed: UInt64,
                         options: PoissonDiskOptions = PoissonDiskOptions()) -> [SIMD2<Double>] {
    placeSession(finalTarget: finalTarget, fractionOfTarget: fractionOfTarget,
                 existing: existing.map { SIMD2($0.x, $0.y) }, rule: rule, seed: seed, options: options)
}

/// `placeSession` returning diagnostics (pre-thinning count, expected new count) as well.
public func placeSessionDetailed(finalTarget: ScalarField, fractionOfTarget: Double,
                                 existing: [SIMD2<Double>], rule: SpacingRule, seed: UInt64,
                                 options: PoissonDiskOptions = PoissonDiskOptions()) -> SessionPlacement {
    precondition(fractionOfTarget.isFinite && fractionOfTarget >= 0, "fraction must be ≥ 0")
    precondition(options.attemptsPerPoint > 0 && options.packingDensity > 0 && options.overshoot > 0)
    let grid = finalTarget.grid
    guard fractionOfTarget > 0,
          let radii = SessionRadii(target: finalTarget, fraction: fractionOfTarget, rule: rule, options: options)
    else { return SessionPlacement(positions: [], placedBeforeThinning: 0, expectedNew: 0) }
    if !options.spreadEvenly {
        // Not spreading, the session radius is the rule's in every treated cell.
        var rng = Xoshiro256StarStar.stream(seed: seed, 3)
        let fill = SequentialInhibition(target: finalTarget, radii: radii, blockMM: options.blockMM, attemptsPerDot: options.randomAttemptsPerDot)
            .place(fraction: fractionOfTarget, existing: existing, rng: &rng)
        return SessionPlacement(positions: fill.positions, placedBeforeThinning: fill.positions.count, expectedNew: fill.expectedNew)
    }

    var bg = BackgroundGrid(minX: grid.minX, minY: grid.minY, maxX: grid.maxX, maxY: grid.maxY,
                            cell: radii.minimum / 2.0.squareRoot(), reach: radii.maximum)
    bg.insertExisting(existing, reach: radii.maximum)
    var rng = Xoshiro256StarStar.stream(seed: seed, 1)
    let placed = bridsonFill(&bg, radii: radii, attempts: options.attemptsPerPoint, rng: &rng)
    var thinRNG = Xoshiro256StarStar.stream(seed: seed, 2)
    let thinned = BlockThinning(grid: grid, blockMM: options.blockMM)
        .thin(placed, existing: existing, target: finalTarget, fraction: fractionOfTarget, rng: &thinRNG)
    return SessionPlacement(positions: thinned.kept, placedBeforeThinning: placed.count,
                            expectedNew: thinned.expectedNew)
}

/// Session radius per target cell (0 = untreated), with its extremes.
struct SessionRadii {
    let grid: ChartGrid
    let perCell: [Double]
    let minimum: Double
    let maximum: Double

    init?(target: ScalarField, fraction: Double, rule: SpacingRule, options: PoissonDiskOptions) {
        grid = target.grid
        var wanted = [Double](repeating: 0, count: grid.count)
        var rule_ = [Double](repeating: 0, count: grid.count)
        var lo = Double.infinity
        for (i, t) in target.values.enumerated() where t > 0 {
            let lambda = Double(t) / 100   // dots per mm²
            rule_[i] = rule.radiusMM(targetPerCM2: Double(t))
            wanted[i] = options.spreadEvenly
                ? max(rule_[i], (options.packingDensity / (options.overshoot * fraction * lambda)).squareRoot())
                : rule_[i]
            lo = min(lo, wanted[i])
        }
        guard lo.isFinite else { return nil }
        let cap = lo * max(1, options.radiusCapRatio)
        var hi = 0.0
        for i in wanted.indices where wanted[i] > 0 {
            wanted[i] = max(rule_[i], min(cap, wanted[i]))
            hi = max(hi, wanted[i])
        }
        perCell = wanted
        minimum = lo
        maximum = hi
    }

    /// Radius at q, 0 outside the grid or untreated.
    @inline(__always)
    func at(_ q: SIMD2<Double>) -> Double {
        guard let i = grid.index(x: q.x, y: q.y) else { return 0 }
        return perCell[i]
    }
}
