import ArgumentParser
import Fading
import Foundation
import Plans
import Support

struct Fade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pigment fading over time: simulate curves, fit models to observations.",
        discussion: """
            Examples:
              stipple fade models
              stipple fade simulate --model bi --days 0:1825:30 --depth 0.6 --png fade.png
              stipple fade fit Data/fade/example_observations.csv --model all
              stipple fade fit Data/fade/example_observations.csv --model all --model-file Data/fade/models/power-law.yaml
              stipple fade benchmark Data/fade/example_benchmark.csv --models all --model-file Data/fade/models/power-law.yaml --forecast-from 730 --png bench
            """,
        subcommands: [FadeFit.self, FadeBenchmarkCommand.self, FadeSimulate.self, FadeModels.self])
}

/// Shared helpers of the fade commands.
enum FadeSupport {
    static func library(data: String?) throws -> FadeLibrary {
        try FadeLibrary(dataDirectory: DataLibrary.locate(explicit: data).root)
    }

    /// The models a command runs: `--model` names (comma-separated, or `all` for every
    /// built-in) then each `--model-file`'s model, in the order given. With files alone only the
    /// files' models run; with neither the command fails.
    static func models(named list: String?, files: [String], option: String = "--model") throws -> [FitModel] {
        var models: [FitModel] = []
        if let list {
            for name in list.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if name.lowercased() == "all" { models += FadeModelKind.allCases.map { .builtIn($0) } } else {
                    models.append(.builtIn(try FadeModelKind(named: name)))
                }
            }
        }
        for file in files { models.append(.expression(try FadeModelFile.read(contentsOf: URL(fileURLWithPath: file)))) }
        guard !models.isEmpty else {
            throw ValidationError("give \(option) (\(FadeModelKind.names.joined(separator: ", ")) or all) and/or --model-file FILE.yaml")
        }
        return models
    }

    /// The one JSON form of the fade commands: sorted keys, snake_case (the fit types already
    /// name their keys as the CSV columns), non-finite numbers as "inf"/"-inf"/"nan".
    static func json<T: Encodable>(_ value: T) throws -> String {
        try StippleJSON.text(value)
    }

    /// Reads the observations for `models`: when one of them has several variables the file's
    /// header names the predictor columns, and every such model must find its columns there
    /// (checked before any fit, so a missing column fails the run, not each series).
    static func observations(_ file: String, kind: ObservationKind, models: [FitModel]) throws -> [ObservedSeries] {
        let named = models.contains { if case .expression(let m) = $0 { m.variables.count > 1 } else { false } }
        let series = try ObservationReader.read(contentsOf: URL(fileURLWithPath: file), kind: kind, namedPredictors: named)
        for case .expression(let m) in models where m.variables.count > 1 {
            do { _ = try m.columns(of: series[0]) } catch { throw FadeError.malformedData(path: file, reason: error.description) }
        }
        return series
    }

    /// Refuses models of several variables in commands that run along days (forecasts, curves).
    static func requireOneVariable(_ models: [FitModel], command: String) throws {
        for case .expression(let m) in models where m.variables.count > 1 {
            throw ValidationError("\(command) runs models along days; model \(m.name) (\(m.definition.source)) has the variables \(m.variables.joined(separator: ", ")) (fit it with stipple fade fit)")
        }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct FadeModels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the fade models, their parameters, units, bounds and default assumptions.")

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            let library = try FadeSupport.library(data: shared.data)
            var out = ""
            for kind in FadeModelKind.allCases {
                out += "\(kind.name): \(kind.formula)\n"
                for p in library.specification(for: kind) {
                    out += "  \(p.name) [\(p.unit)] default \(p.defaultValue), bounds [\(p.lower), \(p.upper)]\(p.fitted ? "" : ", held in fits") — \(p.meaning)\n"
                    if !p.assumption.isEmpty { out += "      assumption: \(p.assumption)\n" }
                }
            }
            let d = library.depth
            out += "depth: rate × (1 + \(d.shallowGain)·exp(−max(0, d − \(d.epidermisMM))/\(d.shallowLengthMM))); diameter × √(1 + \(d.spreadPerYear)/yr·exp((d − \(d.referenceDepthMM))/\(d.spreadDepthScaleMM))·t); depth + \(d.driftMaxMM)·(1 − exp(−t/\(d.driftDays)))\n"
            out += "fade groups (rate ×): " + library.fadeGroups.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            let h = library.healing, sun = library.sun
            out += "healing: \(h.earlyLoss) of the injected dose lost while healing; the curves start at the healed dose (× \(FixedDecimal.string(h.healedShare, decimals: 2)))\n"
            if let why = library.assumptions["healing.earlyLoss"] { out += "      source: \(why)\n" }
            out += "sun: every rate but uv's × (1 + \(sun.gain)·s)/(1 + \(sun.gain)·\(sun.referenceExposure)), s = sun exposure 0…1\n"
            if let why = library.assumptions["sun.gain"] { out += "      assumption: \(why)\n" }
            FadeSupport.write(out)
        }
    }
}
