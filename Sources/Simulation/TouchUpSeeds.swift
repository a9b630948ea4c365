import Support
import Plans
import Support

/// The touch-up date over several seeds of one plan.
///
/// Where each dot falls is random, and a region's colour change is the mean over its dots'
/// sessions, so the day a region crosses moves with the seed (the demo's date ranged from day
/// 1022 to 1582 over seeds 1–12 while an 8 cm² back sliver could set it alone). The
/// schedule is therefore computed for the plan's seed and `count − 1` seeds derived from it
/// (named seed stream `SeedStreams.touchUpSeed(k)`), and reported as a median and a range.
/// Only the placement is repeated per seed (no metrics, no follow-ups, no pictures), and each
/// searched day's faded looks are shared by all seeds (`TouchUpSchedule.schedules`).
public enum TouchUpSeeds {
    /// Seeds per plan (**assumption**: enough for a median and a range without dominating the
    /// run: on the demo every plan seed 1…20 gives a median of day 1582 and a range within
    /// 1575–1589; the extra placements take a release build's whole-plan CPU from about 1.45 to
    /// 1.7 s with pictures, and from 0.09 to 0.43 s without, docs/performance.md).
    public static let count = 9

    /// The plan's seed, then `count − 1` seeds derived from it.
    public static func seeds(for plan: Plan, count: Int = TouchUpSeeds.count) -> [UInt64] {
        [plan.seed] + (1..<max(1, count)).map { SeedStreams.seed(plan.seed, stream: SeedStreams.touchUpSeed($0)) }
    }

    /// The evaluator's own schedule, with the spread over it and `censuses` (the other seeds'
    /// placements, in `seeds` order).
    static func schedule(evaluator: FadeEvaluator, seeds: [UInt64], censuses: [TouchUpCensus]) throws(SimulationError) -> TouchUpSchedule {
        let own = evaluator.census
        // A census on another region layout (never for one plan's seeds) cannot share the search.
        let usable = zip(seeds, censuses).filter { $0.1.names == own.names }
        let all = try TouchUpSchedule.schedules(evaluator: evaluator, censuses: [own] + usable.map(\.1))
        var schedule = all[0]
        schedule.spread = TouchUpSchedule.SeedSpread(seeds: [evaluator.result.plan.seed] + usable.map(\.0),
                                                     days: all.map { $0.suggestion?.day })
        return schedule
    }
}
