import Foundation
import Testing
@testable import Fading

/// y = a·exp(−b·t) with exact derivatives, defined only where b ≤ `bMax` (NaN beyond): a model
/// with a domain, so a fit can be driven against its edge.
struct TwoParameterDecay: ModelEvaluator {
    var bMax = Double.infinity
    var hasAnalyticGradient: Bool { true }

    func evaluate(parameters: UnsafeMutableBufferPointer<Double>, days: UnsafeBufferPointer<Double>,
                  values: UnsafeMutableBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>?,
                  gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError) {
        let a = parameters[0], b = parameters[1], n = days.count
        for i in 0..<n {
            let e = exp(-b * days[i])
            values[i] = b <= bMax ? a * e : .nan
            jacobian?[i] = e
            jacobian?[n + i] = -a * days[i] * e
        }
    }
}

/// Each of MINPACK's stopping tests, on both sides of its threshold, and the rule that a fit
/// whose gradient is not small is never reported converged, whatever test stopped it.
@Suite("Stopping rules: ftol, xtol, gtol, iteration limit, and the optimality check")
struct StoppingRuleTests {
    static let days: [Double] = (0..<30).map { Double($0) * 0.25 }
    /// 2·exp(−0.7 t) plus a fixed ±0.01 pattern (a nonzero-residual problem).
    static let noisy: [Double] = days.enumerated().map { i, t in 2 * exp(-0.7 * t) + 0.01 * sin(Double(i) * 2.3) }
    static let spec = [FadeParameter(name: "a", unit: "", lower: -.infinity, upper: .infinity, defaultValue: 1, meaning: "amplitude"),
                       FadeParameter(name: "b", unit: "1/day", lower: -.infinity, upper: .infinity, defaultValue: 0.1, meaning: "rate")]

    static func run(_ options: FitOptions, start: [Double] = [1, 0.1], values: [Double] = noisy, model: TwoParameterDecay = .init()) -> LMOutcome {
        let lm = LevenbergMarquardt(evaluator: model, spec: spec, free: [0, 1], channels: 1, affine: false, options: options)
        return days.withUnsafeBufferPointer { d in
            values.withUnsafeBufferPointer { v in lm.run(days: d, values: v, start: start, affineStart: nil, workspace: FitWorkspace()) }
        }
    }

    static func options(ftol: Double = 0, xtol: Double = 0, gtol: Double = 0, maxIterations: Int = 1000) -> FitOptions {
        var o = FitOptions()
        o.ftol = ftol; o.xtol = xtol; o.gtol = gtol; o.maxIterations = maxIterations
        return o
    }

    static func converged(_ o: LMOutcome) -> Bool { MultiStart.isConverged(o) }

    /// max |cos(r, Jⱼ)| at θ, computed here from the formulas (the gtol measure).
    static func cosine(_ theta: [Double]) -> Double {
        var rr = 0.0, j0 = 0.0, j1 = 0.0, d0 = 0.0, d1 = 0.0
        for (t, y) in zip(days, noisy) {
            let e = exp(-theta[1] * t), r = y - theta[0] * e, g1 = -theta[0] * t * e
            rr += r * r; j0 += e * e; j1 += g1 * g1; d0 += e * r; d1 += g1 * r
        }
        return max(abs(d0) / (j0 * rr).squareRoot(), abs(d1) / (j1 * rr).squareRoot())
    }

    @Test("ftol: the relative-reduction test on both sides of its threshold")
    func ftolRule() {
        let rules = StoppingRules(ftol: 1e-8, xtol: 0, gtol: 0)
        #expect(rules.ftolHolds(actual: 0.9e-8, predicted: 0.9e-8))
        #expect(rules.ftolHolds(actual: -0.9e-8, predicted: 0.5e-8))        // a step that rounding made worse
        #expect(!rules.ftolHolds(actual: 1.1e-8, predicted: 0.9e-8))        // actual above
        #expect(!rules.ftolHolds(actual: 0.9e-8, predicted: 1.1e-8))        // predicted above
        #expect(!rules.ftolHolds(actual: 0.9e-8, predicted: 0.4e-8))        // did more than twice as well as predicted
        #expect(StoppingRules.actualReduction(ssr: 1, trialSSR: .infinity) == -1)
        #expect(StoppingRules.actualReduction(ssr: 1, trialSSR: 101) == -1)
        #expect(abs(StoppingRules.actualReduction(ssr: 4, trialSSR: 3) - 0.25) < 1e-15)
    }

    @Test("xtol and gtol tests on both sides of their thresholds")
    func xtolGtolRules() {
        let rules = StoppingRules(ftol: 0, xtol: 1e-8, gtol: 1e-6)
        #expect(rules.xtolHolds(scaledStep: 0.99e-8 * 5, scaledParameters: 5))
        #expect(!rules.xtolHolds(scaledStep: 1.01e-8 * 5, scaledParameters: 5))
        #expect(rules.gtolHolds(cosine: 0.99e-6))
        #expect(!rules.gtolHolds(cosine: 1.01e-6))
    }

