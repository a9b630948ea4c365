import ArgumentParser
import Batch
import Fading
import Figures
import Foundation
import Plans
import Rendering

/// `--data`, shared by every command that reads Stipple's data folder.
struct DataOption: ParsableArguments {
    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    /// The data folder: --data, else $STIPPLE_DATA, else the bundled copy.
    func library() throws -> DataLibrary { try DataLibrary.locate(explicit: data) }
}

/// `--quiet`, shared by the commands that report progress or a summary.
struct QuietOption: ParsableArguments {
    @Flag(name: .long, help: "Print nothing on success (errors and failed plans are still reported).")
    var quiet = false
}

/// `--images all|summary|none`: the values are the enum's cases, so help lists them and a typo
/// is refused by the parser.
extension PlanOutputs.Selection.Images: ExpressibleByArgument {}
extension BatchOptions.Keep: ExpressibleByArgument {}

/// `--shard K/N` with 0 ≤ K < N.
extension BatchOptions.Shard: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        self.init(index: k, count: n)
    }
}

/// `--days`: a list `0,30,90` or a range `start:end:step`, non-negative and increasing.
///
/// The text is parsed when the argument is read, but a bad value is reported by the command's
/// `run()` (exit status 1, one line naming the problem), as every other input error of the fade
/// commands is, rather than with the parser's usage text.
struct DayList: ExpressibleByArgument {
    let parsed: Result<[Double], FadeError>

    init(argument: String) {
        parsed = Result { () throws(FadeError) -> [Double] in try Self.parse(argument) }
    }

    func days() throws(FadeError) -> [Double] { try parsed.get() }

    static func parse(_ text: String) throws(FadeError) -> [Double] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var days: [Double] = []
        let range = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if range.count == 3 {
            guard let a = Double(range[0]), let b = Double(range[1]), let s = Double(range[2]), a.isFinite, b.isFinite, s.isFinite, s > 0 else {
                throw .invalidDays(reason: "--days range must be start:end:step with step > 0, got '\(text)'")
            }
            guard (b - a) / s <= 100_000 else { throw .invalidDays(reason: "--days range '\(text)' has more than 100000 steps") }
            var d = a
            while d <= b + 1e-9 * s { days.append(d); d += s }
        } else {
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw .invalidDays(reason: "'\(part)' in --days is not a number (expected e.g. 0,30,90 or 0:1825:30)")
                }
                days.append(v)
            }
        }
        guard !days.isEmpty else { throw .invalidDays(reason: "--days is empty") }
        if let bad = days.first(where: { $0 < 0 }) { throw .invalidDays(reason: "day \(bad) is negative (days count from the session)") }
        for (a, b) in zip(days, days.dropFirst()) where b <= a {
            throw .invalidDays(reason: "days must increase: \(b) follows \(a)")
        }
        return days
    }
}

/// `--param` / `--start`: `name=value` pairs (repeatable, or comma-separated in one argument).
/// Like `DayList`, a malformed pair is reported by `run()` with the option's name.
struct Assignments: ExpressibleByArgument {
    let text: String

    init(argument: String) { text = argument }

    /// All pairs of `items`, later ones overriding earlier ones.
    static func merged(_ items: [Assignments], option: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            for part in item.text.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, !kv[0].isEmpty, let v = Double(kv[1]), v.isFinite else {
                    throw ValidationError("\(option) expects name=value with a finite number, got '\(part)'")
                }
                out[kv[0]] = v
            }
        }
        return out
    }
}

/// `--figure-format png|svg` and `--figure-width PX`, shared by every command that draws charts.
struct FigureOptions: ParsableArguments {
    @Option(name: .customLong("figure-format"), help: ArgumentHelp(
        "Charts as png (raster, for slides and report.html) or svg (vector, for papers; text stays text). Default png; svg in batch.", valueName: "png|svg"))
    var format: FigureFormat?

    @Option(name: .customLong("figure-width"), help: ArgumentHelp(
        "Layout width of each chart in px (default 900; fade curves 680; fade simulate 800; heights follow). Text keeps its size, so a narrower chart has relatively larger text.",
        valueName: "PX"))
    var width: Int?

    func validate() throws {
        if let width, !(300...4000).contains(width) {
            throw ValidationError("--figure-width must be between 300 and 4000 px, got \(width)")
        }
    }

    /// The format asked for, else png.
    var resolved: FigureFormat { format ?? .png }

    /// For a single chart file: the format asked for, else the file's extension (.svg), else png.
    func resolved(forFile path: String) -> FigureFormat {
        format ?? (path.lowercased().hasSuffix(".svg") ? .svg : .png)
    }
}

extension FigureFormat: ExpressibleByArgument {}
