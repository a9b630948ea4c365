import Foundation
import Testing
@testable import Fading

@Suite("Leaderboard uncertainty: bootstrap intervals, paired comparison with the best, identical models listed once")
struct LeaderboardStatisticsTests {
    @Test("the 95 % interval of a mean covers the true mean about 95 % of the time (normal data, n = 30)")
    func coverage() {
        let bootstrap = LeaderboardBootstrap(resamples: 1000, seed: 7)
        var rng = TestRandom(seed: 11)
        var covered = 0
        let trials = 200
        for t in 0..<trials {
            let sample = (0..<30).map { _ in 2 + rng.normal() }
            let ci = bootstrap.meanInterval(sample, stream: UInt64(t))!
            if ci.low <= 2 && 2 <= ci.high { covered += 1 }
        }
        // The percentile bootstrap runs a little short at n = 30 (≈ 93–94 %); 200 trials have a
        // binomial sd of 1.6 points.
        #expect(covered >= 176 && covered <= 198, "covered \(covered) of \(trials)")
    }

    @Test("paired comparison: a model worse on every series has p at the floor; one that trades places has p near 1")
    func paired() {
        let bootstrap = LeaderboardBootstrap(resamples: 2000, seed: 3)
        let worse = bootstrap.pairedComparison([0.1, 0.2, 0.15, 0.3, 0.05, 0.12], stream: 1)!
        #expect(worse.p == 1.0 / 2000)
        #expect(worse.low > 0 && abs(worse.mean - 0.92 / 6) < 1e-12)
        let even = bootstrap.pairedComparison([0.1, -0.1, 0.2, -0.2, 0.05, -0.05], stream: 2)!
        #expect(even.p > 0.8)
        #expect(even.low < 0 && even.high > 0)
        #expect(bootstrap.pairedComparison([0.3], stream: 3) == nil)
        // Seeded: the same numbers every time, others with another seed.
        var rng = TestRandom(seed: 5)
        let noisy = (0..<25).map { _ in rng.normal() }
        #expect(bootstrap.pairedComparison(noisy, stream: 2)! == bootstrap.pairedComparison(noisy, stream: 2)!)
        #expect(LeaderboardBootstrap(resamples: 2000, seed: 4).pairedComparison(noisy, stream: 2)!.low != bootstrap.pairedComparison(noisy, stream: 2)!.low)
    }

    @Test("a model that restates another (a model file of the bi-exponential) is listed once, under the first, and compared with the best")
    func identicalModelsFolded() throws {
        let restated = try ExpressionModel(ExpressionModelDefinition(
            name: "bi-again", expression: "f*exp(-kFast*t) + (1 - f)*exp(-kSlow*t)",
            parameters: [.init(name: "f", start: 0, lower: 0, upper: 1), .init(name: "kFast", start: 0.03, lower: 1e-6, upper: 5),
                         .init(name: "kSlow", start: 2e-4, lower: 1e-8, upper: 1)]))
        let models: [FitModel] = [.builtIn(.mono), .expression(ExpressionFitTests.powerLaw), .expression(ExpressionFitTests.biExpression),
                                  .expression(restated)]
        let report = FadeFitter().benchmark(BenchmarkTests.powerLawSeries(), models: models, forecastFrom: 730, jobs: 2)
        #expect(report.leaderboard.count == 3, "\(report.leaderboard.map(\.model))")
        let row = try #require(report.leaderboard.first { $0.model == "bi-expr" })
        #expect(row.identicalTo == ["bi-again"])
        #expect(!report.leaderboard.contains { $0.model == "bi-again" })
        let best = report.leaderboard[0]
        #expect(best.model == "power-law" && best.versusBestP == nil && best.forecastRMSELow! <= best.forecastRMSE!)
        for r in report.leaderboard.dropFirst() {
            #expect(r.versusBestDifference! > 0 && r.versusBestP! < 0.05, "\(r)")
            #expect(r.forecastRMSELow! <= r.forecastRMSE! && r.forecastRMSE! <= r.forecastRMSEHigh!)
        }
    }
}
