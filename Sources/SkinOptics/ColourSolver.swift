import Foundation

/// One candidate answer of `ColourSolver`: a pigment, dilution and needle depth and the colour
/// it heals to.
public struct ColourSolution: Sendable, Equatable {
    public let pigment: String
    public let dilution: Double
    public let depthMM: Double
    public let lab: Lab
    /// `lab` as a colour-measuring instrument reads it (`SkinOpticalBasis.asRead`): what is
    /// compared with the target, since the hair colours are such readings, like the skin targets.
    public let labAsRead: Lab
    /// ΔE00 from `labAsRead` to the target.
    public let deltaE00ToTarget: Double
    public let deltaE00ToSkin: Double
    public let undertone: Undertone
    /// With an outlook: the colour at the horizon (specular excluded), its ΔE00 as read to the target and to the healed
    /// colour (the drift a touch-up is judged by); nil without one.
    public var fadedLab: Lab? = nil
    public var fadedDeltaE00ToTarget: Double? = nil
    public var driftDeltaE00: Double? = nil
    /// With an outlook: the worst layer's contrast against skin at the horizon ÷ when healed.
    public var visibility: Double? = nil
    /// The value minimised (ΔE00 to the target without an outlook).
    public var objective: Double = 0

    /// Whether this choice meets `criteria`: healed within its ΔE00 and ΔL* of the target and,
    /// with an outlook, drifting less than its limit by the horizon.
    public func passes(_ criteria: ColourCriteria) -> Bool {
        deltaE00ToTarget <= criteria.maxDeltaE00ToTarget && abs(labAsRead.L - criteria.targetL) <= criteria.maxLightnessDifference
            && (driftDeltaE00 ?? 0) < criteria.maxDriftDeltaE00 && (visibility ?? 1) > criteria.minVisibility
    }
}

/// What a healed colour must meet to pass the plan review's colour and fading rules
/// (`Data/review/rules.json` `colour`, the plan's `touch_up.max_delta_e00`).
public struct ColourCriteria: Sendable, Equatable {
    public var targetL: Double
    public var maxDeltaE00ToTarget: Double
    public var maxLightnessDifference: Double
    public var maxDriftDeltaE00: Double
    public var minVisibility: Double
    public init(targetL: Double, maxDeltaE00ToTarget: Double, maxLightnessDifference: Double, maxDriftDeltaE00: Double, minVisibility: Double = 0) {
        self.minVisibility = minVisibility
        self.targetL = targetL
        self.maxDeltaE00ToTarget = maxDeltaE00ToTarget
        self.maxLightnessDifference = maxLightnessDifference
        self.maxDriftDeltaE00 = maxDriftDeltaE00
    }
}

/// How a choice fades by a horizon, for a solver that looks ahead. SkinOptics knows no fade
/// model, so the caller (Simulation, from `Data/fade/models.json`) supplies the state: each
/// component's remaining mass fraction and the depth the pigment has drifted to.
public struct ColourOutlook: Sendable {
    /// Days after healing at which the faded colour is judged (default 730: the review warns
    /// of a touch-up due within 2 years).
    public let horizonDays: Double
    /// ΔE00 from the healed colour at which a touch-up is due (a plan's default is 3).
    public let maxDriftDeltaE00: Double
    /// For a pigment placed at a needle depth: remaining fraction per component name and the
    /// pigment's depth at the horizon (nil: the fade model cannot evaluate it).
    public let state: @Sendable (Pigment, Double) -> (remaining: [String: Double], depthMM: Double)?
    /// Perceived density falls with each dot's contrast against skin: a touch-up is due once
    /// the faded contrast ÷ the healed contrast reaches this (the plan's `min_perceived_fraction`).
    public let minVisibility: Double
    /// The layers a plan builds from the chosen dilution, as fractions of it (lighter first,
    /// e.g. 0.8, 0.9, 1.0): drift and contrast loss are judged on the worst layer, since the
    /// lightest fades first and the touch-up date follows all layers' dots.
    public let layers: [Double]
    /// Drift and contrast loss must stay this far inside their limits (0.9: **assumption**,
    /// room for the older first layer and for the dot-weighted mix of layers).
    public let margin: Double
    /// The most the healed lightness may differ from the target's (the review's colour rule);
    /// infinity: no limit.
    public let maxLightnessDifference: Double

