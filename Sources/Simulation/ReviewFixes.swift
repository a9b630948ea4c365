import Foundation
import Plans

/// The values the review's fixes set, computed once so a finding's "fix" text and
/// `PlanFixer` (`stipple review --fix`) say and do the same thing. Each constant is a value the
/// shipped demo plan uses and the review passes (**assumptions** of good practice, listed in
/// `Data/SOURCES.md` "Review thresholds and fixes").
public enum ReviewFixes {
    /// Days between a session and the next when sessions are added (the middle of 14–30).
    public static let sessionGapDays = 21.0
    /// The least gap an interval fix leaves (the demo's 14 days between sessions 1 and 2).
    public static let minGapDays = 14.0
    /// Spacing factor of the demo (reaches its target and never merges).
    public static let spacingFactor = 0.7
    public static let needleMM = 0.25
    public static let finishingNeedleMM = 0.18
    public static let hairlineHeightMM = 75.0
    public static let transitionMM = 8.0
    public static let irregularity = 0.4

    /// A needle depth inside the recommended range: the demo's 0.6 mm, clamped into it.
    public static func depth(within range: ClosedRange<Double>) -> Double { min(range.upperBound, max(range.lowerBound, 0.6)) }

    /// Sessions needed so no step exceeds `maxStep` (at least 3, the practitioners' standard).
    public static func sessionCount(_ plan: Plan, maxStep: Double) -> Int {
        max(3, Int((plan.sessions.last!.fractionOfTarget / min(0.4, maxStep)).rounded(.up)))
    }

    /// Cumulative fractions for `count` sessions ending at `final`: the published 30 → 70 → 100 %
    /// for three, equal steps otherwise.
    public static func sessionFractions(count: Int, final: Double) -> [Double] {
        if count == 3 { return [0.3, 0.7, 1.0].map { ($0 * final * 100).rounded() / 100 } }
        return (1...count).map { (Double($0) / Double(count) * final * 100).rounded() / 100 }
    }

    /// One consistent schedule: a gap shorter than the review's warning becomes `minGapDays`,
    /// every later session moving with it, so gaps that were fine stay as they were.
    public static func sessionDays(_ plan: Plan, rules: ReviewRules.Interval) -> [Double] {
        var days = plan.sessions.map(\.day)
        for k in days.indices.dropFirst() {
            let gap = plan.sessions[k].day - plan.sessions[k - 1].day
            days[k] = days[k - 1] + (gap < rules.minDaysWarning ? minGapDays : gap)
        }
        return days
    }

    /// The largest design density within the client's follicular units × the review's limit.
    public static func targetWithinNative(_ plan: Plan, rules: ReviewRules.Density) -> Double {
        (plan.client.nativeHairDensity / rules.hairsPerFollicularUnit * rules.maxTargetPerUnitDensity).rounded(.down)
    }

    /// Lighter first over the sessions, as `stipple init` builds it (`PlanTemplate.shadeLadder`:
    /// 80 % → 100 % of the finishing dilution; practitioners shade up over sessions).
    public static func dilutionLadder(_ dilution: Double, sessions: Int) -> [Double] {
        guard sessions > 1 else { return [dilution] }
        let first = PlanTemplate.shadeLadder[0], last = Double(sessions - 1)
        return (0..<sessions).map { i -> Double in
            let share: Double = first + (1 - first) * Double(i) / last
            let percent: Double = (dilution * share * 100).rounded()
            return min(1, max(0.02, percent / 100))
        }
    }

    /// A shade that lasts when no hair colour is given: the demo's finishing dilution 0.85,
    /// laddered, at 0.6 mm (its touch-up is due after about 4 years).
    public static func lastingShade(sessions: Int) -> (dilutions: [Double], depthMM: Double) {
        (dilutionLadder(0.85, sessions: sessions), 0.6)
    }

    /// What reaches a density the sessions fell short of: a tighter spacing factor when the
    /// plan's is looser than the demo's (the spacing rule caps a blue-noise layout's density),
    /// else a design density the layout reaches.
    public static func shortfallFix(_ plan: Plan, reachedFraction: Double) -> (text: String, spacingFactor: Double?, target: Double?) {
        if plan.design.spacingFactor > spacingFactor {
            return ("set spacing_factor to \(FixedDecimalText.n(spacingFactor, 1)): at \(FixedDecimalText.n(plan.design.spacingFactor, 2)) dots must stay so far apart that no layout reaches the target (the shipped plans reach it at 0.7)",
                    spacingFactor, nil)
        }
        let target = (plan.design.targetDensityPerCM2 * reachedFraction).rounded(.down)
        return ("set target_density_per_cm2 to \(FixedDecimalText.n(target, 0)) (what this layout reaches), or add a session", nil, target)
    }
}

/// Fixed decimals as the review prints them.
enum FixedDecimalText {
    static func n(_ x: Double, _ d: Int) -> String { PlanReviewer.n(x, d) }
}
