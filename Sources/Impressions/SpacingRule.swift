import ScalpModel

/// The minimum centre-to-centre spacing a plan allows between impressions.
///
/// The local spacing is `r(x) = max(floorMM, factor / sqrt(λ(x)))`, where `λ(x)` is the
/// **final** design target at `x` in dots/mm² (target per cm² ÷ 100). Tying the rule to the
/// final target (not to the session's fraction of it) keeps one rule across all sessions, so
/// session N can be checked against the dots of sessions 1…N−1 without knowing their fractions.
///
/// `r` is evaluated at the chart cell containing `x` (piecewise constant, like the target).
/// Cells with target ≤ 0 are untreated: no dot is ever placed there.
///
/// Invariant kept by `placeSession` (see there): for any two dots p placed before q,
/// `|p − q| ≥ r(q)`; hence every pair satisfies `|p − q| ≥ min(r(p), r(q))`.
public struct SpacingRule: Sendable, Hashable, Codable {
    /// Dimensionless; `factor / sqrt(λ)` is the spacing as a fraction of the mean spacing `1/sqrt(λ)`.
    ///
    /// Default 0.7: a maximal Poisson-disk set of radius r holds about 0.65–0.70 / r² dots
    /// (random sequential adsorption jamming limit 0.547 for discs of diameter r), so with
    /// r = 0.7 / sqrt(λ) the saturated density is ≈ 1.35 λ: the full target is reachable with
    /// room for the layered sessions, while no two dots come closer than 70 % of the mean spacing
    /// (≈ 0.67 mm at 110 /cm²).
    public var factor: Double
    /// Absolute lower bound on spacing from the plan, mm; 0 = none. If it exceeds what the target
    /// needs, fewer dots fit than the target asks for: the sampler places what fits and the
    /// metrics show the shortfall.
    public var floorMM: Double

    public static let defaultFactor = 0.7

    public init(factor: Double = SpacingRule.defaultFactor, floorMM: Double = 0) {
        precondition(factor > 0 && floorMM >= 0, "spacing factor must be > 0 and floor ≥ 0")
        self.factor = factor
        self.floorMM = floorMM
    }

    /// Spacing in mm for a final target in impressions/cm² (> 0). Uses only `sqrt`
    /// (correctly rounded in IEEE 754), so it is the same on every platform.
    @inlinable
    public func radiusMM(targetPerCM2: Double) -> Double {
        max(floorMM, factor / (targetPerCM2 / 100).squareRoot())
    }

    /// Spacing at chart point (x, y) for the given final target field; nil where untreated.
    public func radiusMM(x: Double, y: Double, finalTarget: ScalarField) -> Double? {
        let t = Double(finalTarget.value(x: x, y: y))
        return t > 0 ? radiusMM(targetPerCM2: t) : nil
    }
}
