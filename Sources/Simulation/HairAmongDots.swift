import Impressions
import ScalpModel
import Support

/// The hair a diffuse-thinning client (Ludwig, Savin) still has in the treated region, as
/// points, and the targets that make impressions fill the gaps between them.
///
/// Perceived density is counted in "dots": a shaved follicular unit reads as one dot, as an
/// impression is made to (**assumption**, the premise of SMP; Data/SOURCES.md), so remaining hair
/// is `residual × native hairs/cm² ÷ hairs per unit` dots/cm². Where hair remains, the plan's
/// design density is the perceived density to reach, and impressions make up the shortfall:
///
///     shortfall = max(0, design − hair) × treatment        (the impressions target)
///     perceived = hair + shortfall                          (what the finished work shows)
///
/// Follicles are generated once per plan from the hair density and the plan's seed, with the
/// same sampler as the dots (a hard-core random pattern, `spreadEvenly = false`, spacing factor
/// `follicleSpacingFactor`), only in treated cells (shortfall > 0). Each session then places
/// its dots with the follicles and earlier dots as existing points, against the per-session
/// target `hair + fraction × shortfall` at fraction 1: the sampler's block thinning counts the
/// follicles, so each session adds `fraction` of the shortfall, and its spacing radius, taken
/// from that target (≤ perceived), keeps every dot at least the design spacing rule
/// `factor / √perceived` from every follicle and every earlier dot.
///
/// Known limit: follicles outside the treated cells (full hair beyond the soft edge of the
/// thinning region, where the shortfall tends to 0) are not generated, so the rule is not
/// enforced against them; the previews draw them as lattice stubble.
public struct HairAmongDots: Sendable {
    /// Shaved follicular units in treated cells, chart mm, in generation order.
    public let follicles: [SIMD2<Double>]
    /// Perceived density of the remaining hair, units/cm², on treated cells (0 elsewhere).
    public let hairDensity: ScalarField
    /// The impressions target, per cm²: the shortfall against the design density.
    public let shortfall: ScalarField
    /// hair + shortfall on treated cells: the perceived density the finished work should reach;
    /// the spacing rule of a thinning plan is evaluated on it.
    public let perceivedTarget: ScalarField
    /// Follicular units per cm² of the client's native hair.
    public let nativeUnitsPerCM2: Double

    /// Spacing factor of the follicle pattern: follicular units are irregular but never on top
    /// of each other, modelled as a hard-core pattern 0.5 × mean spacing apart (**assumption**;
    /// dots use 0.7 and an even spread, so the two patterns differ in the previews as they do on
    /// a real scalp).
    public static let follicleSpacingFactor = 0.5

    public init(scalp: ScalpMap, designPerCM2: Double, nativeHairDensity: Double, hairsPerUnit: Double, seed: UInt64) {
        nativeUnitsPerCM2 = nativeHairDensity / hairsPerUnit
        let grid = scalp.grid
        shortfall = scalp.shortfallDensity(designPerCM2: designPerCM2, hairUnitsPerCM2: nativeUnitsPerCM2)
        var hair = [Float](repeating: 0, count: grid.count), perceived = hair
        for i in 0..<grid.count where shortfall.values[i] > 0 {
            hair[i] = scalp.residualHair.values[i] * Float(nativeUnitsPerCM2)
            perceived[i] = hair[i] + shortfall.values[i]
        }
        hairDensity = ScalarField(grid: grid, values: hair)
        perceivedTarget = ScalarField(grid: grid, values: perceived)
        var options = PoissonDiskOptions()
        options.spreadEvenly = false
        follicles = placeSessionDetailed(finalTarget: hairDensity, fractionOfTarget: 1, existing: [],
                                         rule: SpacingRule(factor: Self.follicleSpacingFactor), seed: seed,
                                         options: options).positions
    }

    /// The target handed to the sampler (at fraction 1) for a session that brings the work to
    /// `fraction` of the shortfall: hair + fraction × shortfall on treated cells.
    public func sessionTarget(fraction: Double) -> ScalarField {
        let f = Float(fraction)
        var values = [Float](repeating: 0, count: shortfall.values.count)
        for i in values.indices where shortfall.values[i] > 0 { values[i] = hairDensity.values[i] + f * shortfall.values[i] }
        return ScalarField(grid: shortfall.grid, values: values)
    }

    /// Hair and dots per cm² over the treated cells, or over the cells where `within` is true.
    public func perceived(dots: [Impression], within: ((Int) -> Bool)? = nil) -> PerceivedDensity {
        let grid = shortfall.grid
        var inside = [Bool](repeating: false, count: grid.count)
        var cells = 0, target = 0.0
        for i in 0..<grid.count where shortfall.values[i] > 0 && (within?(i) ?? true) {
            inside[i] = true; cells += 1; target += Double(perceivedTarget.values[i])
        }
        func count(_ points: some Sequence<SIMD2<Double>>) -> Int {
            points.reduce(0) { n, p in grid.index(x: p.x, y: p.y).map { inside[$0] } == true ? n + 1 : n }
        }
        let area = Double(cells) * grid.cellAreaCM2
        guard area > 0 else { return PerceivedDensity(treatedAreaCM2: 0, hairPerCM2: 0, dotsPerCM2: 0, targetPerCM2: 0) }
        return PerceivedDensity(treatedAreaCM2: area,
                                hairPerCM2: Double(count(follicles)) / area,
                                dotsPerCM2: Double(count(dots.lazy.map { SIMD2($0.x, $0.y) })) / area,
                                targetPerCM2: target / Double(cells))
    }
}

/// Hair and impressions per cm² over a thinning plan's treated area.
public struct PerceivedDensity: Sendable, Hashable, Codable {
    public var treatedAreaCM2: Double
    /// Remaining shaved follicular units per cm².
    public var hairPerCM2: Double
    /// Impressions per cm².
    public var dotsPerCM2: Double
    /// Mean perceived target (hair + shortfall) over the area, per cm².
    public var targetPerCM2: Double
    /// What the eye counts: hair + dots per cm².
    public var perceivedPerCM2: Double { hairPerCM2 + dotsPerCM2 }
    /// perceived ÷ target (1 = the design density reached).
    public var fractionOfTarget: Double { targetPerCM2 > 0 ? perceivedPerCM2 / targetPerCM2 : 0 }
}
