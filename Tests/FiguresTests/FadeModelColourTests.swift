import Fading
import Foundation
import Testing
import Figures
import Rendering

/// One colour per fade model in every fade chart, whatever its rank (issue 21, item 6).
@Suite("Figure colours: a fade model keeps its colour across fade charts")
struct FadeModelColourTests {
    /// A benchmark report with the given leaderboard order (no per-series detail).
    static func report(_ ranked: [String]) throws -> BenchmarkReport {
        let rows = ranked.enumerated().map { i, m in
            "{\"model\":\"\(m)\",\"forecastRMSE\":\(0.01 * Double(i + 1)),\"wins\":\(i == 0 ? 3 : 0),\"failed\":0}"
        }
        let json = "{\"observation\":\"retained\",\"folds\":5,\"leaderboard\":[\(rows.joined(separator: ","))],\"series\":[]}"
        return try JSONDecoder().decode(BenchmarkReport.self, from: Data(json.utf8))
    }

    @Test("a fade model keeps its colour in two leaderboards that rank it 1st and 4th")
    func modelColourIgnoresRank() throws {
        let models = ["mono", "bi", "weibull", "power-law"]
        func colours(_ ranked: [String]) throws -> [String: RGB] {
            let chart = FadeModelCharts.leaderboardChart(try Self.report(ranked), models: models)
            // The bars are labelled with the model's name (issue 27: names on the axis, not ranks).
            #expect(chart.bars.map(\.label) == ranked)
            return Dictionary(uniqueKeysWithValues: chart.bars.map { ($0.label, $0.colour) })
        }
        let a = try colours(["bi", "weibull", "mono", "power-law"])
        let b = try colours(["power-law", "mono", "weibull", "bi"])
        #expect(a.count == 4 && a == b)
        // Keyed by the library's built-in order, model files after the five built-ins.
        #expect(a["mono"] == CategoricalPalette.colour(0) && a["bi"] == CategoricalPalette.colour(1))
        #expect(a["weibull"] == CategoricalPalette.colour(2) && a["power-law"] == CategoricalPalette.colour(5))
    }

    @Test("a series chart draws each model's residuals in that model's leaderboard colour")
    func seriesChartMatchesLeaderboard() throws {
        let days = (0..<24).map { Double($0) * 60 }
        let series = [ObservedSeries(name: "s", days: days, values: days.map { 0.6 * exp(-$0 / 90) + 0.4 * exp(-$0 / 2000) })]
        // Asked in a different order from the library's: the colours still follow the model.
        let models: [FitModel] = [.builtIn(.weibull), .builtIn(.mono)]
        let fitter = FadeFitter()
        let report = fitter.benchmark(series, models: models, forecastFrom: nil, jobs: 1)
        let pixels = try FigureColourTests.histogram(FadeModelCharts.seriesChart(series[0], report.series[0], models: models, fitter: fitter).encoded(.png))
        let board = FadeModelCharts.leaderboardChart(report, models: models.map(\.name))
        for name in ["mono", "weibull"] {
            let colour = board.bars.first { $0.label == name }!.colour
            #expect(colour == FadeModelCharts.colours([name])[name])
            #expect(pixels[colour, default: 0] > 100, "\(name) in the series chart")
        }
        #expect(pixels[CategoricalPalette.colour(1)] == nil, "bi was not benchmarked")
    }

    @Test("the leaderboard chart's whiskers are each model's bootstrap interval, and each bar its mean")
    func leaderboardWhiskersFromBootstrap() throws {
        let days = (0..<18).map { Double($0) * 90 }
        let series = (0..<4).map { k in
            ObservedSeries(name: "s\(k)", days: days, values: days.map { 0.55 * exp(-$0 / (80 + 20 * Double(k))) + 0.45 * exp(-$0 / 1800) })
        }
        let models: [FitModel] = [.builtIn(.mono), .builtIn(.bi)]
        let report = FadeFitter().benchmark(series, models: models, forecastFrom: nil, jobs: 1)
        let board = FadeModelCharts.leaderboardChart(report, models: models.map(\.name))
        #expect(board.bars.count == report.leaderboard.count)
        for (bar, row) in zip(board.bars, report.leaderboard) {
            #expect(bar.label.hasPrefix(row.model))
            #expect(bar.value == row.forecastRMSE)
            let low = try #require(row.forecastRMSELow), high = try #require(row.forecastRMSEHigh)
            #expect(bar.interval == low...high, "\(row.model)")
        }
    }
}
