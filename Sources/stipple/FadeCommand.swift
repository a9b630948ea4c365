import ArgumentParser
import Fading
import Foundation
import Plans

struct Fade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pigment fading over time: simulate curves, fit models to observations.",
        discussion: """
            Examples:
              stipple fade models
              stipple fade simulate --model bi --days 0:1825:30 --depth 0.6 --png fade.png
              stipple fade fit Data/fade/example_observations.csv --model all
            """,
        subcommands: [FadeFit.self, FadeSimulate.self, FadeModels.self])
}

/// Shared helpers of the fade commands.
enum FadeSupport {
    static func library(data: String?) throws -> FadeLibrary {
        try FadeLibrary(dataDirectory: DataLibrary.locate(explicit: data).root)
    }

    /// Parses `name=value` pairs.
    static func assignments(_ items: [String], option: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            for part in item.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, !kv[0].isEmpty, let v = Double(kv[1]), v.isFinite else {
                    throw ValidationError("\(option) expects name=value with a finite number, got '\(part)'")
                }
                out[kv[0]] = v
            }
        }
        return out
    }

    /// Days as a list `0,30,90` or a range `start:end:step`, non-negative and increasing.
    static func days(_ text: String) throws -> [Double] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var days: [Double] = []
        let range = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if range.count == 3 {
            guard let a = Double(range[0]), let b = Double(range[1]), let s = Double(range[2]), a.isFinite, b.isFinite, s.isFinite, s > 0 else {
                throw FadeError.invalidDays(reason: "--days range must be start:end:step with step > 0, got '\(text)'")
            }
            guard (b - a) / s <= 100_000 else { throw FadeError.invalidDays(reason: "--days range '\(text)' has more than 100000 steps") }
            var d = a
            while d <= b + 1e-9 * s { days.append(d); d += s }
        } else {
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw FadeError.invalidDays(reason: "'\(part)' in --days is not a number (expected e.g. 0,30,90 or 0:1825:30)")
                }
                days.append(v)
            }
        }
        guard !days.isEmpty else { throw FadeError.invalidDays(reason: "--days is empty") }
        if let bad = days.first(where: { $0 < 0 }) { throw FadeError.invalidDays(reason: "day \(bad) is negative (days count from the session)") }
        for (a, b) in zip(days, days.dropFirst()) where b <= a {
            throw FadeError.invalidDays(reason: "days must increase: \(b) follows \(a)")
        }
        return days
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct FadeModels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the fade models, their parameters, units, bounds and default assumptions.")

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    func run() throws {
        try reportingErrors {
            let library = try FadeSupport.library(data: data)
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
            FadeSupport.write(out)
        }
    }
}
