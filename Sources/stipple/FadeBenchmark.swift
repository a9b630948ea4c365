import ArgumentParser
import Fading
import Figures
import Foundation
import Plans
import Support

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

    @Option(name: .long, help: "Models: 'all' or comma-separated names (\(FadeModelKind.names.joined(separator: ", "))).")
    var models: String?

    @Option(name: .customLong("model-file"), help: "A model file (YAML); repeatable. Alone: only the files' models.")
    var modelFiles: [String] = []

    @Option(name: .customLong("forecast-from"), help: "First forecast day (points before it train). Default: per series after ⌈2n/3⌉ points.")
    var forecastFrom: Double?

    @Option(name: .long, help: "k of k-fold cross-validation within the training points (0: none).")
    var folds: Int = 5

    @Flag(name: .long, help: "Values are L*: fit L*(t) = L_skin + (L_day0 − L_skin)·R(t).")
    var lightness = false

    @Flag(name: .long, help: "Rows are series,day,L,a,b (one R(t), each channel affine in R).")
    var lab = false

    @Flag(name: .long, help: "Write the whole report (leaderboard and per-series detail) as JSON.")
    var json = false

    @Option(name: [.customLong("charts"), .customLong("png")], help: ArgumentHelp(
        "Also draw per-series fit/forecast/residual charts and a leaderboard chart into this folder (--png: the old name).", valueName: "DIR"))
    var png: String?

    @OptionGroup(title: "Charts") var figures: FigureOptions

    @Option(name: .long, help: "Worker threads (default: all cores). Output is identical for any value.")
    var jobs: Int?

    @Option(name: .long, help: "Sun exposure 0…1 assumed while fitting the uv model.")
    var sun: Double = FadeConditions.referenceSunExposure

    @Option(name: .long, help: "Seed of the leaderboard's bootstrap resampling.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Bootstrap resamples for the leaderboard's intervals and p-values (100…100000).")
    var bootstrap: Int = 2000

    @OptionGroup(title: "Stopping rules") var tolerances: FitToleranceOptions

    @OptionGroup var shared: DataOption

    func run() throws {
        var someFailed = false
        try reportingErrors {
            guard !(lightness && lab) else { throw ValidationError("--lightness and --lab exclude each other") }
            try tolerances.check()
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1") }
            guard (100...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be 100…100000, got \(bootstrap)") }
            if let forecastFrom, !(forecastFrom.isFinite && forecastFrom > 0) {
                throw ValidationError("--forecast-from must be a positive day, got \(forecastFrom)")
            }
            let chosen = try FadeSupport.models(named: models, files: modelFiles, option: "--models")
            var options = FitOptions()
            options.folds = folds
            options.sunExposure = sun
            tolerances.apply(to: &options)
            let kind: ObservationKind = lab ? .lab : (lightness ? .lightness : .retained)
            let fitter = FadeFitter(library: try FadeSupport.library(data: shared.data), options: options, kind: kind)
            try fitter.validate(models: chosen)
            try FadeSupport.requireOneVariable(chosen, command: "fade benchmark")
            let series = try ObservationReader.read(contentsOf: URL(fileURLWithPath: file), kind: kind)
            let began = Date()
            let report = fitter.benchmark(series, models: chosen, forecastFrom: forecastFrom,
                                          jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                          bootstrap: LeaderboardBootstrap(resamples: bootstrap, seed: seed))
            let elapsed = Date().timeIntervalSince(began)
            if let png { try BenchmarkCharts.write(report, series: series, models: chosen, fitter: fitter, to: png,
                                                     format: figures.resolved, width: figures.width ?? FadeModelCharts.defaultWidth) }
            FadeSupport.write(json ? try BenchmarkOutput.json(report) : BenchmarkOutput.csv(report.leaderboard))
            let failures = report.series.filter { $0.models.contains { $0.status != .converged } }
            someFailed = !failures.isEmpty
            note(String(format: "benchmarked %d series × %d model(s) in %.3f s; %d series with a failed or unconverged fit%@",
                        series.count, chosen.count, elapsed, failures.count, json ? "" : " (per-series detail: --json)"))
        }
        if someFailed { throw ExitCode(2) }
    }
}

enum BenchmarkOutput {
    static let header = "model,forecast_rmse,forecast_rmse_low,forecast_rmse_high,forecast_mae,cv_rmse,mean_akaike_weight,wins,failed,"
        + "versus_best_difference,versus_best_low,versus_best_high,versus_best_p,identical_to\n"

    static func csv(_ rows: [LeaderboardRow]) -> String {
        var out = header
        for r in rows {
            out += [FadeFitOutput.field(r.model), FadeFitOutput.number(r.forecastRMSE), FadeFitOutput.number(r.forecastRMSELow),
                    FadeFitOutput.number(r.forecastRMSEHigh), FadeFitOutput.number(r.forecastMAE),
                    FadeFitOutput.number(r.cvRMSE), FadeFitOutput.number(r.meanAkaikeWeight), String(r.wins), String(r.failed),
                    FadeFitOutput.number(r.versusBestDifference), FadeFitOutput.number(r.versusBestLow),
                    FadeFitOutput.number(r.versusBestHigh), FadeFitOutput.number(r.versusBestP),
                    FadeFitOutput.field(r.identicalTo.joined(separator: ";"))]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ report: BenchmarkReport) throws -> String {
        try FadeSupport.json(report)
    }
}
