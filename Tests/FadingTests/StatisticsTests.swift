import Foundation
import Testing
@testable import Fading

@Suite("Fit statistics")
struct StatisticsTests {
    @Test("Student t 97.5 % quantiles match tables")
    func tQuantiles() {
        let table: [(Double, Double)] = [(1, 12.706204736), (2, 4.302652730), (5, 2.570581836), (10, 2.228138852), (30, 2.042272456), (1000, 1.962339081)]
        for (df, t) in table {
            #expect(abs(FitStatistics.studentTQuantile(0.975, df: df) - t) < 1e-7, "df \(df)")
        }
    }

    @Test("AIC and BIC follow the stated Gaussian formulas")
    func informationCriteria() {
        let ssr = 0.004, n = 40, q = 3
        let expectedAIC = Double(n) * log(2 * Double.pi * ssr / Double(n)) + Double(n) + 2 * Double(q + 1)
        #expect(abs(FitStatistics.aic(ssr: ssr, n: n, parameters: q) - expectedAIC) < 1e-10)
        #expect(abs(FitStatistics.bic(ssr: ssr, n: n, parameters: q) - (expectedAIC - 8 + 4 * log(40))) < 1e-10)
    }
}
