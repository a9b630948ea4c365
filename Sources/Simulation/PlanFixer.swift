import Foundation
import Plans

/// Applies every fix of a review to a copy of the plan (`stipple review --fix`): the values
/// the findings' "fix" texts name (`ReviewFixes`), in one pass, so fixes that touch the same
/// field agree (one session schedule, one shade). Notes are left alone (they ask for judgement,
/// not a change). Rounded to two decimals, as a trainer would write them.
public struct PlanFixer: Sendable {
    public let reviewer: PlanReviewer

    public init(reviewer: PlanReviewer) { self.reviewer = reviewer }

    /// The plan with the fixes of `result.review` applied (unchanged when nothing is to fix).
    public func fixed(_ result: SimulationResult) -> Plan {
        var plan = result.plan
        let findings = result.review.filter { $0.severity != .note }
        let rules = Set(findings.map(\.rule))
        let r = reviewer.rules
        func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

        // Structure first: how many sessions, then when.
        if rules.contains("layering.single-session") || rules.contains("layering.step") || rules.contains("scar.sessions") {
            let count = max(ReviewFixes.sessionCount(plan, maxStep: r.layering.maxStepWarning),
                            rules.contains("scar.sessions") ? r.scar.minSessions : 0)
            let fractions = ReviewFixes.sessionFractions(count: count, final: plan.sessions.last!.fractionOfTarget)
            let old = plan.sessions
            plan.sessions = fractions.enumerated().map { i, f in
                var s = old[min(old.count - 1, i * old.count / count)]
                s.fractionOfTarget = f
                s.day = old[0].day + Double(i) * ReviewFixes.sessionGapDays
                return s
            }
        }
        if rules.contains("interval.too-short") {
            let days = ReviewFixes.sessionDays(plan, rules: r.interval)
            for i in plan.sessions.indices { plan.sessions[i].day = days[i] }
        }
        let range = reviewer.colours.skins.basis.constants.recommendedNeedleDepthRange
        for i in plan.sessions.indices {
            if plan.sessions[i].deposit == .deep { plan.sessions[i].deposit = .needleTrack }
            if !range.contains(plan.sessions[i].depthMM) { plan.sessions[i].depthMM = ReviewFixes.depth(within: range) }
            if plan.sessions[i].needleMM > r.needle.maxMM { plan.sessions[i].needleMM = ReviewFixes.needleMM }
        }
        if rules.contains("needle.finishing-coarse"), let last = plan.sessions.indices.last {
            plan.sessions[last].needleMM = ReviewFixes.finishingNeedleMM
        }
        // Spacing and density.
        if rules.contains("spacing.factor") || rules.contains("spacing.merging") || rules.contains("spacing.helmet") {
            plan.design.spacingFactor = max(plan.design.spacingFactor, ReviewFixes.spacingFactor)
        }
        if rules.contains("spacing.random-placement") || rules.contains("spacing.merging") || rules.contains("spacing.helmet") {
            plan.design.placement = .even
        }
        if rules.contains("spacing.merging") || rules.contains("spacing.helmet") {
            for i in plan.sessions.indices { plan.sessions[i].needleMM = min(plan.sessions[i].needleMM, ReviewFixes.needleMM) }
        }
        if rules.contains("density.above-native") || rules.contains("spacing.helmet") {
            plan.design.targetDensityPerCM2 = min(plan.design.targetDensityPerCM2, ReviewFixes.targetWithinNative(plan, rules: r.density))
        }
        if let f = findings.first(where: { $0.rule == "density.shortfall" }) {
            let fix = ReviewFixes.shortfallFix(result.plan, reachedFraction: f.value)
            if let factor = fix.spacingFactor { plan.design.spacingFactor = factor }
            if let target = fix.target { plan.design.targetDensityPerCM2 = min(plan.design.targetDensityPerCM2, target) }
        }
        // The hairline.
        if rules.contains("hairline.too-low") { plan.design.hairline.heightAboveBrowMM = ReviewFixes.hairlineHeightMM }
        if rules.contains("hairline.too-sharp") { plan.design.hairline.transitionMM = ReviewFixes.transitionMM }
        if rules.contains("hairline.too-straight") {
            if plan.design.hairline.shape == .straight { plan.design.hairline.shape = .rounded }
            plan.design.hairline.irregularity = max(plan.design.hairline.irregularity, ReviewFixes.irregularity)
        }
        // Colour and fading: one shade for every session, lighter first.
        if findings.contains(where: { $0.category == .colour || $0.category == .fading }) {
            let n = plan.sessions.count
            // The advice names a pigment the solver took from this library, so the lookup finds
            // it; were it ever missing, the fix is the lasting shade, as without advice.
            if let best = reviewer.shadeAdvice(result)?.best, let pigment = try? reviewer.colours.pigments.pigment(named: best.pigment) {
                let ladder = ReviewFixes.dilutionLadder(best.dilution, sessions: n)
                for i in plan.sessions.indices {
                    plan.sessions[i].pigment = pigment
                    plan.sessions[i].depthMM = round2(best.depthMM)
                    plan.sessions[i].dilution = ladder[i]
                }
            } else {
                let shade = ReviewFixes.lastingShade(sessions: n)
                for i in plan.sessions.indices {
                    plan.sessions[i].dilution = max(plan.sessions[i].dilution, shade.dilutions[i])
                    plan.sessions[i].depthMM = max(plan.sessions[i].depthMM, shade.depthMM)
                }
            }
        }
        return plan
    }
}
