import Foundation
import Support

/// One model's result on one series of a benchmark: fitted on the points before the cut-off,
/// judged on how well it predicts the points from the cut-off on.
public struct ModelForecast: Sendable, Codable, Equatable {
    public var model: String
    /// Status of the fit to the training points; only converged fits enter the leaderboard.
    public var status: FitStatus
    /// The test that stopped the training fit (`FitStopReason`).
    public var reason: FitStopReason?
    public var message: String?
    public var trainingPoints: Int
    public var forecastPoints: Int
    /// √(mean squared error) of the forecast over the held-out later points (all channels).
    public var forecastRMSE: Double?
    public var forecastMAE: Double?
    /// √(SSR/N) of the fit to the training points.
    public var inSampleRMSE: Double?
    public var aic: Double?
    public var bic: Double?
    /// exp(−ΔAIC/2) normalised over this series' converged fits (Burnham & Anderson 2002).
    public var akaikeWeight: Double?
    /// k-fold cross-validation RMSE within the training points.
    public var cvRMSE: Double?
    public var iterations: Int
    public var parameters: [ParameterEstimate]
    /// The forecast at the held-out days (channel after channel), for plots.
    public var forecast: [Double]
}

/// Every model on one series.
public struct SeriesBenchmark: Sendable, Codable, Equatable {
    public var series: String
    /// First forecast day: points before it train, points from it on are forecast.
    public var cutoffDay: Double?
    /// The model with the lowest forecast RMSE among converged fits (first listed on ties).
    public var winner: String?
    public var models: [ModelForecast]
}

/// One leaderboard row: a model's forecasting record over all series.
public struct LeaderboardRow: Sendable, Codable, Equatable {
    public var model: String
    /// Mean over series (each series weighs the same) of the forecast RMSE of converged fits.
    @NullWhenAbsent public var forecastRMSE: Double?
    @NullWhenAbsent public var forecastMAE: Double?
    @NullWhenAbsent public var cvRMSE: Double?
    /// Mean Akaike weight over the series where any model converged (0 where this one did not).
    @NullWhenAbsent public var meanAkaikeWeight: Double?
    /// Series on which this model forecast best.
    public var wins: Int
    /// Series on which its fit failed or did not converge (left out of its means).
    public var failed: Int
    /// 95 % bootstrap interval of `forecastRMSE` over series (`LeaderboardBootstrap`).
    @NullWhenAbsent public var forecastRMSELow: Double?
    @NullWhenAbsent public var forecastRMSEHigh: Double?
    /// Against the first row, over the series both scored on: the mean of this model's forecast
    /// RMSE minus the best's (positive: worse than the best), its 95 % bootstrap interval and
    /// the paired-bootstrap p-value; nil for the best itself and with fewer than 2 such series.
    @NullWhenAbsent public var versusBestDifference: Double?
    @NullWhenAbsent public var versusBestLow: Double?
    @NullWhenAbsent public var versusBestHigh: Double?
    @NullWhenAbsent public var versusBestP: Double?
    /// Models that are this one under these data (same fits and forecasts on every series),
    /// listed here instead of in rows of their own; empty when a file has no such key.
    @DefaultWhenAbsent public var identicalTo: [String]

    public init(model: String, forecastRMSE: Double?, forecastMAE: Double?, cvRMSE: Double?, meanAkaikeWeight: Double?,
                wins: Int, failed: Int, forecastRMSELow: Double? = nil, forecastRMSEHigh: Double? = nil,
                versusBestDifference: Double? = nil, versusBestLow: Double? = nil, versusBestHigh: Double? = nil,
                versusBestP: Double? = nil, identicalTo: [String] = []) {
        self.model = model; self.forecastRMSE = forecastRMSE; self.forecastMAE = forecastMAE; self.cvRMSE = cvRMSE
        self.meanAkaikeWeight = meanAkaikeWeight; self.wins = wins; self.failed = failed
        self.forecastRMSELow = forecastRMSELow; self.forecastRMSEHigh = forecastRMSEHigh
        self.versusBestDifference = versusBestDifference; self.versusBestLow = versusBestLow; self.versusBestHigh = versusBestHigh
        self.versusBestP = versusBestP; self.identicalTo = identicalTo
    }
}

/// A whole benchmark: the leaderboard (ordered by forecast RMSE) and the per-series detail.
public struct BenchmarkReport: Sendable, Codable, Equatable {
    public var observation: String
    /// The cut-off day given, or nil when each series was cut after two thirds of its points.
    public var forecastFrom: Double?
    public var folds: Int
    /// Bootstrap resamples and seed behind the leaderboard's intervals.
    public var bootstrapResamples: Int?
    public var bootstrapSeed: UInt64?
    public var leaderboard: [LeaderboardRow]
    public var series: [SeriesBenchmark]
}

