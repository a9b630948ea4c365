
/// When each region first needs a touch-up, from the fade model, and the session to suggest.
///
/// A region crosses when the dot-count-weighted colour change of its sessions reaches the
/// plan's `touch_up.max_delta_e00`, or its perceived density falls to
/// `touch_up.min_perceived_fraction` of target. Days are searched weekly for ten years after
/// the last session (the answer is accurate to 7 days), coarse weeks first (`coarseStride`).
public struct TouchUpSchedule: Sendable {
    public struct Region: Sendable {
        public let region: String
        public let deltaE00Day: Double?
        public let perceivedDensityDay: Double?
        public var firstDay: Double? { [deltaE00Day, perceivedDensityDay].compactMap { $0 }.min() }
    }

    public struct Suggestion: Sendable {
        public let day: Double
        public let regions: [String]
        public let pigment: String
        public let dilution: Double
        public let needleMM: Double
        public let depthMM: Double
        public let note: String
    }

    public let maxDeltaE00: Double
    public let minPerceivedFraction: Double
    /// Per region, then "all".
    public let regions: [Region]
    public let suggestion: Suggestion?

    package static let stepDays = 7.0
    static let horizonDays = 3650.0

    /// How the crossing days are searched: every `coarseStride`-th week, then weekly inside the
    /// interval where a condition first holds (`FirstCrossingSearch`; the same days as the full
    /// weekly scan while the conditions are monotone in time, tested on every shipped plan).
    package static let coarseStride = 8

    init(evaluator: FadeEvaluator, search: FirstCrossingSearch = .coarse(stride: coarseStride)) throws(SimulationError) {
        let plan = evaluator.result.plan
        maxDeltaE00 = plan.touchUp.maxDeltaE00
        minPerceivedFraction = plan.touchUp.minPerceivedFraction
        let names = evaluator.result.scalp.regions.names + ["all"]
        let start = plan.sessions.last!.day
        // The weekly days, accumulated as the scan always did (t += 7 from the last session).
        var days: [Double] = []
        var t = start
        while t <= start + Self.horizonDays {
            days.append(t)
            t += Self.stepDays
        }
        // From the last session on every session is placed, so a region's dots are fixed: one
        // without dots never crosses and is not searched. Conditions: ΔE00 of region r (index r),
        // perceived fraction of region r (index names.count + r).
        let sessions = plan.sessions.indices
        let dots = names.indices.map { r in sessions.reduce(0) { $0 + evaluator.counts[$1][r] } }
        let searched = names.indices.filter { dots[$0] > 0 }
        let maxDelta = maxDeltaE00, minFraction = minPerceivedFraction
        let first = try search.firstSteps(steps: days.count, conditions: 2 * names.count,
                                          active: searched + searched.map { names.count + $0 }) { step throws(SimulationError) in
            let looks = try evaluator.looks(atDay: days[step])
            let fraction = evaluator.perceived(looks).fraction
            var flags = [Bool](repeating: false, count: 2 * names.count)
            for r in searched {
                let change = looks.reduce(0.0) { $0 + Double(evaluator.counts[$1.session - 1][r]) * $1.deltaE00ToHealed } / Double(dots[r])
                flags[r] = change >= maxDelta
                flags[names.count + r] = fraction[r] <= minFraction
            }
            return flags
        }
        let deltaDay = names.indices.map { first[$0].map { days[$0] } }
        let perceivedDay = names.indices.map { first[names.count + $0].map { days[$0] } }
        regions = names.indices.map { Region(region: names[$0], deltaE00Day: deltaDay[$0], perceivedDensityDay: perceivedDay[$0]) }
        let due = regions.dropLast().filter { $0.firstDay != nil }
        if let first = due.compactMap(\.firstDay).min() {
            let last = plan.sessions.last!
            suggestion = Suggestion(
                day: first, regions: due.filter { ($0.firstDay ?? .infinity) <= first + 180 }.map(\.region),
                pigment: last.pigment, dilution: last.dilution, needleMM: last.needleMM, depthMM: last.depthMM,
                note: "re-pigment the faded dots of these regions (density is already at target): same pigment, needle and depth as the last session")
        } else {
            suggestion = nil
        }
    }
}
