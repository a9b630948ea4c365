import ArgumentParser
import Fading
import Plans
import Foundation
import Support

struct FadeFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit fade models to observed series (rows series,day,value) by nonlinear least squares.",
        discussion: """
            Output (CSV, one row per series × model × parameter): \(FadeFitOutput.columns.joined(separator: ", ")).
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

    @Option(name: .long, help: "Model name(s), comma-separated, or 'all': \(FadeModelKind.names.joined(separator: ", ")).")
    var model: String?

    @Option(name: .customLong("model-file"), help: "A model file (YAML: name, expression in t, parameters with start/min/max/unit); repeatable. Alone: only the files' models; with --model also those.")
    var modelFiles: [String] = []

    @Flag(name: .long, help: "Values are L*: fit L*(t) = L_skin + (L_day0 − L_skin)·R(t).")
    var lightness = false

    @Flag(name: .long, help: "Rows are series,day,L,a,b: one R(t) shared by the three channels, each affine in R.")
    var lab = false

    @Flag(name: .long, help: "Write JSON instead of CSV.")
    var json = false

    @Option(name: .long, help: "k of k-fold cross-validation (0: none). Point i goes to fold i mod k.")
    var folds: Int = 5

    @Option(name: .long, help: "Worker threads (default: all cores). Results are identical for any value.")
    var jobs: Int?

    @Option(name: .long, help: "Sun exposure 0…1 assumed while fitting the uv model.")
    var sun: Double = FadeConditions.referenceSunExposure

    @Option(name: .customLong("start"), help: "Start value name=value (default: the model defaults; repeatable).")
    var start: [Assignments] = []

    @OptionGroup(title: "Stopping rules") var tolerances: FitToleranceOptions

    @OptionGroup var shared: DataOption

    func run() throws {
        var someFailed = false
        try reportingErrors {
            guard !(lightness && lab) else { throw ValidationError("--lightness and --lab exclude each other") }
            let models = try FadeSupport.models(named: model, files: modelFiles)
            try tolerances.check()
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1") }
            var options = FitOptions()
            options.folds = folds
            options.sunExposure = sun
            tolerances.apply(to: &options)
            options.start = try Assignments.merged(start, option: "--start")
            let kind: ObservationKind = lab ? .lab : (lightness ? .lightness : .retained)
            let fitter = FadeFitter(library: try FadeSupport.library(data: shared.data), options: options, kind: kind)
            try fitter.validate(models: models)
            let series = try FadeSupport.observations(file, kind: kind, models: models)
            let began = Date(), cpuBegan = processCPUSeconds()
            let results = fitter.fit(series, models: models, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            let elapsed = Date().timeIntervalSince(began), cpu = processCPUSeconds() - cpuBegan
            FadeSupport.write(json ? try FadeFitOutput.json(results, kind: kind) : FadeFitOutput.csv(results))
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

enum FadeFitOutput {
    /// The CSV columns; the JSON's keys are the same names (`ModelFit`, `ParameterEstimate`).
    static let columns = ["series", "model", "status", "reason", "aic_rank", "n", "q", "dof", "ssr", "sigma", "rmse", "aic", "bic",
                          "cv_rmse", "iterations", "condition", "se_reliable", "parameter", "unit", "estimate", "std_error",
                          "ci95_low", "ci95_high", "ci95_method", "fitted", "at_bound", "message"]
    static let header = columns.joined(separator: ",") + "\n"

    /// A text field, quoted as Stipple's one CSV dialect quotes it.
    static func field(_ s: String) -> String { CSV.text(s) }
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return v.description
    }

    static func csv(_ results: [SeriesFit]) -> String {
        var out = header
        out.reserveCapacity(results.count * 700)
        for r in results {
            let series = field(r.series)
            for f in r.fits {
                var common = series
                common += ","; common += f.model; common += ","; common += f.status.rawValue; common += ","
                common += f.reason?.rawValue ?? ""; common += ","
                if let rank = f.aicRank { common += String(rank) }
                common += ","; common += String(f.observations); common += ","; common += String(f.fittedParameters)
                common += ","; common += String(f.degreesOfFreedom); common += ","; common += number(f.ssr)
                common += ","; common += number(f.sigma)
                common += ","; common += number(f.rmse); common += ","; common += number(f.aic); common += ","; common += number(f.bic)
                common += ","; common += number(f.cvRMSE); common += ","; common += String(f.iterations); common += ","
                if let c = f.condition { common += c.isFinite ? c.description : "inf" }
                common += ","; common += f.standardErrorsReliable.map { $0 ? "true" : "false" } ?? ""; common += ","
                let message = field(f.message ?? "")
                if f.parameters.isEmpty {
                    out += common; out += ",,,,,,,,,"; out += message; out += "\n"
                }
                for p in f.parameters {
                    out += common; out += p.name; out += ","; out += field(p.unit); out += ","; out += number(p.estimate)
                    out += ","; out += number(p.standardError); out += ","; out += number(p.ci95Low); out += ","; out += number(p.ci95High)
                    out += ","; out += p.ci95Method.rawValue
                    out += p.fitted ? ",true" : ",false"; out += p.atBound ? ",true," : ",false,"; out += message; out += "\n"
                }
            }
        }
        return out
    }

    struct Document: Encodable {
        var observation: String
        var series: [SeriesFit]
    }

    static func json(_ results: [SeriesFit], kind: ObservationKind) throws -> String {
        try FadeSupport.json(Document(observation: kind.rawValue, series: results))
    }
}
