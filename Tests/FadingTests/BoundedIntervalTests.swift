import Foundation
import Testing
@testable import Fading

@Suite("Parameter intervals stay inside the parameter's bounds, and say when a bound is active")
struct BoundedIntervalTests {
    @Test("a Wald interval inside the bounds is kept; one crossing a bound is cut there and flagged; an estimate on its bound gets none")
    func rules() {
        let inside = ParameterEstimate.bounded(name: "k", unit: "1/day", estimate: 0.5, standardError: 0.1, t: 2, lower: 0, upper: 1)
        #expect(inside.ci95Method == .wald && abs(inside.ci95Low! - 0.3) < 1e-12 && abs(inside.ci95High! - 0.7) < 1e-12)
        let nearZero = ParameterEstimate.bounded(name: "k", unit: "1/day", estimate: 0.05, standardError: 0.1, t: 2, lower: 0, upper: 1)
        #expect(nearZero.ci95Method == .clippedAtBound && nearZero.ci95Low == 0 && abs(nearZero.ci95High! - 0.25) < 1e-12)
        let onBound = ParameterEstimate.bounded(name: "k", unit: "1/day", estimate: 0, standardError: 0.1, t: 2, lower: 0, upper: 1)
        #expect(onBound.ci95Method == .atBound && onBound.atBound && onBound.ci95Low == nil && onBound.ci95High == nil)
        let unknown = ParameterEstimate.bounded(name: "k", unit: "1/day", estimate: 0.5, standardError: nil, t: 2, lower: 0, upper: 1)
        #expect(unknown.ci95Method == .none && unknown.ci95Low == nil)
    }

    @Test("fitted to noisy data that barely constrain a slow rate, no fit reports a negative rate limit", arguments: 0..<6)
    func noNegativeRates(seed: Int) throws {
        // Two years of visits on a nearly flat series: the slow rate is poorly determined and
        // its Wald interval would reach below zero.
        let days = Synthetic.days(12, span: 730)
        var rng = TestRandom(seed: UInt64(40 + seed))
        let values = days.map { 0.98 * exp(-2e-5 * $0) + 0.01 * rng.normal() }
        let fitter = FadeFitter()
        let fit = fitter.fit([ObservedSeries(name: "flat", days: days, values: values)], models: [.builtIn(.mono)], jobs: 1)[0].fits[0]
        let spec = fitter.specification(for: .builtIn(.mono))
        var checked = 0
        for p in fit.parameters where p.fitted {
            guard let bounds = spec.first(where: { $0.name == p.name }) else { continue }
            if let low = p.ci95Low { #expect(low >= bounds.lower, "\(p.name): \(low) below \(bounds.lower)") }
            if let high = p.ci95High { #expect(high <= bounds.upper, "\(p.name): \(high) above \(bounds.upper)") }
            checked += 1
        }
        #expect(checked >= 1)
    }
}