    public init(horizonDays: Double, maxDriftDeltaE00: Double, minVisibility: Double = 0, layers: [Double] = [1], margin: Double = 1,
                maxLightnessDifference: Double = .infinity,
                state: @escaping @Sendable (Pigment, Double) -> (remaining: [String: Double], depthMM: Double)?) {
        self.horizonDays = horizonDays
        self.maxDriftDeltaE00 = maxDriftDeltaE00
        self.minVisibility = minVisibility
        self.layers = layers
        self.margin = margin
        self.maxLightnessDifference = maxLightnessDifference
        self.state = state
    }
}

/// Chooses the pigment, dilution and needle depth whose healed colour on a given skin is
/// closest (CIEDE2000) to a target colour — usually the client's hair.
///
/// For each pigment the objective f(d, z) = ΔE00(healed(dilution d, depth z), target) is
/// minimised over the box d ∈ [0.02, 1], z ∈ the depth range. ΔE00 is not a sum of squares of
/// smooth residuals (its hue term has a branch), so the search is derivative-free: a 16 × 9 grid
/// (dilution log-spaced, depth linear) picks the three best starting points, and from each a
/// Nelder–Mead simplex (reflection 1, expansion 2, contraction ½, shrink ½; Nelder & Mead 1965)
/// runs in the unit square the box maps to, with points clamped to it, until the simplex's f
/// values agree to 1e-7 or 400 iterations. The best of the three is the pigment's answer; the
/// answers are ranked by ΔE00 (ties by pigment order). Everything is deterministic.
///
/// **With an outlook** (`ColourOutlook`) the objective looks ahead as well: f = ΔE00(healed,
/// target) + ΔE00(faded at the horizon, target) + 100 × (max(0, drift − margin × limit) +
/// max(0, |ΔL*| − (the colour rule's limit − 0.1))) + 1000 × max(0, k − contrast kept), where drift is
/// ΔE00(faded, healed) and contrast kept the faded dot's ΔE00 to skin ÷ the healed one's, each
/// for the worst of the layers the plan builds (the two quantities the touch-up schedule judges),
/// and k = min + (1 − min)(1 − margin) the least contrast kept with the margin. The first two terms keep the
/// colour close to the hair on both days (a light, shallow shade that matches on the day it heals
/// but fades within months loses to a darker, deeper one); the third makes a drift past the
/// touch-up threshold cost more than any gain in match (penalty weights 100 per ΔE00 or L* and
/// 1,000 per unit of contrast kept: **assumptions**, large against the differences between
/// candidates, so the limits act as constraints wherever a choice can meet them).
public struct ColourSolver: Sendable {
    public static let dilutionRange = 0.02...1.0
    public let skin: SkinModel
    public let pigments: [Pigment]
    public let depthRange: ClosedRange<Double>
    public let doseMgPerCm2: Double
    public let deposit: DepositKind
    public let outlook: ColourOutlook?

    /// Throws when the pigment list is empty or the depth range lies outside the model's.
    public init(skin: SkinModel, pigments: [Pigment], depthRange: ClosedRange<Double>,
                doseMgPerCm2: Double = PigmentedSkin.meanDoseMgPerCm2, deposit: DepositKind = .needleTrack,
                outlook: ColourOutlook? = nil) throws(SkinOpticsError) {
        let valid = skin.basis.constants.needleDepthRange
        guard !pigments.isEmpty else { throw .parameterOutOfRange(name: "pigments", value: 0, expected: "at least one pigment") }
        for z in [depthRange.lowerBound, depthRange.upperBound] where !(z.isFinite && valid.contains(z)) {
            throw .depthOutOfRange(depthMM: z, validRange: valid, epidermisMM: skin.basis.constants.epidermisThicknessMM)
        }
        guard doseMgPerCm2 > 0, PigmentedSkin.doseRange.contains(doseMgPerCm2) else { throw .concentrationOutOfRange(doseMgPerCm2) }
        self.skin = skin
        self.pigments = pigments
        self.depthRange = depthRange
        self.doseMgPerCm2 = doseMgPerCm2
        self.deposit = deposit
        self.outlook = outlook
    }

    /// One answer per pigment, best first.
    public func solve(target: Lab) -> [ColourSolution] {
        pigments.enumerated().map { (index, pigment) in (index, best(pigment, target: target)) }
            .sorted { $0.1.objective != $1.1.objective ? $0.1.objective < $1.1.objective : $0.0 < $1.0 }
            .map(\.1)
    }

