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
              stipple fade benchmark Data/fade/example_benchmark.csv --model all --model-file Data/fade/models/power-law.yaml --forecast-from 730 --png bench
            """,
        subcommands: [FadeFit.self, FadeBenchmarkCommand.self, FadeSimulate.self, FadeModels.self])
}

/// Shared helpers of the fade commands.
enum FadeSupport {
    static func library(data: String?) throws -> FadeLibrary {
        try FadeLibrary(dataDirectory: DataLibrary.locate(explicit: data).root)
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
