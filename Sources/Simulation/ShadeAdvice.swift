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
    /// Drift and contrast loss are kept this far inside the touch-up thresholds (**assumption**:
    /// room for the first layer, placed weeks before the last, and for the mix of layers).
    public static let margin = 0.9

    /// `fading`: the fade model and sun exposure to look ahead with (a plan's `fading:`; the
    /// defaults are the plan defaults). `horizonDays` 0 solves for the healed colour alone.
    /// `doseMgPerCm2`: the undiluted dose once healed (default: the mean injected dose less the
    /// fade library's early loss, the dose a plan's healed colours use).
    public init(skin: SkinModel, skinName: String, pigments: [Pigment], hair: Lab, hairLabel: String,
                depthRange: ClosedRange<Double>, doseMgPerCm2: Double? = nil,
                fadeLibrary: FadeLibrary, fading: Plan.Fading = Plan.Fading(), touchUp: Plan.TouchUp = Plan.TouchUp(),
                rules: ReviewRules, horizonDays: Double = ShadeAdvice.defaultHorizonDays) throws(SimulationError) {
        let doseMgPerCm2 = doseMgPerCm2 ?? fadeLibrary.healing.healed(injected: PigmentedSkin.meanDoseMgPerCm2)
        let outlook: ColourOutlook?
        if horizonDays > 0 {
            let setup: FadeSetup
            do { setup = try fadeLibrary.setup(model: fading.model, overrides: fading.parameters) } catch {
                throw .colour("fade model \(fading.model.name): \(error)")
            }
            let sun = fading.sunExposure
            outlook = ColourOutlook(horizonDays: horizonDays, maxDriftDeltaE00: touchUp.maxDeltaE00,
                                    minVisibility: touchUp.minPerceivedFraction, layers: ReviewFixes.dilutionLadder(1, sessions: 3),
                                    margin: Self.margin, maxLightnessDifference: rules.colour.maxLightnessDifference) { pigment, depth in
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
                                  maxDriftDeltaE00: horizonDays > 0 ? touchUp.maxDeltaE00 : .infinity,
                                  minVisibility: horizonDays > 0 ? touchUp.minPerceivedFraction : 0)
        self.horizonDays = horizonDays
        let best = answers[0]
        passes = best.passes(criteria)
        if passes || outlook == nil {
            explanation = passes ? nil : Self.explain(best, lasting: nil, hair: hair, hairLabel: hairLabel, skinName: skinName, skinL: skin.basis.asRead(skin.lab).L,
                                                      depthRange: depthRange, criteria: criteria, horizonDays: horizonDays)
        } else {
            // The closest match on the day it heals, judged by the same outlook.
            let plain = try? ColourSolver(skin: skin, pigments: pigments, depthRange: depthRange, doseMgPerCm2: doseMgPerCm2)
            let match = plain?.solve(target: hair).first.flatMap { m in
                pigments.first { $0.name == m.pigment }.map { solver.evaluate($0, dilution: m.dilution, depthMM: m.depthMM, target: hair) }
            }
            explanation = Self.explain(match ?? best, lasting: best, hair: hair, hairLabel: hairLabel, skinName: skinName, skinL: skin.basis.asRead(skin.lab).L,
                                       depthRange: depthRange, criteria: criteria, horizonDays: horizonDays)
        }
    }

    /// Plain sentences on why no choice passes: the closest match when it heals, and why it
    /// fails (too far from the hair, or fading too soon); and how far a shade that lasts is.
    static func explain(_ match: ColourSolution, lasting: ColourSolution?, hair: Lab, hairLabel: String, skinName: String, skinL: Double,
                        depthRange: ClosedRange<Double>, criteria c: ColourCriteria, horizonDays: Double) -> String {
        func n(_ x: Double, _ d: Int = 1) -> String { FixedDecimal.string(x, decimals: d) }
        func shade(_ s: ColourSolution) -> String { "\(s.pigment) at dilution \(n(s.dilution, 2)), \(n(s.depthMM, 2)) mm: L* \(n(s.labAsRead.L)) as read, ΔE00 \(n(s.deltaE00ToTarget)) from the hair" }
        var out = "no pigment, dilution and needle depth in \(n(depthRange.lowerBound, 2))–\(n(depthRange.upperBound, 2)) mm passes the review for \(hairLabel) hair on \(skinName)"
        /// Why one choice fails: too far from the hair, or fading too soon.
        func failure(_ s: ColourSolution) -> String {
            if s.deltaE00ToTarget > c.maxDeltaE00ToTarget || abs(s.labAsRead.L - hair.L) > c.maxLightnessDifference {
                return "is further from the hair than the review allows (ΔE00 \(n(c.maxDeltaE00ToTarget)), \(n(c.maxLightnessDifference, 0)) L*)"
            }
            var fades: [String] = []
            if let drift = s.driftDeltaE00, drift >= c.maxDriftDeltaE00 { fades.append("moves ΔE00 \(n(drift)) from its healed colour") }
            if let kept = s.visibility, kept <= c.minVisibility { fades.append("keeps \(n(kept * 100, 0)) % of its contrast") }
            return "fades too soon: its lightest layer \(fades.joined(separator: " and ")) within \(n(horizonDays / 365.25)) years (touch-up at ΔE00 \(n(c.maxDriftDeltaE00)) or \(n(c.minVisibility * 100, 0)) %)"
        }
        let matches = match.deltaE00ToTarget <= c.maxDeltaE00ToTarget && abs(match.labAsRead.L - hair.L) <= c.maxLightnessDifference
        // Darker than anything that heals: pigment under the epidermis always reads lighter than
        // the darkest hair fibre, most of all on the lightest skins.
        let hairTooDark = !matches && match.labAsRead.L - hair.L > c.maxLightnessDifference
        if hair.L > skinL - c.maxLightnessDifference && !matches {
            out += ": the hair (L* \(n(hair.L))) is about as light as the skin (L* \(n(skinL)) as read) or lighter, and SMP pigment only darkens skin"
        } else if hairTooDark {
            out += ": even the darkest shade heals lighter than the hair (L* \(n(hair.L))), since pigment is seen through the skin above it"
        }
        out += "; the closest match when it heals (\(shade(match))) \(failure(match))"
        if let lasting, lasting != match {
            out += ", and the best compromise (\(shade(lasting))) \(failure(lasting))"
        }
        if hairTooDark {
            return out + ". Expect the finished shade a little lighter than the hair, as shaved stubble also reads, and tell the client"
        }
        return out + ". SMP imitates shaved dark hair: for hair this light against this skin, expect a shade that is a compromise (too dark, or needing early touch-ups), and tell the client"
    }
}
