import ArgumentParser
import Fading
import Foundation
import Plans

/// `--model mono,bi` or `--model all`: built-in fade models by name, in the order given
/// (`all`: every built-in, in `FadeModelKind` order).
public struct FadeModelList: CheckedOption {
    public let parsed: Result<[FadeModelKind], FadeError>
    public init(parsed: Result<[FadeModelKind], FadeError>) { self.parsed = parsed }

    public static func parse(_ text: String) throws(FadeError) -> [FadeModelKind] {
        var kinds: [FadeModelKind] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if name.lowercased() == "all" { kinds += FadeModelKind.allCases } else { kinds.append(try FadeModelKind(named: name)) }
        }
        return kinds
    }
}

/// The stopping rules of Levenberg–Marquardt, shared by `fade fit` and `fade benchmark` so both
/// read them the same way (defaults: MINPACK's √ε tolerances, `FitOptions`).
public struct FitToleranceOptions: ParsableArguments {
    @Option(name: .long, help: "Stop when a step changes the sum of squares by at most this fraction and the linear model predicts no more.")
    public var ftol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Stop when the step is at most this fraction of the parameters, each in its own scale (‖Dδ‖ ≤ xtol·‖Dθ‖).")
    public var xtol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Stop when the residuals are within this cosine of orthogonal to every Jacobian column.")
    public var gtol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Maximum Levenberg–Marquardt iterations (Jacobian evaluations) per fit.")
    public var maxIterations: Int = FitOptions.defaultMaxIterations

    public init() {}

    /// Refuses values no stopping rule can use, naming the option (checked inside the command's
    /// error reporting, so the message is one `stipple: error:` line and the exit status 1).
    public func check() throws {
        for (name, value) in [("--ftol", ftol), ("--xtol", xtol), ("--gtol", gtol)] where !(value >= 0 && value < 1) {
            throw ValidationError("\(name) must be a number in [0, 1), got \(value)")
        }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be ≥ 1, got \(maxIterations)") }
    }

    public func apply(to options: inout FitOptions) {
        options.ftol = ftol
        options.xtol = xtol
        options.gtol = gtol
        options.maxIterations = maxIterations
    }
}

/// The options `fade fit` and `fade benchmark` share: which models, what the values are, how
/// to fit and on how many threads. One spelling for the models: `--model` (`--models`, the
/// benchmark's former spelling, is accepted as an alias).
public struct FadeFitOptions: ParsableArguments {
    @Option(name: [.customLong("model"), .customLong("models")], help: ArgumentHelp(
        "Model name(s), comma-separated, or 'all': \(FadeModelKind.names.joined(separator: ", ")) (--models: the same, an alias).",
        valueName: "model"))
    public var model: FadeModelList?

    @Option(name: .customLong("model-file"), help: "A model file (YAML: name, expression in t, parameters with start/min/max/unit); repeatable. Alone: only the files' models; with --model also those.")
    public var modelFiles: [String] = []

    @Flag(name: .long, help: "Values are L*: fit L*(t) = L_skin + (L_day0 − L_skin)·R(t).")
    public var lightness = false

    @Flag(name: .long, help: "Rows are series,day,L,a,b: one R(t) shared by the three channels, each affine in R.")
    public var lab = false

    @Option(name: .long, help: "k of k-fold cross-validation (0: none; benchmark: within the training points). Point i goes to fold i mod k.")
    public var folds: Int = 5

    @Option(name: .long, help: "Worker threads (default: all cores). Results are identical for any value.")
    public var jobs: Int?

    @Option(name: .long, help: "Sun exposure 0…1 assumed while fitting the uv model.")
    public var sun: Double = FadeConditions.referenceSunExposure

    @OptionGroup(title: "Stopping rules") public var tolerances: FitToleranceOptions

    public init() {}

    /// Refuses contradictory or unusable options, naming them.
    public func check() throws {
        guard !(lightness && lab) else { throw ValidationError("--lightness and --lab exclude each other") }
        try tolerances.check()
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1") }
    }

    /// What the observation files hold.
    public var kind: ObservationKind { lab ? .lab : (lightness ? .lightness : .retained) }

    /// Worker threads: `--jobs`, else every core.
    public var workers: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The fitter's settings from these options (start values default to the models').
    public var fitOptions: FitOptions {
        var options = FitOptions()
        options.folds = folds
        options.sunExposure = sun
        tolerances.apply(to: &options)
        return options
    }

    /// The models to run: `--model`'s built-ins then each `--model-file`'s model, in the order
    /// given. With files alone only the files' models run; with neither the command fails.
    public func models() throws -> [FitModel] {
        var models: [FitModel] = try model?.value().map { .builtIn($0) } ?? []
        for file in modelFiles { models.append(.expression(try FadeModelFile.read(contentsOf: URL(fileURLWithPath: file)))) }
        guard !models.isEmpty else {
            throw ValidationError("give --model (\(FadeModelKind.names.joined(separator: ", ")) or all) and/or --model-file FILE.yaml")
        }
        return models
    }

    /// Reads the observations for `models`: when one of them has several variables the file's
    /// header names the predictor columns, and every such model must find its columns there
    /// (checked before any fit, so a missing column fails the run, not each series).
    public static func observations(_ file: String, kind: ObservationKind, models: [FitModel]) throws -> [ObservedSeries] {
        let named = models.contains { if case .expression(let m) = $0 { m.variables.count > 1 } else { false } }
        let series = try ObservationReader.read(contentsOf: URL(fileURLWithPath: file), kind: kind, namedPredictors: named)
        for case .expression(let m) in models where m.variables.count > 1 {
            do { _ = try m.columns(of: series[0]) } catch { throw FadeError.malformedData(path: file, reason: error.description) }
        }
        return series
    }

    /// Refuses models of several variables in commands that run along days (forecasts, curves).
    public static func requireOneVariable(_ models: [FitModel], command: String) throws {
        for case .expression(let m) in models where m.variables.count > 1 {
            throw ValidationError("\(command) runs models along days; model \(m.name) (\(m.definition.source)) has the variables \(m.variables.joined(separator: ", ")) (fit it with stipple fade fit)")
        }
    }
}

/// `--model NAME` of `fade simulate`: one built-in fade model.
public struct FadeModelOption: CheckedOption {
    public let parsed: Result<FadeModelKind, FadeError>
    public init(parsed: Result<FadeModelKind, FadeError>) { self.parsed = parsed }

    public static func parse(_ text: String) throws(FadeError) -> FadeModelKind { try FadeModelKind(named: text) }
}