    @Test("each tolerance alone stops a fit at the minimum, reported converged with its reason")
    func eachRuleAlone() {
        for (reason, options) in [(FitStopReason.ftol, Self.options(ftol: 1.49e-8)), (.xtol, Self.options(xtol: 1.49e-8)),
                                  (.gtol, Self.options(gtol: 1e-8))] {
            let o = Self.run(options)
            #expect(o.reason == reason && Self.converged(o), "\(reason): \(o.status) \(String(describing: o.reason))")
        }
        // With every tolerance 0 only a step that changes nothing (a zero step meets xtol = 0, a
        // zero change ftol = 0), rounding or the limit can stop it: it runs to the same minimum.
        let none = Self.run(Self.options(maxIterations: 200)), tight = Self.run(Self.options(ftol: 1.49e-8))
        #expect(Self.converged(none) && abs(none.ssr / tight.ssr - 1) < 1e-9, "\(String(describing: none.reason)) \(none.ssr) vs \(tight.ssr)")
    }

    @Test("gtol stops exactly when the start's cosine is at or below it", arguments: [1.01, 0.99])
    func gtolThreshold(_ factor: Double) {
        let start = [2.0 * 1.001, 0.7 * 0.999]
        let c0 = Self.cosine(start)
        let o = Self.run(Self.options(gtol: c0 * factor, maxIterations: 1), start: start)
        if factor > 1 {
            #expect(o.reason == .gtol && o.iterations == 1, "cos \(c0): \(String(describing: o.reason))")
        } else {
            #expect(o.reason == .maxIterations, "cos \(c0): \(String(describing: o.reason))")
        }
    }

    @Test("the iteration limit on both sides: 1 iteration is not converged, enough is")
    func maxIterations() {
        let short = Self.run(Self.options(ftol: 1.49e-8, xtol: 1.49e-8, gtol: 1.49e-8, maxIterations: 1))
        #expect(short.reason == .maxIterations && !Self.converged(short) && short.iterations == 1)
        let long = Self.run(Self.options(ftol: 1.49e-8, xtol: 1.49e-8, gtol: 1.49e-8, maxIterations: 1000))
        #expect(Self.converged(long) && long.iterations < 100)
    }

    @Test("loose ftol or xtol stop the fit early: the gradient is not small, so not converged",
          arguments: [FitStopReason.ftol, .xtol])
    func looseToleranceIsNotConvergence(_ rule: FitStopReason) {
        let o = Self.run(rule == .ftol ? Self.options(ftol: 0.5) : Self.options(xtol: 0.9))
        #expect(o.reason == rule, "\(String(describing: o.reason))")
        #expect(!Self.converged(o), "\(o.status)")
        if case .notConverged(let why) = o.status { #expect(why.contains("gradient is not small")) }
    }

    @Test("a fit whose every trial step leaves the model's domain stops by xtol, reported not converged")
    func stuckAtTheEdge() {
        // The data want b = 0.7; the model is undefined beyond b = 0.3 and the start sits on that
        // edge with a = 1: every step that lowers the SSR needs b > 0.3. Damping shrinks the step
        // until xtol holds: before issue 22 this was reported converged.
        let o = Self.run(FitOptions(), start: [1, 0.3], model: TwoParameterDecay(bMax: 0.3))
        #expect(!Self.converged(o), "\(o.status) \(String(describing: o.reason))")
        #expect(o.reason == .xtol || o.reason == .ftol)
    }

    /// Time in units 1e14 times smaller (t up to 7e14, b near 7e-15): J's two columns differ in
    /// norm by 14 orders of magnitude. The damped system is full rank by construction; before
    /// issue 22 the solver's rank test (against the largest pivot) refused it and the fit aborted.
    @Test("parameters 14 orders of magnitude apart in scale: every damped step is solved, the fit converges")
    func badlyScaled() {
        let scale = 1e14
        let lm = LevenbergMarquardt(evaluator: TwoParameterDecay(), spec: Self.spec, free: [0, 1], channels: 1, affine: false, options: FitOptions())
        let days = Self.days.map { $0 * scale }
        let o = days.withUnsafeBufferPointer { d in
            Self.noisy.withUnsafeBufferPointer { v in lm.run(days: d, values: v, start: [1, 0.1 / scale], affineStart: nil, workspace: FitWorkspace()) }
        }
        let reference = Self.run(FitOptions())
        #expect(Self.converged(o) && abs(o.ssr / reference.ssr - 1) < 1e-8, "\(o.status) \(o.ssr) vs \(reference.ssr)")
    }

    @Test("exact data: converged from afar; at the truth the zero-residual test stops it at once")
    func zeroResidual() {
        let exact = Self.days.map { 2 * exp(-0.7 * $0) }
        let far = Self.run(FitOptions(), values: exact)
        #expect(Self.converged(far) && far.ssr < 1e-20, "\(far.status) \(String(describing: far.reason)) ssr \(far.ssr)")
        let atTruth = Self.run(FitOptions(), start: [2, 0.7], values: exact)
        #expect(Self.converged(atTruth) && atTruth.reason == .zeroResidual && atTruth.iterations == 0,
                "\(atTruth.status) \(String(describing: atTruth.reason)) ssr \(atTruth.ssr)")
    }
}