    /// Maps the unit square to (dilution, depth): dilution log-scaled, depth linear.
    func point(_ u: SIMD2<Double>) -> (dilution: Double, depth: Double) {
        let lo = Foundation.log(Self.dilutionRange.lowerBound), hi = Foundation.log(Self.dilutionRange.upperBound)
        let d = Foundation.exp(lo + (hi - lo) * min(1, max(0, u.x)))
        let z = depthRange.lowerBound + (depthRange.upperBound - depthRange.lowerBound) * min(1, max(0, u.y))
        return (min(1, d), z)
    }

    /// The healed and (with an outlook) faded colour of one choice, and its objective.
    public func evaluate(_ pigment: Pigment, dilution: Double, depthMM: Double, target: Lab) -> ColourSolution {
        let ev = PigmentedSkinEvaluator(skin: skin, pigment: pigment, deposit: deposit)
        return evaluate(pigment, ev, outlook.map { _ in FadingPigmentEvaluator(ev) }, (dilution, depthMM), target: target)
    }

    func best(_ pigment: Pigment, target: Lab) -> ColourSolution {
        let ev = PigmentedSkinEvaluator(skin: skin, pigment: pigment, deposit: deposit)
        let fading = outlook.map { _ in FadingPigmentEvaluator(ev) }
        func f(_ u: SIMD2<Double>) -> Double { evaluate(pigment, ev, fading, point(u), target: target).objective }
        // With an outlook the penalties put kinks in f, so the start grid is finer and more
        // starts are refined (32 × 17, five starts; 16 × 9 and three without).
        let (nx, ny, starts) = outlook == nil ? (16, 9, 3) : (32, 17, 5)
        let grid = Self.bestStarts(nx: nx, ny: ny, count: starts, objective: f) { u in
            // Every term of the objective is ≥ 0 beside the healed colour's ΔE00 to the target,
            // which is computed here exactly as `evaluate` computes it: a lower bound.
            let p = point(u)
            return deltaE2000(skin.basis.asRead(ev.labUnchecked(depthMM: p.depth, effectiveDose: p.dilution * doseMgPerCm2)), target)
        }
        var bestU = grid[0].u, bestF = grid[0].f
        for start in grid.prefix(starts) {
            let (u, value) = Self.nelderMead(f, start: start.u, step: SIMD2(1.0 / Double(nx - 1), 1.0 / Double(ny - 1)))
            if value < bestF { bestU = u; bestF = value }
        }
        return evaluate(pigment, ev, fading, point(bestU), target: target)
    }

    func evaluate(_ pigment: Pigment, _ ev: PigmentedSkinEvaluator, _ fading: FadingPigmentEvaluator?,
                  _ p: (dilution: Double, depth: Double), target: Lab) -> ColourSolution {
        let limit = skin.basis.constants.maxPigmentDepthMM
        let dose = p.dilution * doseMgPerCm2
        let lab = ev.labUnchecked(depthMM: p.depth, effectiveDose: dose)
        // The target (hair) is an instrument reading; so is what it is compared with.
        let read = skin.basis.asRead(lab)
        let toTarget = deltaE2000(read, target)
        var solution = ColourSolution(pigment: pigment.name, dilution: p.dilution, depthMM: p.depth, lab: lab, labAsRead: read,
                                      deltaE00ToTarget: toTarget, deltaE00ToSkin: deltaE2000(lab, ev.skinLab),
                                      undertone: PigmentedSkin.undertone(spot: lab, skin: ev.skinLab), objective: toTarget)
        if let outlook, let fading {
            guard let state = outlook.state(pigment, p.depth) else {
                solution.objective = .infinity
                return solution
            }
            let depth = min(limit, max(p.depth, state.depthMM))
            let faded = fading.faded(remaining: state.remaining)
            let fadedLab = faded.labUnchecked(depthMM: depth, effectiveDose: dose)
            // The worst layer: the largest drift and the lowest contrast kept.
            var drift = 0.0, visibility = Double.infinity
            for layer in outlook.layers {
                let layerDose = min(1, layer * p.dilution) * doseMgPerCm2
                // The finishing layer (fraction 1) is the choice itself: its colours are already
                // known (the same calls with the same arguments), which saves a quarter of the work.
                let same = layerDose == dose
                let healed = same ? lab : ev.labUnchecked(depthMM: p.depth, effectiveDose: layerDose)
                let later = same ? fadedLab : faded.labUnchecked(depthMM: depth, effectiveDose: layerDose)
                drift = max(drift, deltaE2000(later, healed))
                visibility = min(visibility, deltaE2000(later, ev.skinLab) / max(1e-9, deltaE2000(healed, ev.skinLab)))
            }
            let fadedToTarget = deltaE2000(skin.basis.asRead(fadedLab), target)
            solution.fadedLab = fadedLab
            solution.fadedDeltaE00ToTarget = fadedToTarget
            solution.driftDeltaE00 = drift
            solution.visibility = visibility
            let driftOver = max(0, drift - outlook.margin * outlook.maxDriftDeltaE00)
            let keep = outlook.minVisibility + (1 - outlook.minVisibility) * (1 - outlook.margin)
            let contrastOver = max(0, keep - visibility)
            let lightnessOver = max(0, abs(read.L - target.L) - (outlook.maxLightnessDifference - 0.1))
            solution.objective = toTarget + fadedToTarget + 100 * (driftOver + lightnessOver) + 1000 * contrastOver
        }
        return solution
    }

