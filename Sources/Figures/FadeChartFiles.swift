import Fading
import Foundation
import Rendering
import Support

/// The fade commands' pictures as files: `fade simulate --chart FILE` (one curve) and
/// `fade benchmark --charts DIR` (`series-<name>.png` per series and `leaderboard.png`, `.svg`
/// with `--figure-format svg`), drawn by `FadeModelCharts` (one colour per model, keyed by its
/// name, in every chart).
public enum FadeChartFiles {
    /// The curve chart's size at `width` (800 × 500 by default; at least 375 high when narrower).
    public static func curveSize(width: Int?) -> (width: Int, height: Int) {
        (width ?? 800, width.map { max(375, Int((Double($0) * 500 / 800).rounded())) } ?? 500)
    }

    /// A built-in model's curve of `group` (and, with a depth, the diameter scale in grey).
    public static func curveChart(_ states: [FadeState], setup: FadeSetup, group: String, depthMM: Double?, width: Int?) -> LineChart {
        let kind = setup.kind
        let described = zip(setup.specification, setup.values).map { "\($0.name)=\(LineChartLabel.short($1))" }.joined(separator: " ")
        var series = [LineChart.Series(label: "retained (\(group))", colour: FadeModelCharts.colours([kind.name])[kind.name]!,
                                       points: states.map { ($0.day, $0.retained[group]!) })]
        if depthMM != nil {
            series.append(LineChart.Series(label: "diameter scale", colour: RGB(hex: 0x666666), points: states.map { ($0.day, $0.diameterScale) }))
        }
        let size = curveSize(width: width)
        return LineChart(title: "\(kind.name) fade" + (depthMM.map { ", depth \($0) mm" } ?? ""), xLabel: "days since session   (\(described))",
                         yLabel: depthMM == nil ? "retained fraction" : "retained fraction / diameter scale",
                         series: series, width: size.width, height: size.height, yRange: depthMM == nil ? 0...1.05 : nil)
    }

    /// A model file's expression at `values`, evaluated at `points`.
    public static func curveChart(_ model: ExpressionModel, values: [Double], points: [(Double, Double)], width: Int?) -> LineChart {
        let described = zip(model.specification, values).map { "\($0.name)=\(LineChartLabel.short($1))" }.joined(separator: " ")
        let size = curveSize(width: width)
        return LineChart(title: "\(model.name): \(model.definition.expression)", xLabel: "days   (\(described))", yLabel: "value",
                         series: [LineChart.Series(label: model.name, colour: FadeModelCharts.colours([model.name])[model.name]!, points: points)],
                         width: size.width, height: size.height, yRange: nil)
    }

    /// Draws the benchmark's charts into `folder` (created if missing).
    public static func writeBenchmark(_ report: BenchmarkReport, series: [ObservedSeries], models: [FitModel], fitter: FadeFitter, to folder: String,
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
    public static func save(_ chart: some ChartDrawing, _ format: FigureFormat, to url: URL) throws {
        let bytes = try chart.encoded(format)
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw OutputError(path: url.path, message: "cannot write the \(format.rawValue.uppercased()) (\(error.localizedDescription))")
        }
    }
}
