import Plans

/// When each region first needs a touch-up, from the fade model, and the session to suggest.
///
/// A region crosses when the dot-count-weighted colour change of its sessions reaches the
/// plan's `touch_up.max_delta_e00` (criterion **colour**), or its perceived density falls to
/// `touch_up.min_perceived_fraction` of what the sessions reached, at most the target
/// (criterion **density**; a shortfall the sessions never closed is the review's
/// `density.shortfall`, not fading). Days are searched weekly for ten years after the last
/// session (the answer is accurate to 7 days), coarse weeks first (`coarseStride`).
///
/// The suggested day is set by regions of at least `minRegionAreaCM2` of treated skin: a
/// feathered sliver of a few cm² holds a few hundred dots whose mix of sessions (and so its
/// colour change) varies from seed to seed, and it is touched up with its neighbours anyway.
/// Where no region is that large (a small patch), the whole treated area (`all`) sets it.
public struct TouchUpSchedule: Sendable {
    /// Which threshold a region crossed first.
    public enum Criterion: String, Sendable { case colour, density }

    public struct Region: Sendable {
        public let region: String
        public let treatedAreaCM2: Double
        public let deltaE00Day: Double?
        public let perceivedDensityDay: Double?
        public var firstDay: Double? { [deltaE00Day, perceivedDensityDay].compactMap { $0 }.min() }
        /// Colour when its day comes first (or on the same day), else density.
        public var criterion: Criterion? {
            guard let first = firstDay else { return nil }
            return deltaE00Day == first ? .colour : .density
        }
    }

    public struct Suggestion: Sendable {
        public let day: Double
        /// The region whose crossing sets the day, and which threshold it crossed.
        public let region: String
        public let criterion: Criterion
        /// Every region due within 180 days of `day` (small ones included).
        public let regions: [String]
        public let pigment: String
        public let dilution: Double
        public let needleMM: Double
        public let depthMM: Double
        public let note: String
    }

    /// The suggested day over several seeds of the same plan (`TouchUpSeeds`): dot placement
    /// is random, so a date to the day from one seed claims more than the model knows.
    public struct SeedSpread: Sendable, Equatable {
        /// The plan's own seed first, then the derived ones.
        public let seeds: [UInt64]
        /// Each seed's suggested day (nil: none within ten years).
        public let days: [Double?]
        public init(seeds: [UInt64], days: [Double?]) {
            self.seeds = seeds
            self.days = days
        }
        /// The median and the extremes, a day beyond the horizon counting as later than any
        /// (nil when the median or extreme lies beyond it).
        public var median: Double? { Self.sorted(days)[days.count / 2] }
        public var earliest: Double? { Self.sorted(days).first ?? nil }
        public var latest: Double? { Self.sorted(days).last ?? nil }

        static func sorted(_ days: [Double?]) -> [Double?] {
            days.sorted { ($0 ?? .infinity) < ($1 ?? .infinity) }
        }
    }

    public let maxDeltaE00: Double
    public let minPerceivedFraction: Double
    /// Per region, then "all".
    public let regions: [Region]
    public let suggestion: Suggestion?
    /// The suggested day over `TouchUpSeeds.count` seeds (set by `SimulationEngine`).
    public internal(set) var spread: SeedSpread?

    /// Regions with less treated skin than this do not set the suggested day alone, cm²
    /// (**assumption**: 10 cm² holds about a thousand dots at the demo's 87–110/cm², enough for
    /// the dot-weighted colour change to vary by less than a week between seeds; the shipped
    /// Norwood V plan's side and back slivers are 4.7–8.1 cm², its temples 21 cm²).
    public static let minRegionAreaCM2 = 10.0
    package static let stepDays = 7.0
    static let horizonDays = 3650.0

    /// How the crossing days are searched: every `coarseStride`-th week, then weekly inside the
    /// interval where a condition first holds (`FirstCrossingSearch`; the same days as the full
    /// weekly scan while the conditions are monotone in time, tested on every shipped plan).
    package static let coarseStride = 8

