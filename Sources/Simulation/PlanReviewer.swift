import Fading
import Foundation
import Impressions
import Plans
import SkinOptics
import Support

/// Reviews a simulated plan the way a trainer would: each rule compares one measured quantity
/// with a threshold from `Data/review/rules.json` and, when it is crossed, says what is wrong,
/// why (citing `Data/SOURCES.md`) and what to change. Each rule gives at most one finding,
/// listing every session that breaks it, so the reasoning is stated once. Fixes are the values
/// `PlanFixer` applies (`ReviewFixes`), so "fix" and `stipple review --fix` agree.
public struct PlanReviewer: Sendable {
    public let rules: ReviewRules
    public let colours: ColourLibrary
    /// The fade models, for colour advice that looks ahead (`ShadeAdvice`); nil: advice by the
    /// healed colour alone.
    public let fades: FadeLibrary?

    public init(rules: ReviewRules, colours: ColourLibrary, fades: FadeLibrary? = nil) {
        self.rules = rules
        self.colours = colours
        self.fades = fades
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
        out += shortfall(result)
        out += hairline(result.plan)
        // The colour and the fading findings advise the same shade: solved once, and only when
        // one of them is raised (the solver looks years ahead, a quarter of a second).
        var solved: ShadeAdvice?? = nil
        let advice = { () -> ShadeAdvice? in
            if solved == nil { solved = .some(shadeAdvice(result)) }
            return solved!
        }
        out += colour(result, advice: advice)
        out += fading(result, advice: advice)
        out += scars(result)
        let order = ReviewFinding.Severity.allCases
        return out.enumerated().sorted {
            let a = order.firstIndex(of: $0.element.severity)!, b = order.firstIndex(of: $1.element.severity)!
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// The three findings to fix first, one line each: errors before warnings before notes, in
    /// rule order (which puts the structure of the plan, layering and intervals, before depth,
    /// needles, spacing and colour).
    public static func fixFirst(_ findings: [ReviewFinding]) -> [String] {
        findings.prefix(3).enumerated().map { i, f in "\(i + 1). \(f.severity.rawValue): \(f.fix) [\(f.rule)]" }
    }

    func finding(_ rule: String, _ category: ReviewFinding.Category, _ severity: ReviewFinding.Severity, sessions: [Int] = [],
                 region: String? = nil, value: Double, threshold: Double, _ message: String, why: String, fix: String) -> ReviewFinding {
        ReviewFinding(rule: rule, category: category, severity: severity, sessions: sessions, region: region, value: value,
                      threshold: threshold, message: message, why: why, fix: fix)
    }

    static func n(_ x: Double, _ decimals: Int = 2) -> String { FixedDecimal.string(x, decimals: decimals) }

    /// "session 2", "sessions 1 and 3", "sessions 1, 2 and 3".
    static func sessionList(_ s: [Int]) -> String {
        guard s.count > 1 else { return "session \(s.first ?? 0)" }
        return "sessions " + s.dropLast().map(String.init).joined(separator: ", ") + " and \(s.last!)"
    }

    /// Values per session, "0.90 and 1.00 mm" style.
    static func valueList(_ v: [String]) -> String {
        v.count > 1 ? v.dropLast().joined(separator: ", ") + " and " + v.last! : v.first ?? ""
    }

    // MARK: Plan-only rules

    func layering(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.layering
        if plan.sessions.count < r.minSessions {
            let ladder = ReviewFixes.sessionFractions(count: 3, final: plan.sessions.last?.fractionOfTarget ?? 1)
            return [finding("layering.single-session", .layering, .error, value: Double(plan.sessions.count), threshold: Double(r.minSessions),
                            "the whole design is placed in \(plan.sessions.count) session; density should be built in at least \(r.minSessions)",
                            why: r.why, fix: "split the work into 3 sessions, fraction_of_target \(ladder.map { Self.n($0, 1) }.joined(separator: " → ")), \(Self.n(ReviewFixes.sessionGapDays, 0)) days apart")]
        }
        var steps: [(session: Int, step: Double)] = []
        var previous = 0.0
        for (i, s) in plan.sessions.enumerated() {
            if s.fractionOfTarget - previous > r.maxStepWarning { steps.append((i + 1, s.fractionOfTarget - previous)) }
            previous = s.fractionOfTarget
        }
        guard let worst = steps.max(by: { $0.step < $1.step }) else { return [] }
        let error = worst.step > r.maxStepError
        let ladder = ReviewFixes.sessionFractions(count: ReviewFixes.sessionCount(plan, maxStep: r.maxStepWarning), final: plan.sessions.last!.fractionOfTarget)
        return [finding("layering.step", .layering, error ? .error : .warning, sessions: steps.map(\.session), value: worst.step,
                        threshold: error ? r.maxStepError : r.maxStepWarning,
                        "\(Self.sessionList(steps.map(\.session))) add\(steps.count == 1 ? "s" : "") \(Self.valueList(steps.map { "\(Int(($0.step * 100).rounded())) %" })) of the design density at once (limit \(Int((r.maxStepWarning * 100).rounded())) %)",
                        why: r.why, fix: "build it in \(ladder.count) sessions, fraction_of_target \(ladder.map { Self.n($0, 2) }.joined(separator: " → "))")]
    }

    func intervals(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.interval
        var out: [ReviewFinding] = []
        var short: [(session: Int, gap: Double)] = [], long: [(session: Int, gap: Double)] = []
        for (i, pair) in zip(plan.sessions, plan.sessions.dropFirst()).enumerated() {
            let gap = pair.1.day - pair.0.day
            if gap < r.minDaysWarning { short.append((i + 2, gap)) } else if gap > r.maxDaysNote { long.append((i + 2, gap)) }
        }
        if let worst = short.min(by: { $0.gap < $1.gap }) {
            let error = worst.gap < r.minDaysError
            let days = ReviewFixes.sessionDays(plan, rules: r)
            let moved = plan.sessions.indices.filter { days[$0] != plan.sessions[$0].day }
            out.append(finding("interval.too-short", .interval, error ? .error : .warning, sessions: short.map(\.session), value: worst.gap,
                               threshold: error ? r.minDaysError : r.minDaysWarning,
                               "\(Self.sessionList(short.map(\.session))) come\(short.count == 1 ? "s" : "") only \(Self.valueList(short.map { Self.n($0.gap, 0) })) days after the one before; the skin needs at least \(Self.n(error ? r.minDaysError : r.minDaysWarning, 0)) days to heal",
                               why: r.why,
                               fix: "move " + moved.map { "session \($0 + 1) to day \(Self.n(days[$0], 0))" }.joined(separator: " and ")
                                   + " (one schedule: each short gap becomes \(Self.n(ReviewFixes.minGapDays, 0)) days, later sessions move with it)"))
        }
        if let worst = long.max(by: { $0.gap < $1.gap }) {
            out.append(finding("interval.long", .interval, .note, sessions: long.map(\.session), value: worst.gap, threshold: r.maxDaysNote,
                               "\(Self.sessionList(long.map(\.session))) come\(long.count == 1 ? "s" : "") \(Self.valueList(long.map { Self.n($0.gap, 0) })) days after the one before, longer than the usual 7–30",
                               why: r.why, fix: "fine if planned; the earlier layer will have faded a little, so judge its shade before adding the next"))
        }
        return out
    }

    func depths(_ plan: Plan, constants c: SkinModelConstants) -> [ReviewFinding] {
        let r = rules.depth
        let range = c.recommendedNeedleDepthRange
        let rangeText = "\(Self.n(range.lowerBound))–\(Self.n(range.upperBound)) mm"
        let fixDepth = ReviewFixes.depth(within: range)
        var blowOut: [Int] = [], deep: [Int] = [], shallow: [Int] = []
        for (i, s) in plan.sessions.enumerated() {
            if s.deposit == .deep { blowOut.append(i) } else if s.depthMM > range.upperBound { deep.append(i) } else if s.depthMM < range.lowerBound { shallow.append(i) }
        }
        func depthsOf(_ idx: [Int]) -> String { Self.valueList(idx.map { Self.n(plan.sessions[$0].depthMM) }) + " mm" }
        var out: [ReviewFinding] = []
        if !blowOut.isEmpty {
            out.append(finding("depth.blow-out", .depth, .error, sessions: blowOut.map { $0 + 1 }, value: plan.sessions[blowOut[0]].depthMM,
                               threshold: range.upperBound,
                               "\(Self.sessionList(blowOut.map { $0 + 1 })) release\(blowOut.count == 1 ? "s" : "") the ink near the needle tip at \(depthsOf(blowOut)) (a blow-out): it heals as a light, blue-grey blur",
                               why: r.why, fix: "set deposit: needle-track and depth_mm \(Self.n(fixDepth)) (within \(rangeText))"))
        }
        if !deep.isEmpty {
            let worst = deep.map { plan.sessions[$0].depthMM }.max()!
            let error = worst > r.errorAboveMM
            out.append(finding("depth.too-deep", .depth, error ? .error : .warning, sessions: deep.map { $0 + 1 }, value: worst,
                               threshold: error ? r.errorAboveMM : range.upperBound,
                               "\(Self.sessionList(deep.map { $0 + 1 })) go\(deep.count == 1 ? "es" : "") \(depthsOf(deep)) deep, deeper than the recommended \(rangeText)",
                               why: r.why, fix: "set depth_mm to \(Self.n(fixDepth)) (within \(rangeText))"))
        }
        if !shallow.isEmpty {
            out.append(finding("depth.too-shallow", .depth, .warning, sessions: shallow.map { $0 + 1 },
                               value: shallow.map { plan.sessions[$0].depthMM }.min()!, threshold: range.lowerBound,
                               "\(Self.sessionList(shallow.map { $0 + 1 })) \(shallow.count == 1 ? "is" : "are") only \(depthsOf(shallow)) deep, above the recommended \(rangeText): pigment near the epidermis is shed and fades early",
                               why: r.why, fix: "set depth_mm to \(Self.n(fixDepth)) (within \(rangeText))"))
        }
        return out
    }

    func needles(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.needle
        var out: [ReviewFinding] = []
        let coarse = plan.sessions.indices.filter { plan.sessions[$0].needleMM > r.maxMM }
        if !coarse.isEmpty {
            out.append(finding("needle.too-coarse", .needle, .error, sessions: coarse.map { $0 + 1 },
                               value: coarse.map { plan.sessions[$0].needleMM }.max()!, threshold: r.maxMM,
                               "\(Self.sessionList(coarse.map { $0 + 1 })) use\(coarse.count == 1 ? "s" : "") \(Self.valueList(coarse.map { Self.n(plan.sessions[$0].needleMM) })) mm needles, coarser than any SMP needle (0.18–0.30 mm)",
                               why: r.why, fix: "use a \(Self.n(ReviewFixes.needleMM)) mm needle"))
        }
        if let last = plan.sessions.last, last.needleMM > r.finishingMaxMM, last.needleMM <= r.maxMM {
            out.append(finding("needle.finishing-coarse", .needle, .warning, sessions: [plan.sessions.count], value: last.needleMM,
                               threshold: r.finishingMaxMM,
                               "the finishing session uses a \(Self.n(last.needleMM)) mm needle; the hairline is defined with finer ones",
                               why: r.why, fix: "finish with a \(Self.n(ReviewFixes.finishingNeedleMM)) mm needle (#04)"))
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
                        why: r.why, fix: "set target_density_per_cm2 to \(Self.n(ReviewFixes.targetWithinNative(plan, rules: r), 0)) (the client's units: \(Self.n(units, 0))–\(Self.n(limit, 0)))")]
    }

    func hairline(_ plan: Plan) -> [ReviewFinding] {
        let r = rules.hairline, h = plan.design.hairline
        var out: [ReviewFinding] = []
        if h.heightAboveBrowMM < r.minHeightMM {
            out.append(finding("hairline.too-low", .hairline, .warning, region: "frontal", value: h.heightAboveBrowMM, threshold: r.minHeightMM,
                               "the hairline sits \(Self.n(h.heightAboveBrowMM, 0)) mm above the brow, lower than a natural 68–80 mm",
                               why: r.why, fix: "set hairline.height_above_brow_mm to \(Self.n(ReviewFixes.hairlineHeightMM, 0))"))
        }
        if h.transitionMM < r.minTransitionMM {
            out.append(finding("hairline.too-sharp", .hairline, .warning, region: "frontal", value: h.transitionMM, threshold: r.minTransitionMM,
                               "the hairline fades in over only \(Self.n(h.transitionMM, 1)) mm: a hard edge",
                               why: r.why, fix: "set hairline.transition_mm to \(Self.n(ReviewFixes.transitionMM, 0))"))
        }
        if h.irregularity < r.minIrregularity || h.shape == .straight {
            out.append(finding("hairline.too-straight", .hairline, .warning, region: "frontal", value: h.irregularity, threshold: r.minIrregularity,
                               "the hairline is \(h.shape == .straight ? "ruler-straight" : "almost regular") (shape \(h.shape.rawValue), irregularity \(Self.n(h.irregularity)))",
                               why: r.why, fix: "set hairline.shape: \(h.shape == .straight ? "rounded" : h.shape.rawValue) and irregularity \(Self.n(max(h.irregularity, ReviewFixes.irregularity)))"))
        }
        return out
    }
}
