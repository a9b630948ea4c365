
/// When each region first needs a touch-up, from the fade model, and the session to suggest.
///
/// A region crosses when the dot-count-weighted colour change of its sessions reaches the
/// plan's `touch_up.max_delta_e00`, or its perceived density falls to
/// `touch_up.min_perceived_fraction` of target. Days are searched weekly for ten years after
/// the last session (the answer is accurate to 7 days).
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

    init(evaluator: FadeEvaluator) throws(SimulationError) {
        let plan = evaluator.result.plan
        maxDeltaE00 = plan.touchUp.maxDeltaE00
        minPerceivedFraction = plan.touchUp.minPerceivedFraction
        let names = evaluator.result.scalp.regions.names + ["all"]
        var deltaDay = [Double?](repeating: nil, count: names.count), perceivedDay = deltaDay
        let start = plan.sessions.last!.day
        var t = start
        while t <= start + Self.horizonDays, deltaDay.contains(where: { $0 == nil }) || perceivedDay.contains(where: { $0 == nil }) {
            let looks = try evaluator.looks(atDay: t)
            let fraction = evaluator.perceived(looks).fraction
            for r in names.indices {
                let dots = looks.reduce(0) { $0 + evaluator.counts[$1.session - 1][r] }
                guard dots > 0 else { continue }
                let change = looks.reduce(0.0) { $0 + Double(evaluator.counts[$1.session - 1][r]) * $1.deltaE00ToHealed } / Double(dots)
                if deltaDay[r] == nil, change >= maxDeltaE00 { deltaDay[r] = t }
                if perceivedDay[r] == nil, fraction[r] <= minPerceivedFraction { perceivedDay[r] = t }
            }
            t += Self.stepDays
        }
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
