import Fading
import Foundation
import Impressions
import Plans
import SkinOptics

/// The state of one session's dots at a follow-up: how much pigment is left, its colour now,
/// how far that colour has moved from the healed colour, and how large the dots have grown.
public struct SessionLook: Sendable {
    public let session: Int
    public let ageDays: Double
    /// Retained mass fraction of the healed dose (all components; 1 once healed).
    public let retained: Double
    /// Retained mass fraction of the injected dose: `retained` × the share healing left
    /// (`HealedDose.healedShare`, 2/3 by default).
    public let retainedOfInjected: Double
    public let lab: Lab
    public let hex: String
    public let deltaE00ToHealed: Double
    /// ΔE00 as read (`SkinOpticalBasis.asRead`, as the hair colours were measured) to the hair; nil without one.
    public let deltaE00ToHair: Double?
    public let deltaE00ToSkin: Double
    public let undertone: Undertone
    public let diameterScale: Double
    public let depthMM: Double
    /// Contrast against skin now ÷ contrast when healed, clamped to 0…1: how visible a dot
    /// still is compared with when it healed (used for perceived density).
    public let visibility: Double
}

/// One follow-up day of a plan: every placed session's look, and spacing metrics with the
/// dots grown to their size that day (spread makes dots merge years later).
public struct FollowUp: Sendable {
    public let day: Double
    public let sessions: [SessionLook]
    public let metrics: SpacingReport
    /// Perceived density per region (index = region, then "all" last): Σ dots × visibility / area
    /// (plus the remaining hair, which does not fade, on a Ludwig/Savin plan).
    public let perceivedDensity: [Double]
    /// Perceived density ÷ the design target over the same area (hair + shortfall among hair).
    public let perceivedFraction: [Double]
}

/// Evaluates fading for a simulated plan (model and sun exposure from the plan's `fading:`).
///
/// Per session, days count from that session; depth modulates the rates (shallow dots shed
/// with the epidermis) and the spread (`Data/fade/models.json`, all labelled assumptions), and
/// the faded colour comes from the spectral skin model with each pigment component scaled by its
/// fade group's retained fraction, so a warm/cool blend drifts in undertone.
struct FadeEvaluator: Sendable {
    let result: SimulationResult
    let setup: FadeSetup
    let skin: SkinModel
    let pigments: [Pigment]
    /// The undiluted dose once healed, mg/cm² (`ColourLibrary.healedDoseMgPerCm2`): the dose the
    /// healed colours were computed with, which the fade models' retained fraction scales.
    let healedDose: Double
    /// Each session's pigment in this skin with its deposit, its components sampled once: a
    /// look only re-weights them by what is left (`FadingPigmentEvaluator`).
    let evaluators: [FadingPigmentEvaluator]
    /// Each session's fade at its depth, set up once (a look only evaluates it at its age).
    let implants: [FadeTimeline.Implant]
    /// Where the plan's own dots fell, per session and region (`TouchUpCensus`).
    let census: TouchUpCensus
    /// Dots of each session per region (last index = all regions).
    var counts: [[Int]] { census.counts }
    var treatedArea: [Double] { census.treatedArea }
    /// Mean target per region (+ all); among hair the perceived target (hair + shortfall).
    var meanTarget: [Double] { census.meanTarget }
    /// Among hair (Ludwig/Savin): follicles per region (+ all), which count at full visibility
    /// since hair does not fade.
    var hairCounts: [Int]? { census.hairCounts }
    /// Each session's position analysis (follow-ups move no dot, they only grow them).
    let spacing: [SpacingAnalysis]

    init(result: SimulationResult, engine: SimulationEngine, spacing: [SpacingAnalysis]? = nil) throws(SimulationError) {
        self.result = result
        self.spacing = spacing ?? {
            let chart = SpacingChart(regions: result.scalp.regions, target: result.target)
            return result.sessions.map { s in
                SpacingAnalysis(positionsOf: Array(result.impressions.prefix(s.totalImpressions)), chart: chart)
            }
        }()
        let plan = result.plan
        do {
            let kind = plan.fading.model
            setup = try engine.fadeLibrary.setup(model: kind, overrides: plan.fading.parameters)
        } catch {
            throw .plan(PlanError(file: result.source, field: "fading", message: "\(error)"))
        }
        do {
            let setup = setup, sun = plan.fading.sunExposure
            implants = try plan.sessions.map { s throws(FadeError) in try FadeTimeline.Implant(model: setup, depthMM: s.depthMM, sunExposure: sun) }
        } catch {
            throw .plan(PlanError(file: result.source, field: "fading", message: "\(error)"))
        }
        skin = result.colours.skinModel
        pigments = result.colours.pigments
        healedDose = engine.colourLibrary.healedDoseMgPerCm2
        evaluators = zip(plan.sessions, pigments).map { [skin] session, pigment in
            FadingPigmentEvaluator(PigmentedSkinEvaluator(skin: skin, pigment: pigment, deposit: session.deposit))
        }
        census = TouchUpCensus(impressions: result.impressions, sessions: plan.sessions.count, regions: result.scalp.regions,
                               target: result.target, hair: result.hair)
    }