extension FadeFitter {
    /// Benchmarks `models` on every series: fit on the points before `forecastFrom` (default, per
    /// series: the first ⌈2n/3⌉ points), forecast the rest, score. Parallel over series on
    /// `jobs` threads; the report does not depend on `jobs`.
    public func benchmark(_ series: [ObservedSeries], models: [FitModel], forecastFrom: Double?,
                          jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                          bootstrap: LeaderboardBootstrap = LeaderboardBootstrap()) -> BenchmarkReport {
        let plans = self.plans(models)
        let jobs = max(1, min(jobs, series.count))
        // One workspace per worker, reused for every series it takes; results by index.
        let results = parallelMap(count: series.count, jobs: jobs, chunk: min(64, series.count / (jobs * 8)),
                                  makeState: { FitWorkspace() }) { i, ws in
            benchmark(series[i], plans: plans, forecastFrom: forecastFrom, workspace: ws)
        }
        return BenchmarkReport(observation: kind.rawValue, forecastFrom: forecastFrom, folds: options.folds,
                               bootstrapResamples: bootstrap.resamples, bootstrapSeed: bootstrap.seed,
                               leaderboard: Self.leaderboard(results, models: models.map(\.name), bootstrap: bootstrap), series: results)
    }

    func benchmark(_ s: ObservedSeries, plans: [ModelPlan], forecastFrom: Double?, workspace: FitWorkspace) -> SeriesBenchmark {
        let n = s.days.count, channels = s.channels
        let cutoff = forecastFrom ?? (n >= 2 ? s.days[min(n - 1, (2 * n + 2) / 3)] : nil)
        let train = cutoff.map { c in s.days.prefix { $0 < c }.count } ?? n
        func failedAll(_ why: String) -> SeriesBenchmark {
            SeriesBenchmark(series: s.name, cutoffDay: cutoff, winner: nil, models: plans.map {
                ModelForecast(model: $0.model.name, status: .failed, reason: nil, message: why, trainingPoints: train, forecastPoints: n - train,
                              forecastRMSE: nil, forecastMAE: nil, inSampleRMSE: nil, aic: nil, bic: nil, akaikeWeight: nil,
                              cvRMSE: nil, iterations: 0, parameters: [], forecast: [])
            })
        }
        if let problem = s.problem { return failedAll(problem) }
        guard train > 0, train < n else {
            return failedAll("series \(s.name): the cut-off day \(cutoff.map(CSV.number) ?? "-") leaves \(train) training and \(n - train) forecast points; both must be > 0")
        }
        var trainValues: [Double] = [], heldOut: [Double] = []
        for c in 0..<channels {
            trainValues += s.values[(c * n)..<(c * n + train)]
            heldOut += s.values[(c * n + train)..<(c * n + n)]
        }
        let training = ObservedSeries(name: s.name, days: Array(s.days[..<train]), values: trainValues, channels: channels)
        let forecastDays = Array(s.days[train...])
        let fits = fit(training, plans: plans, workspace: workspace).fits
        var out: [ModelForecast] = []
        for (plan, f) in zip(plans, fits) {
            var m = ModelForecast(model: f.model, status: f.status, reason: f.reason, message: f.message, trainingPoints: train, forecastPoints: n - train,
                                  forecastRMSE: nil, forecastMAE: nil, inSampleRMSE: f.rmse, aic: f.aic, bic: f.bic, akaikeWeight: nil,
                                  cvRMSE: f.cvRMSE, iterations: f.iterations, parameters: f.parameters, forecast: [])
            if f.status != .failed, let predicted = predict(plan, estimates: f.parameters.map(\.estimate), days: forecastDays, channels: channels) {
                var sse = 0.0, sae = 0.0
                for (p, y) in zip(predicted, heldOut) { sse += (y - p) * (y - p); sae += abs(y - p) }
                if sse.isFinite {
                    m.forecastRMSE = (sse / Double(heldOut.count)).squareRoot()
                    m.forecastMAE = sae / Double(heldOut.count)
                    m.forecast = predicted
                }
            }
            out.append(m)
        }
        let converged = out.indices.filter { out[$0].status == .converged && out[$0].aic != nil }
        if let best = converged.map({ out[$0].aic! }).min() {
            let total = converged.reduce(0.0) { $0 + exp(-(out[$1].aic! - best) / 2) }
            for i in converged { out[i].akaikeWeight = exp(-(out[i].aic! - best) / 2) / total }
        }
        let ranked = converged.filter { out[$0].forecastRMSE != nil }.min { (out[$0].forecastRMSE!, $0) < (out[$1].forecastRMSE!, $1) }
        return SeriesBenchmark(series: s.name, cutoffDay: cutoff, winner: ranked.map { out[$0].model }, models: out)
    }

    /// `model`'s values at `days` from a fit's estimates (`ModelFit`/`ModelForecast` parameters,
    /// in their order), channel after channel; nil if it cannot be evaluated there. For charts.
    public func predict(_ model: FitModel, estimates: [Double], days: [Double], channels: Int) -> [Double]? {
        predict(plans([model])[0], estimates: estimates, days: days, channels: channels)
    }

