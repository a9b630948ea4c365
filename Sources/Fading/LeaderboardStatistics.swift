import Foundation
import Support

/// How sure a leaderboard is: a ranking of means over a handful of series says little unless it
/// says how much those means could move.
///
/// * **Each model's mean forecast RMSE** gets a 95 % percentile-bootstrap interval: the series
///   it scored on are resampled with replacement `resamples` times (each series weighs the
///   same, as in the mean itself) and the 2.5 % and 97.5 % quantiles of the resampled means
///   are reported.
/// * **Each model against the best** (the first row): the per-series differences in forecast
///   RMSE over the series both scored on, their mean, its 95 % bootstrap interval and a
///   two-sided paired-bootstrap p-value (twice the smaller share of resampled means on either
///   side of 0, at least 1/`resamples`). Pairing removes what the series share (how noisy or
///   how long each is), which the two separate intervals would double count.
///
/// Resampling is seeded (`seed`) and runs after the fits, on one thread: the same report for
/// any number of jobs. With fewer than 2 series there is nothing to resample (nil).
public struct LeaderboardBootstrap: Sendable {
    public var resamples: Int
    public var seed: UInt64

    public init(resamples: Int = 2000, seed: UInt64 = 1) {
        self.resamples = resamples
        self.seed = seed
    }

    /// 95 % percentile interval of the mean of `values` (series resampled with replacement).
    func meanInterval(_ values: [Double], stream: UInt64) -> (low: Double, high: Double)? {
        guard values.count >= 2 else { return nil }
        let means = resampledMeans(values, stream: stream)
        return (Self.quantile(means, 0.025), Self.quantile(means, 0.975))
    }

    /// Mean difference, its 95 % interval and the two-sided paired-bootstrap p-value.
    func pairedComparison(_ differences: [Double], stream: UInt64) -> (mean: Double, low: Double, high: Double, p: Double)? {
        guard differences.count >= 2 else { return nil }
        let mean = differences.reduce(0, +) / Double(differences.count)
        let means = resampledMeans(differences, stream: stream)
        let below = means.filter { $0 <= 0 }.count, above = means.filter { $0 >= 0 }.count
        let p = min(1, max(1 / Double(resamples), 2 * Double(min(below, above)) / Double(resamples)))
        return (mean, Self.quantile(means, 0.025), Self.quantile(means, 0.975), p)
    }

    /// `resamples` means of `values` resampled with replacement, sorted.
    private func resampledMeans(_ values: [Double], stream: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar.stream(seed: seed, stream)
        let n = values.count
        var means = [Double](repeating: 0, count: resamples)
        for b in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += values[Int(rng.next() % UInt64(n))] }
            means[b] = sum / Double(n)
        }
        means.sort()
        return means
    }

    /// The `p` quantile of sorted values, linear between order statistics (type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = p * Double(sorted.count - 1)
        let i = Int(h.rounded(.down)), f = h - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}

extension FadeFitter {
    /// Groups of models that are the same model under these data: on every series the same
    /// status and the same in-sample and forecast values (to 1e-9 relative), e.g. `uv` with its
    /// gain held against `bi`, or a model file that restates a built-in. Each group is listed
    /// once, under its first model (in the order given); returns, per model, the index of the
    /// model it is folded into (itself when it leads its group).
    static func identicalGroups(_ results: [SeriesBenchmark], modelCount: Int) -> [Int] {
        func same(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case let (x?, y?): return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
            default: return false
            }
        }
        func identical(_ i: Int, _ j: Int) -> Bool {
            results.allSatisfy { r in
                let a = r.models[i], b = r.models[j]
                return a.status == b.status && same(a.inSampleRMSE, b.inSampleRMSE) && same(a.forecastRMSE, b.forecastRMSE)
                    && a.forecast.count == b.forecast.count && zip(a.forecast, b.forecast).allSatisfy { same($0, $1) }
            }
        }
        var leader = Array(0..<modelCount)
        guard !results.isEmpty else { return leader }
        for j in 0..<modelCount {
            for i in 0..<j where leader[i] == i && identical(i, j) { leader[j] = i; break }
        }
        return leader
    }
}
