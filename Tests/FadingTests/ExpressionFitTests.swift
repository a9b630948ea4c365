import Foundation
import Testing
@testable import Fading

@Suite("Fitting model-file expressions")
struct ExpressionFitTests {
    static let powerLaw = try! ExpressionModel(ExpressionModelDefinition(
        name: "power-law", expression: "(1 + t/tau)^(-alpha)",
        parameters: [.init(name: "tau", start: 100, lower: 1, upper: 1e4, unit: "day"), .init(name: "alpha", start: 0.3, lower: 0.01, upper: 5)]))
    static let biExpression = try! ExpressionModel(ExpressionModelDefinition(
        name: "bi-expr", expression: "f*exp(-kFast*t) + (1 - f)*exp(-kSlow*t)",
        parameters: [.init(name: "f", start: 0, lower: 0, upper: 1), .init(name: "kFast", start: 0.03, lower: 1e-6, upper: 5),
                     .init(name: "kSlow", start: 2e-4, lower: 1e-8, upper: 1)]))

    @Test("the generating parameters are recovered from noisy power-law data (95 % intervals cover them)")
    func recovery() throws {
        let days = Synthetic.days(60, span: 1800)
        var covered = [0, 0]
        for seed in 1...20 {
            var rng = TestRandom(seed: UInt64(seed))
            let truth = [250.0, 0.45]
            let values = days.map { Self.powerLaw.value(at: $0, parameters: truth) + 0.005 * rng.normal() }
            let fit = FadeFitter(options: { var o = FitOptions(); o.folds = 0; return o }())
                .fit([ObservedSeries(name: "s\(seed)", days: days, values: values)], models: [FitModel.expression(Self.powerLaw)], jobs: 1)[0].fits[0]
            #expect(fit.status == .converged, "\(fit.message ?? "")")
            for (j, p) in fit.parameters.enumerated() {
                #expect(abs(p.estimate / truth[j] - 1) < 0.25, "seed \(seed) \(p.name) \(p.estimate)")
                if let lo = p.ci95Low, let hi = p.ci95High, lo <= truth[j], truth[j] <= hi { covered[j] += 1 }
            }
        }
        // Binomial(20, 0.95): ≥ 16 with probability > 99.7 %.
        #expect(covered.allSatisfy { $0 >= 16 }, "\(covered)")
    }

    @Test("the bi-exponential as an expression fits exactly as the built-in bi does")
    func agreesWithBuiltIn() throws {
        let truth = BiExponential(f: 0.12, kFast: 0.05, kSlow: 3e-4)
        let s = Synthetic.series(truth, name: "s", days: Synthetic.days(40, span: 1800), noise: 0.01, seed: 4)
        let fits = FadeFitter().fit([s], models: [FitModel.builtIn(.bi), .expression(Self.biExpression)], jobs: 1)[0].fits
        #expect(fits[0].status == .converged && fits[1].status == .converged)
        for (a, b) in zip(fits[0].parameters, fits[1].parameters) {
            #expect(abs(a.estimate - b.estimate) <= 1e-9 * abs(a.estimate), "\(a.name)")
            #expect(abs(a.standardError! - b.standardError!) <= 1e-6 * a.standardError!, "\(a.name) SE")
        }
        #expect(abs(fits[0].cvRMSE! - fits[1].cvRMSE!) < 1e-9)
    }

    @Test("NaN at the start values fails that series with the day named")
    func nanAtStart() throws {
        let m = try ExpressionModel(ExpressionModelDefinition(name: "logm", expression: "1 - a*log(t)",
                                                              parameters: [.init(name: "a", start: 0.1, lower: 0, upper: 1)]))
        let s = ObservedSeries(name: "s", days: [0, 10, 20, 30], values: [1, 0.8, 0.7, 0.66])
        let fit = FadeFitter().fit([s], models: [FitModel.expression(m)], jobs: 1)[0].fits[0]
        #expect(fit.status == .failed)
        #expect(fit.message?.contains("evaluates to inf at t = 0.0 with a=0.1") == true, "\(fit.message ?? "")")
    }

    @Test("duplicate model names are refused")
    func duplicates() {
        let renamed = try! ExpressionModel(ExpressionModelDefinition(name: "bi", expression: "exp(-k*t)", parameters: [.init(name: "k", start: 1e-3, lower: 0, upper: 1)]))
        #expect(throws: FadeError.self) { try FadeFitter().validate(models: [FitModel.builtIn(.bi), .expression(renamed)]) }
    }
}
