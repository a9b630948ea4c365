import Foundation
import Testing
@testable import Fading

@Suite("Fade models: closed forms and gradients")
struct ModelTests {
    @Test("mono-exponential: R at the half-life is 1/2; the rate multiplier shortens it")
    func monoHalfLife() throws {
        let m = MonoExponential(k: 6.5e-4)
        #expect(abs(m.retained(atDay: m.halfLifeDays) - 0.5) < 1e-14)
        #expect(abs(m.halfLifeDays - log(2) / 6.5e-4) < 1e-9)
        let fast = MonoExponential(k: 6.5e-4, conditions: FadeConditions(rateMultiplier: 2))
        #expect(abs(fast.halfLifeDays * 2 - m.halfLifeDays) < 1e-9)
        #expect(m.retained(atDay: 0) == 1)
    }

    @Test("bi-exponential: 1 at t = 0, 0 as t → ∞, only the slow pool left late")
    func biLimits() throws {
        let b = BiExponential(f: 0.08, kFast: 0.03, kSlow: 2e-4)
        #expect(b.retained(atDay: 0) == 1)
        #expect(b.retained(atDay: 1e7) < 1e-300 + 1e-12)
        // After the fast pool is gone: R ≈ (1 − f) e^{−kSlow t}.
        let t = 2000.0
        #expect(abs(b.retained(atDay: t) - 0.92 * exp(-2e-4 * t)) < 1e-12)
        // f = 0 reduces to mono.
        let mono = BiExponential(f: 0, kFast: 0.5, kSlow: 3e-4)
        #expect(abs(mono.retained(atDay: 700) - exp(-3e-4 * 700)) < 1e-15)
    }

    @Test("defaults reproduce the published anchor: ~11 % loss at 6 months (bi, mono, weibull, uv)")
    func defaultsAnchor() throws {
        let lib = FadeLibrary.builtIn
        for kind in [FadeModelKind.mono, .weibull, .uv, .compartment] {
            let setup = try lib.setup(model: kind)
            let r = try FadeTimeline.curve(setup, conditions: FadeConditions(), days: [180])[0]
            #expect(abs(r - 0.89) < 0.02, "\(kind.name): retained at 180 d = \(r)")
        }
        // bi, the plan default, starts once healed: its fast pool is empty (the early loss is
        // healing's, `HealedDose`), so 180 days cost only the slow rate.
        let bi = try lib.setup(model: .bi)
        #expect(bi.value(of: "f") == 0)
        let r = try FadeTimeline.curve(bi, conditions: FadeConditions(), days: [180])[0]
        #expect(abs(r - exp(-bi.value(of: "kSlow")! * 180)) < 1e-15)
    }

    @Test("Weibull: R(λ) = e⁻¹ for any β; β = 1 is mono-exponential")
    func weibullAtLambda() throws {
        for beta in [0.3, 0.62, 1.0, 2.5] {
            let w = StretchedExponential(lambda: 5600, beta: beta)
            #expect(abs(w.retained(atDay: 5600) - exp(-1)) < 1e-14)
        }
        let one = StretchedExponential(lambda: 1000, beta: 1)
        #expect(abs(one.retained(atDay: 321) - exp(-0.321)) < 1e-14)
    }

    @Test("UV model: rate scales by 1 + gain·sun")
    func uvScaling() throws {
        let spec = UVScaledExponential.specification
        let dark = try UVScaledExponential(values: [5e-4, 0.6], parameters: spec, conditions: FadeConditions(sunExposure: 0))
        let sunny = try UVScaledExponential(values: [5e-4, 0.6], parameters: spec, conditions: FadeConditions(sunExposure: 1))
        #expect(abs(dark.retained(atDay: 1000) - exp(-0.5)) < 1e-14)
        #expect(abs(sunny.retained(atDay: 1000) - exp(-0.5 * 1.6)) < 1e-14)
        #expect(throws: FadeError.self) { try UVScaledExponential(values: [5e-4, 0.6], parameters: spec, conditions: FadeConditions(sunExposure: 1.5)) }
    }

    @Test("analytic gradients agree with central differences", arguments: [FadeModelKind.mono, .bi, .weibull, .uv])
    func gradients(_ kind: FadeModelKind) throws {
        struct Check: FadeModelVisitor {
            func visit<M: FadeModel>(_: M.Type) -> Double {
                #expect(M.hasAnalyticGradient)
                // At the defaults, moved off a bound (bi's f = 0) so central differences stay inside.
                let p0 = M.specification.map { p in p.defaultValue == p.lower ? p.lower + 0.08 * (p.upper - p.lower) : p.defaultValue }
                var worst = 0.0
                for t in [0.0, 3, 45, 400, 2500] {
                    let m = try! M(values: p0)
                    var g = [Double](repeating: 0, count: p0.count)
                    let value = g.withUnsafeMutableBufferPointer { m.gradient(atDay: t, into: $0) }
                    #expect(abs(value - m.retained(atDay: t)) < 1e-15)
                    for j in p0.indices {
                        let h = 1e-6 * max(abs(p0[j]), 1e-6)
                        var up = p0, down = p0
                        up[j] += h; down[j] -= h
                        let numeric = (try! M(values: up).retained(atDay: t) - (try! M(values: down)).retained(atDay: t)) / (2 * h)
                        worst = max(worst, abs(numeric - g[j]) / max(1e-6, abs(numeric)))
                    }
                }
                return worst
            }
        }
        let worst = kind.accept(Check())
        #expect(worst < 1e-5, "\(kind.name): relative gradient error \(worst)")
    }

    @Test("parameters outside bounds, unknown names and unknown models are refused, naming them")
    func badParameters() throws {
        let lib = FadeLibrary.builtIn
        #expect(throws: FadeError.parameterOutOfBounds(model: "bi", name: "f", value: 1.5, lower: 0, upper: 1)) {
            try lib.setup(model: .bi, overrides: ["f": 1.5])
        }
        do {
            _ = try lib.setup(model: .mono, overrides: ["kk": 1])
            Issue.record("unknown parameter accepted")
        } catch { #expect(error.description.contains("'kk'") && error.description.contains("k")) }
        do {
            _ = try FadeModelKind(named: "linear")
            Issue.record("unknown model accepted")
        } catch { #expect(error.description.contains("mono, bi, weibull, uv, compartment")) }
    }
}