    /// The look of session `index` (0-based) at `age` days after it. On `scar` tissue (with
    /// the scar's skin model) the dot holds `pigmentUptake` × the dose and its fade clock runs
    /// `fadeRateFactor` × faster (`ScarTissue`); `retained` then counts from the normal dose.
    func look(_ index: Int, age: Double, scar: (tissue: ScarTissue, skin: SkinModel)? = nil) throws(SimulationError) -> SessionLook {
        let session = result.plan.sessions[index]
        let healed = result.colours.sessions[index]
        let skin = scar?.skin ?? self.skin
        let uptake = scar?.tissue.pigmentUptake ?? 1
        let state: FadeState
        do {
            state = try implants[index].state(atDay: age * (scar?.tissue.fadeRateFactor ?? 1))
        } catch { throw .plan(PlanError(file: result.source, field: "fading", message: "\(error)")) }
        // Fraction left of each component (the faded pigment is `state.faded(pigment)`).
        let remaining = state.remaining(for: pigments[index])
        let limit = skin.basis.constants.maxPigmentDepthMM
        let depth = min(limit, max(session.depthMM, state.depthMM))
        let spot: PigmentedSkin
        do {
            if let scar {
                // Scar tissue has its own skin model: a fresh evaluator (the cached ones are the client's skin).
                spot = try PigmentedSkin(skin: scar.skin, pigment: state.faded(pigments[index]), dilution: session.dilution * uptake,
                                         depthMM: depth, doseMgPerCm2: healedDose, deposit: session.deposit)
            } else {
                spot = try PigmentedSkin(evaluator: evaluators[index].faded(remaining: remaining), dilution: session.dilution, depthMM: depth,
                                         doseMgPerCm2: healedDose)
            }
        } catch {
            throw .colour(error.description)
        }
        // Mass-weighted retained fraction over the blend's components.
        let components = pigments[index].components
        let totalMass = components.reduce(0) { $0 + $1.massFraction }
        let retained = uptake * (totalMass > 0
            ? components.reduce(0) { $0 + $1.massFraction * (remaining[$1.component.name] ?? 1) } / totalMass : 1)
        let contrast = spot.contrastDeltaE00
        return SessionLook(
            session: index + 1, ageDays: age, retained: retained, retainedOfInjected: setup.healing.ofInjected(retainedOfHealed: retained),
            lab: spot.lab, hex: spot.srgb.rgb.hex,
            deltaE00ToHealed: deltaE2000(spot.lab, healed.lab),
            deltaE00ToHair: result.colours.hairLab.map { deltaE2000(result.colours.skinModel.basis.asRead(spot.lab), $0) }, deltaE00ToSkin: contrast,
            undertone: spot.undertone, diameterScale: state.diameterScale, depthMM: depth,
            visibility: min(1, max(0, contrast / max(1e-9, healed.contrastDeltaE00))))
    }

    /// Looks of the sessions placed by `day` (days since the first session).
    func looks(atDay day: Double) throws(SimulationError) -> [SessionLook] {
        var out: [SessionLook] = []
        for (i, s) in result.plan.sessions.enumerated() where s.day <= day {
            out.append(try look(i, age: day - s.day))
        }
        return out
    }

    /// Perceived density and its fraction of target per region (+ all) for the given looks.
    /// `census`: where the dots fell (default: the plan's own dots; the touch-up search passes
    /// other seeds' placements).
    func perceived(_ looks: [SessionLook], census: TouchUpCensus? = nil) -> (density: [Double], fraction: [Double]) {
        let c = census ?? self.census
        var density = c.hairCounts.map { $0.map(Double.init) } ?? [Double](repeating: 0, count: c.treatedArea.count)
        for look in looks {
            for r in density.indices { density[r] += Double(c.counts[look.session - 1][r]) * look.visibility }
        }
        for r in density.indices { density[r] = c.treatedArea[r] > 0 ? density[r] / c.treatedArea[r] : 0 }
        let fraction = zip(density, c.meanTarget).map { $1 > 0 ? $0 / $1 : 0 }
        return (density, fraction)
    }

    func followUp(day: Double) throws(SimulationError) -> FollowUp {
        let looks = try looks(atDay: day)
        let placed = looks.count
        let scale = looks.map(\.diameterScale)
        let total = placed == 0 ? 0 : result.sessions[placed - 1].totalImpressions
        // The placed dots grown to their size that day, written once into fresh storage (copying
        // the impressions and then scaling them in place copied the array a second time).
        let dots = result.impressions.withUnsafeBufferPointer { all in
            [Impression](unsafeUninitializedCapacity: total) { out, count in
                for i in 0..<total {
                    var dot = all[i]
                    dot.diameterMM *= Float(scale[Int(dot.session) - 1])
                    out[i] = dot
                }
                count = total
            }
        }
        let options = SpacingMetricsOptions(mergeGapMM: result.plan.design.mergeGapMM)
        // The dots sit where the last placed session left them: reuse its analysis.
        let metrics = placed == 0
            ? spacingMetrics(of: dots, regions: result.scalp.regions, target: result.target, options: options)
            : spacing[placed - 1].report(dots, options: options)
        let p = perceived(looks)
        return FollowUp(day: day, sessions: looks, metrics: metrics, perceivedDensity: p.density, perceivedFraction: p.fraction)
    }
}
