import ArgumentParser
import CommandOptions
import Fading
import Figures
import Foundation
import Reports

struct FadeBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Compare fade models by forecasting: fit each series before a cut-off day, predict the rest.",
        discussion: """
            For every series and model: fit the points before the cut-off (default: each series'
            first ⌈2n/3⌉ points), forecast the points from the cut-off on, and score forecast
            RMSE and MAE, in-sample RMSE, AIC/BIC with Akaike weights, k-fold CV RMSE (within
            the training points) and convergence.
            Output (CSV): the leaderboard, one row per model ordered by forecast RMSE:
            model, forecast_rmse (with its 95 % bootstrap interval over series, _low/_high),
            forecast_mae, cv_rmse, mean_akaike_weight, wins, failed (means over series; a
            model's failed or unconverged fits are counted in 'failed' and left out of its
            means), versus_best_difference/_low/_high/_p (paired bootstrap against the first
            row over the series both scored on), identical_to (models that are this one under
            the data, listed once). --json adds the per-series detail. --seed and
            --bootstrap set the resampling.
            Results are identical for any --jobs. Exit status: 0 all fits converged; 2 some did
            not (reported); 1 the run failed (bad file, model or option).
            """)

    @Argument(help: "CSV file: series,day,value (or series,day,L / series,day,L,a,b).")
    var file: String

    @OptionGroup var fitting: FadeFitOptions

    @Option(name: .customLong("forecast-from"), help: "First forecast day (points before it train). Default: per series after ⌈2n/3⌉ points.")
    var forecastFrom: Double?

    @Flag(name: .long, help: "Write the whole report (leaderboard and per-series detail) as JSON.")
    var json = false

    @Option(name: [.customLong("charts"), .customLong("png")], help: ArgumentHelp(
        "Also draw per-series fit/forecast/residual charts and a leaderboard chart into this folder (--png: the old name).", valueName: "DIR"))
    var png: String?

    @OptionGroup(title: "Charts") var figures: FigureOptions

    @Option(name: .long, help: "Seed of the leaderboard's bootstrap resampling.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Bootstrap resamples for the leaderboard's intervals and p-values (100…100000).")
    var bootstrap: Int = 2000

    @OptionGroup var shared: DataOption

    func run() throws {
        var someFailed = false
        try reportingErrors {
            try fitting.check()
            guard (100...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be 100…100000, got \(bootstrap)") }
            if let forecastFrom, !(forecastFrom.isFinite && forecastFrom > 0) {
                throw ValidationError("--forecast-from must be a positive day, got \(forecastFrom)")
            }
            let chosen = try fitting.models()
            let kind = fitting.kind
            let fitter = FadeFitter(library: try FadeSupport.library(data: shared.data), options: fitting.fitOptions, kind: kind)
            try fitter.validate(models: chosen)
            try FadeFitOptions.requireOneVariable(chosen, command: "fade benchmark")
            let series = try ObservationReader.read(contentsOf: URL(fileURLWithPath: file), kind: kind)
            let began = Date()
            let report = fitter.benchmark(series, models: chosen, forecastFrom: forecastFrom,
                                          jobs: fitting.workers,
                                          bootstrap: LeaderboardBootstrap(resamples: bootstrap, seed: seed))
            let elapsed = Date().timeIntervalSince(began)
            if let png { try FadeChartFiles.writeBenchmark(report, series: series, models: chosen, fitter: fitter, to: png,
                                                     format: figures.resolved, width: figures.width ?? FadeModelCharts.defaultWidth) }
            FadeSupport.write(json ? try FadeTables.json(report) : FadeTables.csv(report.leaderboard))
            let failures = report.series.filter { $0.models.contains { $0.status != .converged } }
            someFailed = !failures.isEmpty
            note(String(format: "benchmarked %d series × %d model(s) in %.3f s; %d series with a failed or unconverged fit%@",
                        series.count, chosen.count, elapsed, failures.count, json ? "" : " (per-series detail: --json)"))
        }
        if someFailed { throw ExitCode(2) }
    }
}
