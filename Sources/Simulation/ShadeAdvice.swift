import Fading
import Foundation
import Plans
import SkinOptics
import Support

/// The shade `stipple color solve`, `stipple init --hair` and the review's colour fixes
/// recommend: `ColourSolver` with the fade outlook in its objective, judged by the review's own
/// colour and fading thresholds, so advice the tool gives passes the tool's review.
///
/// When no choice passes (hair much lighter than any pigment in this skin can look: very
/// light, grey or white hair), `passes` is false and `explanation` says why in one sentence;
/// the best compromise is still returned.
public struct ShadeAdvice: Sendable {
    /// Every pigment's best choice, best first.
    public let answers: [ColourSolution]
    public var best: ColourSolution { answers[0] }
    public let criteria: ColourCriteria
    public let passes: Bool
    /// Why nothing passes (nil when the best passes).
    public let explanation: String?
    public let horizonDays: Double

    /// Default horizon, days after healing (**assumption**: the review warns of a touch-up due
    /// within 730 days, `Data/review/rules.json` `fading.minTouchUpDays`).
    public static let defaultHorizonDays = 730.0

    /// `fading`: the fade model and sun exposure to look ahead with (a plan's `fading:`; the
    /// defaults are the plan defaults). `horizonDays` 0 solves for the healed colour alone.
    public init(skin: SkinModel, skinName: String, pigments: [Pigment], hair: Lab, hairLabel: String,
                depthRange: ClosedRange<Double>, doseMgPerCm2: Double = PigmentedSkin.meanDoseMgPerCm2,
                fadeLibrary: FadeLibrary, fading: Plan.Fading = Plan.Fading(), touchUp: Plan.TouchUp = Plan.TouchUp(),
                rules: ReviewRules, horizonDays: Double = ShadeAdvice.defaultHorizonDays) throws(SimulationError) {
        let outlook: ColourOutlook?
        if horizonDays > 0 {
            let setup: FadeSetup
            do { setup = try fadeLibrary.setup(model: fading.model, overrides: fading.parameters) } catch {
                throw .colour("fade model \(fading.model.name): \(error)")
            }
            let sun = fading.sunExposure
            outlook = ColourOutlook(horizonDays: horizonDays, maxDriftDeltaE00: touchUp.maxDeltaE00) { pigment, depth in
                guard let implant = try? FadeTimeline.Implant(model: setup, depthMM: depth, sunExposure: sun),
                      let state = try? implant.state(atDay: horizonDays) else { return nil }
                return (state.remaining(for: pigment), state.depthMM)
            }
        } else {
            outlook = nil
        }
        let solver: ColourSolver
        do {
            solver = try ColourSolver(skin: skin, pigments: pigments, depthRange: depthRange, doseMgPerCm2: doseMgPerCm2, outlook: outlook)
        } catch { throw .colour(error.description) }
        answers = solver.solve(target: hair)
        criteria = ColourCriteria(targetL: hair.L, maxDeltaE00ToTarget: rules.colour.maxDeltaE00ToHair,
                                  maxLightnessDifference: rules.colour.maxLightnessDifference,
                                  maxDriftDeltaE00: horizonDays > 0 ? touchUp.maxDeltaE00 : .infinity)
        self.horizonDays = horizonDays
        let best = answers[0]
        passes = best.passes(criteria)
        explanation = passes ? nil : Self.explain(best, hair: hair, hairLabel: hairLabel, skinName: skinName, skinL: skin.lab.L,
                                                  depthRange: depthRange, criteria: criteria, horizonDays: horizonDays)
    }

    /// One plain sentence on why the closest choice still fails the review's thresholds.
    static func explain(_ best: ColourSolution, hair: Lab, hairLabel: String, skinName: String, skinL: Double,
                        depthRange: ClosedRange<Double>, criteria c: ColourCriteria, horizonDays: Double) -> String {
        func n(_ x: Double, _ d: Int = 1) -> String { FixedDecimal.string(x, decimals: d) }
        var reasons: [String] = []
        if best.deltaE00ToTarget > c.maxDeltaE00ToTarget || abs(best.lab.L - hair.L) > c.maxLightnessDifference {
            reasons.append("its closest shade heals at L* \(n(best.lab.L)), ΔE00 \(n(best.deltaE00ToTarget)) from the hair (limits ΔE00 \(n(c.maxDeltaE00ToTarget)), \(n(c.maxLightnessDifference, 0)) L*)")
        }
        if let drift = best.driftDeltaE00, drift >= c.maxDriftDeltaE00 {
            reasons.append("a shade that light drifts ΔE00 \(n(drift)) from its healed colour within \(n(horizonDays / 365.25)) years (touch-up at \(n(c.maxDriftDeltaE00)))")
        }
        let lighter = hair.L > skinL - c.maxLightnessDifference
            ? "the hair (L* \(n(hair.L))) is about as light as the skin (L* \(n(skinL))) or lighter, and SMP pigment only darkens skin"
            : "the hair (L* \(n(hair.L))) is lighter than diluted pigment in this skin can look and still hold its colour"
        return "no pigment, dilution and needle depth in \(n(depthRange.lowerBound, 2))–\(n(depthRange.upperBound, 2)) mm passes the review for \(hairLabel) hair on \(skinName): "
            + "\(lighter); \(reasons.joined(separator: "; ")). SMP imitates shaved dark hair; for very light, grey or white hair expect a subtle shade that needs touching up early, and say so to the client"
    }
}
