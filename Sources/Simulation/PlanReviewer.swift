import Foundation
import Impressions
import Plans
import SkinOptics
import Support

/// Reviews a simulated plan the way a trainer would: each rule compares one measured quantity
/// with a threshold from `Data/review/rules.json` and, when it is crossed, says what is wrong,
/// why (with the sources) and what to change. Rules that only need the plan and rules that need
/// the simulation (merges, coverage, healed colour, fading) run on the same result.
public struct PlanReviewer: Sendable {
    public let rules: ReviewRules
    public let colours: ColourLibrary

    public init(rules: ReviewRules, colours: ColourLibrary) {
        self.rules = rules
        self.colours = colours
    }

    /// Findings for one simulated plan, errors first, then warnings and notes, each group in
    /// rule order (deterministic).
    public func review(_ result: SimulationResult) -> [ReviewFinding] {
        var out: [ReviewFinding] = []
        out += layering(result.plan)
        out += intervals(result.plan)
        out += depths(result.plan, constants: colours.skins.basis.constants)
        out += needles(result.plan)
        out += spacing(result)
        out += density(result.plan)
        out += hairline(result.plan)
        out += colour(result)
        out += fading(result)
        out += scars(result)
        let order = ReviewFinding.Severity.allCases
        return out.enumerated().sorted {
            let a = order.firstIndex(of: $0.element.severity)!, b = order.firstIndex(of: $1.element.severity)!
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    func finding(_ rule: String, _ category: ReviewFinding.Category, _ severity: ReviewFinding.Severity, session: Int? = nil,
                 region: String? = nil, value: Double, threshold: Double, _ message: String, why: String, fix: String) -> ReviewFinding {
        ReviewFinding(rule: rule, category: category, severity: severity, session: session, region: region, value: value,
                      threshold: threshold, message: message, why: why, fix: fix)
    }

    static func n(_ x: Double, _ decimals: Int = 2) -> String { FixedDecimal.string(x, decimals: decimals) }

    // MARK: Plan-only rules

    func layering(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.layering
        var out: [ReviewFinding] = []
        if plan.sessions.count < r.minSessions {
            out.append(finding("layering.single-session", .layering, .error, value: Double(plan.sessions.count), threshold: Double(r.minSessions),
                               "the whole design is placed in \(plan.sessions.count) session; density should be built in at least \(r.minSessions)",
                               why: r.why, fix: "split the work into 2–3 sessions, e.g. fraction_of_target 0.3 → 0.7 → 1.0, 14–30 days apart"))
        }
        var previous = 0.0
        for (i, s) in plan.sessions.enumerated() {
            let step = s.fractionOfTarget - previous
            previous = s.fractionOfTarget
            guard plan.sessions.count >= r.minSessions else { break }
            if step > r.maxStepError || step > r.maxStepWarning {
                let error = step > r.maxStepError
                out.append(finding("layering.step", .layering, error ? .error : .warning, session: i + 1, value: step,
                                   threshold: error ? r.maxStepError : r.maxStepWarning,
                                   "session \(i + 1) adds \(Int((step * 100).rounded())) % of the design density at once (limit \(Int(((error ? r.maxStepError : r.maxStepWarning) * 100).rounded())) %)",
                                   why: r.why, fix: "spread this step over more sessions: at most about \(Int((r.maxStepWarning * 100).rounded())) % of the target per session"))
            }
        }
        return out
    }

    func intervals(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.interval
        var out: [ReviewFinding] = []
        for (i, pair) in zip(plan.sessions, plan.sessions.dropFirst()).enumerated() {
            let gap = pair.1.day - pair.0.day
            if gap < r.minDaysWarning {
                let error = gap < r.minDaysError
                out.append(finding("interval.too-short", .interval, error ? .error : .warning, session: i + 2, value: gap,
                                   threshold: error ? r.minDaysError : r.minDaysWarning,
                                   "session \(i + 2) comes \(Self.n(gap, 0)) days after session \(i + 1); the skin needs at least \(Self.n(error ? r.minDaysError : r.minDaysWarning, 0)) days to heal",
                                   why: r.why, fix: "move session \(i + 2) to day \(Self.n(pair.0.day + 14, 0)) or later (14–30 days apart)"))
            } else if gap > r.maxDaysNote {
                out.append(finding("interval.long", .interval, .note, session: i + 2, value: gap, threshold: r.maxDaysNote,
                                   "session \(i + 2) comes \(Self.n(gap, 0)) days after session \(i + 1), longer than the usual 7–30",
                                   why: r.why, fix: "fine if planned; the earlier layer will have faded a little, so judge its shade before adding the next"))
            }
        }
        return out
    }

    func depths(_ plan: Plan, constants c: SkinModelConstants) -> [ReviewFinding] {
        let r = rules.depth
        let range = c.recommendedNeedleDepthRange
        var out: [ReviewFinding] = []
        for (i, s) in plan.sessions.enumerated() {
            let rangeText = "\(Self.n(range.lowerBound))–\(Self.n(range.upperBound)) mm"
            if s.deposit == .deep {
                out.append(finding("depth.blow-out", .depth, .error, session: i + 1, value: s.depthMM, threshold: range.upperBound,
                                   "session \(i + 1) releases its ink near the needle tip at \(Self.n(s.depthMM)) mm (a blow-out): it heals as a light, blue-grey blur",
                                   why: r.why, fix: "work at \(rangeText) with the ink along the track (deposit: needle-track)"))
            } else if s.depthMM > range.upperBound {
                let error = s.depthMM > r.errorAboveMM
                out.append(finding("depth.too-deep", .depth, error ? .error : .warning, session: i + 1, value: s.depthMM,
                                   threshold: error ? r.errorAboveMM : range.upperBound,
                                   "session \(i + 1) goes \(Self.n(s.depthMM)) mm deep, deeper than the recommended \(rangeText)",
                                   why: r.why, fix: "set depth_mm to \(Self.n(range.upperBound)) or less"))
            } else if s.depthMM < range.lowerBound {
                out.append(finding("depth.too-shallow", .depth, .warning, session: i + 1, value: s.depthMM, threshold: range.lowerBound,
                                   "session \(i + 1) is only \(Self.n(s.depthMM)) mm deep, above the recommended \(rangeText): pigment near the epidermis is shed and fades early",
                                   why: r.why, fix: "set depth_mm to at least \(Self.n(range.lowerBound))"))
            }
        }
        return out
    }

    func needles(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.needle
        var out: [ReviewFinding] = []
        for (i, s) in plan.sessions.enumerated() where s.needleMM > r.maxMM {
            out.append(finding("needle.too-coarse", .needle, .error, session: i + 1, value: s.needleMM, threshold: r.maxMM,
                               "session \(i + 1) uses a \(Self.n(s.needleMM)) mm needle, coarser than any SMP needle (0.18–0.30 mm)",
                               why: r.why, fix: "use a 0.18–0.25 mm needle"))
        }
        if let last = plan.sessions.last, last.needleMM > r.finishingMaxMM, last.needleMM <= r.maxMM {
            out.append(finding("needle.finishing-coarse", .needle, .warning, session: plan.sessions.count, value: last.needleMM,
                               threshold: r.finishingMaxMM,
                               "the finishing session uses a \(Self.n(last.needleMM)) mm needle; the hairline is defined with finer ones",
                               why: r.why, fix: "finish with a 0.18–0.20 mm needle (#04–#06)"))
        }
        return out
    }

    func density(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.density
        let units = plan.client.nativeHairDensity / r.hairsPerFollicularUnit
        let limit = units * r.maxTargetPerUnitDensity
        guard plan.design.targetDensityPerCM2 > limit else { return [] }
        return [finding("density.above-native", .density, .warning, value: plan.design.targetDensityPerCM2, threshold: limit,
                        "the design density \(Self.n(plan.design.targetDensityPerCM2, 0))/cm² is more than \(Self.n(r.maxTargetPerUnitDensity)) × the client's \(Self.n(units, 0)) follicular units/cm²",
                        why: r.why, fix: "lower target_density_per_cm2 to \(Self.n(units, 0))–\(Self.n(limit, 0))")]
    }

    func hairline(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.hairline, h = plan.design.hairline
        var out: [ReviewFinding] = []
        if h.heightAboveBrowMM < r.minHeightMM {
            out.append(finding("hairline.too-low", .hairline, .warning, region: "frontal", value: h.heightAboveBrowMM, threshold: r.minHeightMM,
                               "the hairline sits \(Self.n(h.heightAboveBrowMM, 0)) mm above the brow, lower than a natural 68–80 mm",
                               why: r.why, fix: "set hairline.height_above_brow_mm to 70–80"))
        }
        if h.transitionMM < r.minTransitionMM {
            out.append(finding("hairline.too-sharp", .hairline, .warning, region: "frontal", value: h.transitionMM, threshold: r.minTransitionMM,
                               "the hairline fades in over only \(Self.n(h.transitionMM, 1)) mm: a hard edge",
                               why: r.why, fix: "set hairline.transition_mm to 5–10"))
        }
        if h.irregularity < r.minIrregularity || h.shape == .straight {
            out.append(finding("hairline.too-straight", .hairline, .warning, region: "frontal", value: h.irregularity, threshold: r.minIrregularity,
                               "the hairline is \(h.shape == .straight ? "ruler-straight" : "almost regular") (shape \(h.shape.rawValue), irregularity \(Self.n(h.irregularity)))",
                               why: r.why, fix: "use a rounded or mature shape with irregularity 0.3–0.5"))
        }
        return out
    }

    // MARK: Rules on the simulation

    func spacing(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.spacing, design = result.plan.design
        var out: [ReviewFinding] = []
        if design.spacingFactor < r.minSpacingFactor {
            out.append(finding("spacing.factor", .spacing, .warning, value: design.spacingFactor, threshold: r.minSpacingFactor,
                               "dots may come as close as \(Self.n(design.spacingFactor)) of the mean spacing",
                               why: r.why, fix: "set spacing_factor to 0.6–0.8"))
        }
        if design.placement == .random {
            out.append(finding("spacing.random-placement", .spacing, .warning, value: 0, threshold: 0,
                               "dots are placed at random (clusters and gaps) instead of spread evenly",
                               why: r.why, fix: "set placement: even"))
        }
        guard let last = result.sessions.last else { return out }
        let all = last.metrics.all
        let fraction = all.impressions > 0 ? Double(all.mergePairs) / Double(all.impressions) : 0
        if fraction > r.maxMergeFractionWarning {
            let error = fraction > r.maxMergeFractionError
            let worst = last.metrics.regions.max { $0.mergePairs < $1.mergePairs }
            out.append(finding("spacing.merging", .spacing, error ? .error : .warning, session: last.number, region: worst?.region,
                               value: fraction, threshold: error ? r.maxMergeFractionError : r.maxMergeFractionWarning,
                               "\(all.mergePairs) pairs of healed dots merge (\(Self.n(fraction * 100, 2)) % of the dots), most in \(worst?.region ?? "the scalp")",
                               why: r.why, fix: "raise spacing_factor towards 0.7, place evenly, use a finer needle or shallower depth (smaller healed dots)"))
        }
        if all.coveredFraction > r.maxCoverageError {
            out.append(finding("spacing.helmet", .spacing, .error, session: last.number, value: all.coveredFraction, threshold: r.maxCoverageError,
                               "healed dots cover \(Self.n(all.coveredFraction * 100, 1)) % of the treated skin: it will read as a flat helmet, not stubble",
                               why: r.why, fix: "lower the density, use finer needles and keep dots apart (spacing_factor ≈ 0.7)"))
        }
        return out
    }

    func colour(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.colour
        guard let hair = result.colours.hairLab else { return [] }
        var out: [ReviewFinding] = []
        let last = result.colours.sessions.count - 1
        for (i, c) in result.colours.sessions.enumerated() {
            let de = deltaE2000(c.lab, hair)
            let dL = c.lab.L - hair.L
            // Earlier layers are meant to be lighter (shade builds up over sessions): only the
            // finishing layer is held to the hair, and any layer darker than the hair is flagged.
            let mismatched = i == last ? (de > r.maxDeltaE00ToHair || abs(dL) > r.maxLightnessDifference) : -dL > r.maxLightnessDifference
            if mismatched {
                let byLightness = abs(dL) > r.maxLightnessDifference
                let rule = byLightness ? (dL < 0 ? "colour.too-dark" : "colour.too-light") : "colour.hair-mismatch"
                let what = byLightness ? (dL < 0 ? "darker" : "lighter") : "a different colour"
                out.append(finding(rule, .colour, .warning, session: i + 1, value: byLightness ? abs(dL) : de,
                                   threshold: byLightness ? r.maxLightnessDifference : r.maxDeltaE00ToHair,
                                   "session \(i + 1) heals \(what) than the client's hair (L* \(Self.n(c.lab.L, 1)) vs \(Self.n(hair.L, 1)), ΔE00 \(Self.n(de, 1)))",
                                   why: r.why, fix: suggestion(result, hair: hair, session: result.plan.sessions[i])))
            }
        }
        return out
    }

    /// What `color solve` would choose for this client, as a fix.
    func suggestion(_ result: SimulationResult, hair: Lab, session: Plan.Session) -> String {
        let range = colours.skins.basis.constants.recommendedNeedleDepthRange
        guard let solver = try? ColourSolver(skin: result.colours.skinModel, pigments: colours.pigments.pigments, depthRange: range),
              let best = solver.solve(target: hair).first else {
            return "adjust dilution and pigment (stipple color solve)"
        }
        return "stipple color solve suggests \(best.pigment) at dilution \(Self.n(best.dilution)) and \(Self.n(best.depthMM)) mm (ΔE00 \(Self.n(best.deltaE00ToTarget, 1)) to the hair); this session uses \(session.pigment) at \(Self.n(session.dilution))"
    }

    func fading(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.fading
        guard let day = result.outlook?.touchUp.suggestion?.day, day < r.minTouchUpDays else { return [] }
        return [finding("fading.early-touch-up", .fading, .warning, value: day, threshold: r.minTouchUpDays,
                        "the first touch-up is due on day \(Self.n(day, 0)) (\(Self.n(day / 365.25, 1)) years), earlier than the usual 3–6 years",
                        why: r.why, fix: "place pigment in the recommended depth range and avoid very light dilutions in the final layer")]
    }
}
