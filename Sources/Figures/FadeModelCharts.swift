import Fading
import Rendering
import Support

/// The fade-model comparison charts of `stipple fade benchmark --png DIR`: one chart per series
/// (data, each model's fit before and forecast after the cut-off, which is marked, and below it
/// the residuals of every point) and the leaderboard (forecast RMSE by model, best first).
///
/// Each model is drawn in one colour in every chart, keyed by its name, not by its rank or its
/// place in `--model`: the built-in models take their place in the library's order
/// (`FadeModelKind.allCases`: mono, bi, weibull, uv, compartment), model files follow in the
/// order given (`CategoricalPalette.keyed`).
public enum FadeModelCharts {
    /// Colour of each of `names` (the models of a run, in the order given).
    public static func colours(_ names: [String]) -> [String: RGB] {
        CategoricalPalette.keyed(names, order: FadeModelKind.names)
    }

    /// Default width of each chart (px); `--figure-width` changes it, heights follow.
    public static let defaultWidth = 900

    /// `base` (a height at the default width) at `width`: in proportion, but at least 3/4 of it,
    /// so a narrow chart keeps room for its margins, text and legend (which keep their size).
    static func scaled(_ base: Int, width: Int) -> Int {
        max(base * 3 / 4, Int((Double(base) * Double(width) / Double(defaultWidth)).rounded()))
    }

    /// The first channel (the value, or L*) of a series: data, fits and forecasts, residuals.
    public static func seriesChart(_ s: ObservedSeries, _ r: SeriesBenchmark, models: [FitModel], fitter: FadeFitter,
                                   width: Int = defaultWidth) -> StackedFigure {
        let n = s.days.count
        let last = s.days.last ?? 1
        let grid = (0...200).map { last * Double($0) / 200 }
        let observed = Array(zip(s.days, s.values.prefix(n))).map { (x: $0.0, y: $0.1) }
        let colours = colours(models.map(\.name))
        var top: [LineChart.Series] = [LineChart.Series(label: "observed", colour: RGB(hex: 0x222222), points: observed, markersOnly: true)]
        var residuals: [LineChart.Series] = [LineChart.Series(label: "zero", colour: RGB(hex: 0x999999), points: [(0, 0), (last, 0)])]
        for (model, m) in zip(models, r.models) where !m.parameters.isEmpty {
            let colour = colours[model.name]!
            let estimates = m.parameters.map(\.estimate)
            let label = "\(m.model)" + (m.forecastRMSE.map { "  forecast RMSE \(String(format: "%.4g", $0))" } ?? "  (no forecast)")
            if let curve = fitter.predict(model, estimates: estimates, days: grid, channels: s.channels) {
                top.append(LineChart.Series(label: label, colour: colour, points: Array(zip(grid, curve.prefix(grid.count))).map { (x: $0.0, y: $0.1) }))
            }
            if let atData = fitter.predict(model, estimates: estimates, days: s.days, channels: s.channels) {
                residuals.append(LineChart.Series(label: m.model, colour: colour,
                                                  points: (0..<n).map { (x: s.days[$0], y: s.values[$0] - atData[$0]) }, markersOnly: true))
            }
        }
        let values = s.values.prefix(n)
        let lo = min(values.min() ?? 0, 0), hi = values.max() ?? 1
        if let cut = r.cutoffDay {
            top.append(LineChart.Series(label: "cut-off: day \(LineChartLabel.short(cut)) (fit before, forecast after)", colour: RGB(hex: 0xaaaaaa),
                                        points: [(cut, lo), (cut, hi + 0.05 * (hi - lo))]))
        }
        let winner = r.winner.map { ", best forecast: \($0)" } ?? ""
        let fits = LineChart(title: "\(s.name): fits and forecasts\(winner)", xLabel: "days", yLabel: s.channels == 1 ? "value" : "L*",
                             series: top, width: width, height: scaled(560, width: width), yRange: lo...(hi + 0.08 * (hi - lo + 1e-12)))
        let res = LineChart(title: "residuals (observed − model)", xLabel: "days", yLabel: "residual", series: residuals,
                            width: width, height: scaled(300, width: width), yRange: residualRange(residuals))
        return StackedFigure([fits, res])
    }

    static func residualRange(_ series: [LineChart.Series]) -> ClosedRange<Double> {
        let m = series.flatMap(\.points).map { abs($0.y) }.filter(\.isFinite).max() ?? 1
        let r = m > 0 ? m * 1.15 : 1
        return -r...r
    }

    /// The leaderboard: mean forecast RMSE per model, best on the left, each bar in its model's
    /// colour with the model's name under it (and the models folded into it, "bi = uv"), the 95 %
    /// bootstrap interval of the mean as a whisker (`LeaderboardBootstrap`; none with fewer than
    /// two series), wins and failures under the name. `models` are the run's model names in the
    /// order given (they place model files after the built-ins, whatever their rank).
    public static func leaderboardChart(_ report: BenchmarkReport, models: [String], width: Int = defaultWidth) -> BarChart {
        let colours = colours(models + report.leaderboard.map(\.model))
        let bars = report.leaderboard.map { row in
            var interval: ClosedRange<Double>?
            if let low = row.forecastRMSELow, let high = row.forecastRMSEHigh, low <= high { interval = low...high }
            let name = ([row.model] + row.identicalTo).joined(separator: " = ")
            return BarChart.Bar(label: name, value: row.forecastRMSE, interval: interval, colour: colours[row.model]!,
                                note: "wins \(row.wins) · failed \(row.failed)")
        }
        let cut = report.forecastFrom.map { "from day \(LineChartLabel.short($0))" } ?? "last third of each series"
        let whiskers = bars.contains { $0.interval != nil }
            ? "; whiskers: 95 % bootstrap interval over series (\(report.bootstrapResamples ?? 0) resamples)" : ""
        return BarChart(title: "Forecast leaderboard (\(cut), \(report.series.count) series)", yLabel: "mean forecast RMSE",
                        caption: "bars: mean forecast RMSE over series, best first" + whiskers,
                        bars: bars, width: width, height: scaled(500, width: width))
    }
}
