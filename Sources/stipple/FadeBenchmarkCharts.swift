import Fading
import Figures
import Foundation
import Rendering
import Support

/// The pictures of `stipple fade benchmark --charts DIR`, written to files: `series-<name>.png`
/// per series and `leaderboard.png` (`.svg` with `--figure-format svg`), drawn by
/// `Figures.FadeModelCharts` (one colour per model, keyed by its name, in every chart).
enum BenchmarkCharts {
    static func write(_ report: BenchmarkReport, series: [ObservedSeries], models: [FitModel], fitter: FadeFitter, to folder: String,
                      format: FigureFormat = .png, width: Int = FadeModelCharts.defaultWidth) throws {
        let dir = URL(fileURLWithPath: folder)
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw OutputError(path: folder, message: "cannot create the folder (\(error.localizedDescription))")
        }
        var used = Set<String>()
        for (s, result) in zip(series, report.series) {
            var name = "series-" + String(s.name.unicodeScalars.map { c in
                (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ".")) ? Character(c) : "_"
            })
            if !used.insert(name).inserted { var k = 2; while !used.insert("\(name)-\(k)").inserted { k += 1 }; name += "-\(k)" }
            try save(FadeModelCharts.seriesChart(s, result, models: models, fitter: fitter, width: width), format,
                     to: dir.appendingPathComponent(name + "." + format.fileExtension))
        }
        try save(FadeModelCharts.leaderboardChart(report, models: models.map(\.name), width: width), format,
                 to: dir.appendingPathComponent("leaderboard." + format.fileExtension))
    }

    /// Writes one chart atomically in `format`.
    static func save(_ chart: some ChartDrawing, _ format: FigureFormat, to url: URL) throws {
        let bytes = try chart.encoded(format)
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw OutputError(path: url.path, message: "cannot write the \(format.rawValue.uppercased()) (\(error.localizedDescription))")
        }
    }
}