    /// The schedule of the evaluator's own dots.
    init(evaluator: FadeEvaluator, search: FirstCrossingSearch = .coarse(stride: coarseStride)) throws(SimulationError) {
        self = try Self.schedules(evaluator: evaluator, censuses: [evaluator.census], search: search)[0]
    }

    /// One schedule per census (the same plan's dots placed with different seeds). The sessions'
    /// faded looks on a day do not depend on where the dots fell, so each searched day computes
    /// them once for every census; each census's answers are those a search of it alone gives
    /// (a condition's first day depends only on its own flags).
    static func schedules(evaluator: FadeEvaluator, censuses: [TouchUpCensus],
                          search: FirstCrossingSearch = .coarse(stride: coarseStride)) throws(SimulationError) -> [TouchUpSchedule] {
        let plan = evaluator.result.plan
        let start = plan.sessions.last!.day
        // The weekly days, accumulated as the scan always did (t += 7 from the last session).
        var days: [Double] = []
        var t = start
        while t <= start + horizonDays {
            days.append(t)
            t += stepDays
        }
        // Conditions of census k, region r: colour at k·2n + r, density at k·2n + n + r. From the
        // last session on every session is placed, so a region's dots are fixed: one without dots
        // never crosses and is not searched.
        let n = censuses[0].names.count
        let dots = censuses.map { c in c.names.indices.map { r in c.counts.reduce(0) { $0 + $1[r] } } }
        let references = censuses.map(\.fadingReference)
        var active: [Int] = []
        for k in censuses.indices {
            let searched = (0..<n).filter { dots[k][$0] > 0 }
            active += searched.map { k * 2 * n + $0 } + searched.map { k * 2 * n + n + $0 }
        }
        let maxDelta = plan.touchUp.maxDeltaE00, minFraction = plan.touchUp.minPerceivedFraction
        let first = try search.firstSteps(steps: days.count, conditions: 2 * n * censuses.count, active: active) { step throws(SimulationError) in
            let looks = try evaluator.looks(atDay: days[step])
            var flags = [Bool](repeating: false, count: 2 * n * censuses.count)
            for (k, census) in censuses.enumerated() {
                let density = evaluator.perceived(looks, census: census).density
                for r in 0..<n where dots[k][r] > 0 {
                    let change = looks.reduce(0.0) { $0 + Double(census.counts[$1.session - 1][r]) * $1.deltaE00ToHealed } / Double(dots[k][r])
                    flags[k * 2 * n + r] = change >= maxDelta
                    flags[k * 2 * n + n + r] = references[k][r] > 0 ? density[r] / references[k][r] <= minFraction : false
                }
            }
            return flags
        }
        return censuses.indices.map { k in
            let regions = (0..<n).map { r in
                Region(region: censuses[k].names[r], treatedAreaCM2: censuses[k].treatedArea[r],
                       deltaE00Day: first[k * 2 * n + r].map { days[$0] }, perceivedDensityDay: first[k * 2 * n + n + r].map { days[$0] })
            }
            return TouchUpSchedule(plan: plan, regions: regions)
        }
    }

    private init(plan: Plan, regions: [Region]) {
        maxDeltaE00 = plan.touchUp.maxDeltaE00
        minPerceivedFraction = plan.touchUp.minPerceivedFraction
        self.regions = regions
        let due = regions.dropLast().filter { $0.firstDay != nil }
        let large = due.filter { $0.treatedAreaCM2 >= Self.minRegionAreaCM2 }
        let setters = large.isEmpty ? regions.suffix(1).filter { $0.firstDay != nil } : large
        guard let first = setters.compactMap(\.firstDay).min(), let setter = setters.first(where: { $0.firstDay == first }) else {
            suggestion = nil
            return
        }
        let last = plan.sessions.last!
        suggestion = Suggestion(
            day: first, region: setter.region, criterion: setter.criterion ?? .colour,
            regions: due.filter { ($0.firstDay ?? .infinity) <= first + 180 }.map(\.region),
            pigment: last.pigment.name, dilution: last.dilution, needleMM: last.needleMM, depthMM: last.depthMM,
            note: "re-pigment the faded dots of these regions: same pigment, needle and depth as the last session")
    }
}