    /// The `count` best points of the nx × ny start grid on the unit square, ordered by objective
    /// (ties by position), exactly as evaluating `objective` everywhere and sorting would give.
    ///
    /// Why the bound: with an outlook, the objective costs about six spectral evaluations (healed
    /// and faded, per layer) and `lowerBound` (the healed ΔE00 alone) one. Points are visited in
    /// the order of their bound and the objective is evaluated only while a bound can still beat
    /// the `count`-th best objective found, so most of the grid costs one evaluation, not six.
    static func bestStarts(nx: Int, ny: Int, count: Int, objective: (SIMD2<Double>) -> Double,
                           lowerBound: (SIMD2<Double>) -> Double) -> [(u: SIMD2<Double>, f: Double)] {
        func before(_ a: (u: SIMD2<Double>, f: Double), _ b: (u: SIMD2<Double>, f: Double)) -> Bool {
            a.f != b.f ? a.f < b.f : (a.u.x, a.u.y) < (b.u.x, b.u.y)
        }
        var bounds: [(u: SIMD2<Double>, f: Double)] = []
        for i in 0..<nx { for j in 0..<ny {
            let u = SIMD2(Double(i) / Double(nx - 1), Double(j) / Double(ny - 1))
            bounds.append((u, lowerBound(u)))
        } }
        bounds.sort(by: before)
        var best: [(u: SIMD2<Double>, f: Double)] = []
        for candidate in bounds {
            // Sorted by bound: once a bound exceeds the count-th best objective, no later point
            // (objective ≥ its bound > that value) can enter the best `count`.
            if best.count == count, candidate.f > best[count - 1].f { break }
            best.append((candidate.u, objective(candidate.u)))
            best.sort(by: before)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Nelder–Mead on the unit square (points clamped into it).
    static func nelderMead(_ f: (SIMD2<Double>) -> Double, start: SIMD2<Double>, step: SIMD2<Double>) -> (SIMD2<Double>, Double) {
        func clamp(_ u: SIMD2<Double>) -> SIMD2<Double> { SIMD2(min(1, max(0, u.x)), min(1, max(0, u.y))) }
        var s: [(SIMD2<Double>, Double)] = [start, clamp(start + SIMD2(step.x, 0)), clamp(start + SIMD2(0, step.y))].map { ($0, f($0)) }
        for _ in 0..<400 {
            s.sort { $0.1 < $1.1 }
            if s[2].1 - s[0].1 < 1e-7 { break }
            let centroid = (s[0].0 + s[1].0) / 2
            let reflected = clamp(centroid + (centroid - s[2].0)), fr = f(reflected)
            if fr < s[0].1 {
                let expanded = clamp(centroid + 2 * (centroid - s[2].0)), fe = f(expanded)
                s[2] = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < s[1].1 {
                s[2] = (reflected, fr)
            } else {
                let contracted = clamp(centroid + 0.5 * (s[2].0 - centroid)), fc = f(contracted)
                if fc < s[2].1 {
                    s[2] = (contracted, fc)
                } else {
                    for k in 1...2 { let u = s[0].0 + 0.5 * (s[k].0 - s[0].0); s[k] = (u, f(u)) }
                }
            }
        }
        s.sort { $0.1 < $1.1 }
        return s[0]
    }
}
