import Foundation
import Testing
@testable import Fading

@Suite("Forecast benchmark: fit before the cut-off, forecast after, leaderboard")
struct BenchmarkTests {
    /// 12 series from a power law (heavy tail) with noise sd 0.005, 40 visits over 5 years;
    /// fitted on the first two years. Exponential-type models bend down too early past the
    /// training window; the generating model must forecast best.
    static func powerLawSeries() -> [ObservedSeries] {
        let days = Synthetic.days(40, span: 1825)
        return (0..<12).map { i in
            var rng = TestRandom(seed: UInt64(100 + i))
            let truth = [150.0 + 20 * Double(i), 0.35 + 0.02 * Double(i)]
            return ObservedSeries(name: "pl-\(i)", days: days,
                                  values: days.map { ExpressionFitTests.powerLaw.value(at: $0, parameters: truth) + 0.005 * rng.normal() })
        }
    }

    @Test("the generating model wins the forecast and tops the leaderboard")
    func generatingModelWins() throws {
        let models: [FitModel] = [.builtIn(.mono), .builtIn(.bi), .builtIn(.weibull), .expression(ExpressionFitTests.powerLaw)]
        let report = FadeFitter().benchmark(Self.powerLawSeries(), models: models, forecastFrom: 730, jobs: 2)
        #expect(report.leaderboard.first?.model == "power-law", "\(report.leaderboard)")
        let wins = report.leaderboard.first { $0.model == "power-law" }!.wins
        #expect(wins >= 10, "power-law won \(wins) of 12")
        #expect(report.leaderboard.map(\.wins).reduce(0, +) == 12)
        for s in report.series {
            #expect(s.cutoffDay == 730)
            let pl = s.models.last!
            #expect(pl.trainingPoints + pl.forecastPoints == 40 && pl.forecast.count == pl.forecastPoints)
            let weights = s.models.compactMap(\.akaikeWeight)
            #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        }
        // Leaderboard ordered by forecast RMSE.
        let rmse = report.leaderboard.compactMap(\.forecastRMSE)
        #expect(rmse == rmse.sorted())
    }

    @Test("the report does not depend on the number of jobs")
    func deterministic() {
        let models: [FitModel] = [.builtIn(.bi), .expression(ExpressionFitTests.powerLaw)]
        let one = FadeFitter().benchmark(Self.powerLawSeries(), models: models, forecastFrom: nil, jobs: 1)
        let many = FadeFitter().benchmark(Self.powerLawSeries(), models: models, forecastFrom: nil, jobs: 4)
        #expect(one == many)
        // Default cut-off: after the first ⌈2n/3⌉ = 27 of 40 points.
        #expect(one.series[0].models[0].trainingPoints == 27)
    }

    @Test("a cut-off that leaves nothing to forecast fails that series, named")
    func emptyForecast() {
        let report = FadeFitter().benchmark(Array(Self.powerLawSeries().prefix(1)), models: [.builtIn(.mono)], forecastFrom: 5000, jobs: 1)
        #expect(report.series[0].models[0].status == .failed)
        #expect(report.series[0].models[0].message?.contains("0 forecast points") == true)
        #expect(report.leaderboard[0].failed == 1 && report.leaderboard[0].forecastRMSE == nil)
    }
}
