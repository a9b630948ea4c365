import ArgumentParser
import CommandOptions
import Fading
import Foundation
import Reports

struct FadeFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit fade models to observed series (rows series,day,value) by nonlinear least squares.",
        discussion: """
            Output (CSV, one row per series × model × parameter): \(FadeTables.columns.joined(separator: ", ")).
            --json writes the same, nested, under the same names. status: converged only when a
            stopping test held (reason: ftol, xtol, gtol, zero-residual) and the estimate is a
            minimum at first order; otherwise not-converged (reason also max-iterations or
            no-progress) or failed. dof = n − q, sigma = √(ssr/dof), rmse = √(ssr/n);
            AIC = N ln(2π SSR/N) + N + 2(q+1); BIC uses (q+1) ln N; q = fitted parameters.
            condition: κ of the column-scaled Jacobian when ≥ 1e4; se_reliable false: standard
            errors withheld (κ ≥ 1/√ε or J singular).
            Exit status: 0 all fits converged; 2 some series failed or did not converge (reported
            per row, the rest are fitted); 1 the run failed (unreadable or malformed file,
            unknown model, bad option).
            """)

    @Argument(help: "CSV file: series,day,value (or series,day,L / series,day,L,a,b); with a model of several variables, a header naming them (series,t,dose,value).")
    var file: String

    @OptionGroup var fitting: FadeFitOptions

    @Flag(name: .long, help: "Write JSON instead of CSV.")
    var json = false

    @Option(name: .customLong("start"), help: "Start value name=value (default: the model defaults; repeatable).")
    var start: [Assignments] = []

    @OptionGroup var shared: DataOption

    func run() throws {
        var someFailed = false
        try reportingErrors {
            try fitting.check()
            let models = try fitting.models()
            var options = fitting.fitOptions
            options.start = try Assignments.merged(start, option: "--start")
            let kind = fitting.kind
            let fitter = FadeFitter(library: try FadeSupport.library(data: shared.data), options: options, kind: kind)
            try fitter.validate(models: models)
            let series = try FadeFitOptions.observations(file, kind: kind, models: models)
            let began = Date(), cpuBegan = processCPUSeconds()
            let results = fitter.fit(series, models: models, jobs: fitting.workers)
            let elapsed = Date().timeIntervalSince(began), cpu = processCPUSeconds() - cpuBegan
            FadeSupport.write(json ? try FadeTables.json(results, kind: kind) : FadeTables.csv(results))
            let failures = results.filter(\.hasFailure)
            someFailed = !failures.isEmpty
            let fits = results.count * models.count
            note(String(format: "fitted %d series × %d model(s) in %.3f s (%.0f fits/s; %.3f CPU s, %.0f fits per CPU s); %d series with a failed or unconverged fit",
                        results.count, models.count, elapsed, Double(fits) / max(elapsed, 1e-9), cpu, Double(fits) / max(cpu, 1e-9), failures.count))
        }
        if someFailed { throw ExitCode(2) }
    }
}

/// CPU time of the whole process (all threads), seconds.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