    /// Model values at `days` from the estimates (model parameters, then per channel the affine
    /// skin/day-0 pair), channel after channel; nil if the model cannot be evaluated.
    func predict(_ plan: ModelPlan, estimates: [Double], days: [Double], channels: Int) -> [Double]? {
        let p = plan.spec.count
        guard estimates.count >= p else { return nil }
        var parameters = Array(estimates[..<p])
        var retained = [Double](repeating: 0, count: days.count), scratch = [Double](repeating: 0, count: p)
        func run<E: ModelEvaluator>(_ e: E) -> Bool {
            parameters.withUnsafeMutableBufferPointer { th in
                days.withUnsafeBufferPointer { d in
                    retained.withUnsafeMutableBufferPointer { v in
                        scratch.withUnsafeMutableBufferPointer { g in
                            (try? e.evaluate(parameters: th, days: d, values: v, jacobian: nil, gradientScratch: g)) != nil
                        }
                    }
                }
            }
        }
        let ok: Bool
        switch plan.model {
        case .expression(let m): ok = run(ExpressionEvaluator(program: m.program))
        case .builtIn(let kind):
            let conditions = FadeConditions(rateMultiplier: 1, sunExposure: options.sunExposure)
            ok = kind.accept(BuiltInRunner(conditions: conditions, spec: plan.spec, run: { run($0) }))
        }
        guard ok else { return nil }
        guard kind.isAffine else { return retained }
        guard estimates.count == p + 2 * channels else { return nil }
        var out: [Double] = []
        for c in 0..<channels {
            let skin = estimates[p + 2 * c], day0 = estimates[p + 2 * c + 1]
            out += retained.map { skin + (day0 - skin) * $0 }
        }
        return out
    }

    /// One row per model (models identical under the data folded into the first of them),
    /// ordered by mean forecast RMSE, with bootstrap intervals and the paired comparison with
    /// the best (`LeaderboardBootstrap`).
    static func leaderboard(_ results: [SeriesBenchmark], models: [String],
                            bootstrap: LeaderboardBootstrap = LeaderboardBootstrap()) -> [LeaderboardRow] {
        let leader = identicalGroups(results, modelCount: models.count)
        // Per model, its forecast RMSE on each series (nil where it did not converge).
        let scored: [[Double?]] = models.indices.map { j in
            results.map { r in r.models[j].status == .converged ? r.models[j].forecastRMSE : nil }
        }
        var rows: [(index: Int, row: LeaderboardRow)] = []
        for (j, name) in models.enumerated() where leader[j] == j {
            var mae: [Double] = [], cv: [Double] = [], weights: [Double] = []
            var wins = 0, failed = 0
            for (s, r) in results.enumerated() {
                let m = r.models[j]
                if r.winner == name { wins += 1 }
                if r.models.contains(where: { $0.akaikeWeight != nil }) { weights.append(m.akaikeWeight ?? 0) }
                guard scored[j][s] != nil else { failed += 1; continue }
                mae.append(m.forecastMAE!)
                if let c = m.cvRMSE { cv.append(c) }
            }
            let rmse = scored[j].compactMap { $0 }
            func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
            let interval = bootstrap.meanInterval(rmse, stream: UInt64(2 * j))
            rows.append((j, LeaderboardRow(model: name, forecastRMSE: mean(rmse), forecastMAE: mean(mae), cvRMSE: mean(cv),
                                           meanAkaikeWeight: mean(weights), wins: wins, failed: failed,
                                           forecastRMSELow: interval?.low, forecastRMSEHigh: interval?.high,
                                           identicalTo: models.indices.filter { $0 != j && leader[$0] == j }.map { models[$0] })))
        }
        rows.sort { a, b in (a.row.forecastRMSE ?? .infinity, a.index) < (b.row.forecastRMSE ?? .infinity, b.index) }
        guard let best = rows.first, best.row.forecastRMSE != nil else { return rows.map(\.row) }
        for k in rows.indices.dropFirst() {
            let j = rows[k].index
            let differences = results.indices.compactMap { s -> Double? in
                guard let a = scored[j][s], let b = scored[best.index][s] else { return nil }
                return a - b
            }
            if let c = bootstrap.pairedComparison(differences, stream: UInt64(2 * j + 1)) {
                rows[k].row.versusBestDifference = c.mean
                rows[k].row.versusBestLow = c.low
                rows[k].row.versusBestHigh = c.high
                rows[k].row.versusBestP = c.p
            }
        }
        return rows.map(\.row)
    }
}

/// Runs a closure with the evaluator of a built-in model type chosen at run time.
private struct BuiltInRunner: FadeModelVisitor {
    let conditions: FadeConditions
    let spec: [FadeParameter]
    let run: (any ModelEvaluator) -> Bool
    func visit<M: FadeModel>(_: M.Type) -> Bool { run(BuiltInEvaluator<M>(conditions: conditions, specification: spec)) }
}
