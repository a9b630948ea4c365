import Foundation
import Testing
@testable import Fading

/// The functions and constants of model expressions: values, exact derivatives against central
/// finite differences (at ordinary and at awkward points), and the stated behaviour where a
/// function is not differentiable or not defined (see `ExpressionMath`).
@Suite("Model expressions: functions, their derivatives, and where they are not defined")
struct ExpressionFunctionTests {
    static func model(_ expression: String, variables: [String] = ["t"], parameters: [String] = ["a", "b"]) throws(FadeError) -> ExpressionModel {
        try ExpressionModel(ExpressionModelDefinition(name: "m", expression: expression, variables: variables,
                                                      parameters: parameters.map { .init(name: $0, start: 0.5, lower: -.infinity, upper: .infinity) }))
    }

    @Test("values of every function and constant agree with Foundation", arguments: [
        ("sin(t)", 0.7, sin(0.7)), ("cos(t)", 0.7, cos(0.7)), ("tan(t)", 0.7, tan(0.7)), ("asin(t)", 0.7, asin(0.7)),
        ("acos(t)", 0.7, acos(0.7)), ("atan(t)", 7, atan(7.0)), ("abs(t)", -3, 3), ("log10(t)", 1000, 3),
        ("sqrt(t)", 2, 2.0.squareRoot()), ("exp(t)", 1, exp(1.0)), ("log(t)", 10, log(10.0)), ("pow(t, 3)", 2, 8),
        ("min(t, 1)", 2, 1), ("max(t, 1)", 2, 2), ("pi", 0, Double.pi), ("e", 0, exp(1.0)), ("2*pi*t", 0.5, Double.pi),
        ("e^t", 2, exp(2.0)), ("cos(pi)", 0, -1), ("abs(-t)", 2, 2),
    ])
    func values(_ c: (String, Double, Double)) throws {
        let m = try Self.model("(\(c.0)) + 0*a*b")
        let v = m.value(at: c.1, parameters: [0.5, 0.5])
        #expect(abs(v - c.2) <= 4e-16 * max(1, abs(c.2)), "\(c.0) at \(c.1): \(v) vs \(c.2)")
    }

    /// f(a·t + b) at points where u = a·t + b is ordinary or awkward for f (near a domain edge,
    /// near a pole, large, tiny): ∂/∂a and ∂/∂b against central differences.
    @Test("each function's derivative matches central finite differences", arguments: [
        ("sin", [0.3, 2.5, -40, 1e3]), ("cos", [0.3, 3.1, -40, 1e3]), ("tan", [0.3, 1.5, -1.55, 1.57]),
        ("asin", [0, 0.5, -0.999, 0.999]), ("acos", [0, 0.5, -0.999, 0.999]), ("atan", [0, 0.5, -30, 1e6]),
        ("abs", [1e-3, -1e-3, 2.5, -7]), ("log10", [1e-3, 1, 5e4, 1e-200]), ("log", [1e-3, 1, 5e4, 1e-200]),
        ("sqrt", [1e-6, 1, 5e4, 1e-200]), ("exp", [-700, -1, 0, 300]),
    ])
    func finiteDifferences(_ f: String, _ us: [Double]) throws {
        let m = try Self.model("\(f)(a*t + b)")
        for u in us {
            // t = 2, a = u/4, b = u/2: a·t + b is u exactly, however small.
            try Self.check(m, at: [2], parameters: [u / 4, u / 2], label: "\(f) at u = \(u)")
        }
    }

    @Test("two-argument functions and powers: derivatives against finite differences", arguments: [
        ("pow(a, b*t)", [0.5, 1.2]), ("pow(a + t, b)", [0.3, -2.5]), ("(a - t)^3 + 0*b", [0.6, 0]), ("(a - t)^b", [3.5, 2.0]),
        ("a^t * b", [0.1, 3]), ("min(a*t, b)", [1, 0.3]), ("max(a*t, b)", [1, 0.3]), ("min(a*t, b)", [1, 5]),
        ("atan(a/t) + asin(b/t) - acos(a*b) + tan(b)*abs(a - b)", [0.6, -0.4]),
        ("log10(a)*log(b*t) + sqrt(a*b*t) / exp(-b)", [2.5, 0.7]), ("sin(a)^2 + cos(a)^2 + b*pi*e", [0.8, 0.3]),
    ])
    func combinations(_ expression: String, _ theta: [Double]) throws {
        let m = try Self.model(expression)
        for t in [0.5, 1.7, 3.0] { try Self.check(m, at: [t], parameters: theta, label: "\(expression) at t = \(t)") }
    }

    /// Central differences with a step scaled to each parameter; a derivative that is exactly
    /// zero must be matched to the difference's own rounding.
    static func check(_ m: ExpressionModel, at point: [Double], parameters θ: [Double], label: String) throws {
        let (v, g) = m.gradient(at: point, parameters: θ)
        #expect(v == m.value(at: point, parameters: θ), "\(label): gradient's value")
        for j in θ.indices {
            let h = 1e-6 * (θ[j] != 0 ? abs(θ[j]) : 1e-3)
            var up = θ, down = θ
            up[j] += h; down[j] -= h
            let fd = (m.value(at: point, parameters: up) - m.value(at: point, parameters: down)) / (up[j] - down[j])
            let scale = max(abs(g[j]), abs(v) / max(abs(θ[j]), 1e-3), 1e-12)
            #expect(g[j].isFinite && abs(g[j] - fd) <= 2e-5 * scale, "\(label): ∂/∂θ\(j) \(g[j]) vs finite difference \(fd)")
        }
    }

    @Test("where not differentiable: abs′(0) = 0, ties take the left branch, zero inner derivatives stay zero")
    func nonDifferentiable() throws {
        let absolute = try Self.model("abs(a - b*t)")
        #expect(absolute.gradient(at: [2], parameters: [1, 0.5]).gradient == [0, 0])
        let minimum = try Self.model("min(a*t, b)"), maximum = try Self.model("max(b, a*t)")
        // a·t = b = 1: the left argument's derivative (∂/∂a = t for min(a·t, b); ∂/∂b = 1 for max(b, a·t)).
        #expect(minimum.gradient(at: [2], parameters: [0.5, 1]).gradient == [2, 0])
        #expect(maximum.gradient(at: [2], parameters: [0.5, 1]).gradient == [0, 1])
        // sqrt(a·t) at t = 0 is 0 for every a: ∂/∂a = 0, not 0·∞.
        let root = try Self.model("sqrt(a*t) + b")
        #expect(root.gradient(at: [0], parameters: [2, 1]).gradient == [0, 1])
        let power = try Self.model("(a*t)^0.5 + b")
        #expect(power.gradient(at: [0], parameters: [2, 1]).gradient == [0, 1])
        let arcsine = try Self.model("asin(a*t - 1) + b")
        #expect(arcsine.gradient(at: [0], parameters: [1, 1]).gradient == [0, 1])
        // 0^b for b > 0 is 0 whatever b: ∂/∂b = 0 (ln 0 would give 0·(−∞)).
        // A zero base to an integral power: 3·0² = 0 (and a negative base is fine: e·u^(e−1) via e·r/u).
        let cube = try Self.model("(a - t)^3 + b")
        #expect(cube.gradient(at: [0.5], parameters: [0.5, 1]).gradient == [0, 1])
        #expect(cube.gradient(at: [2.5], parameters: [0.5, 1]).gradient == [12, 1])
        let zeroBase = try Self.model("(a*t)^b")
        #expect(zeroBase.gradient(at: [0], parameters: [1, 2]).gradient == [0, 0])
    }

    @Test("an infinite slope stays infinite and is reported with the point and the parameter")
    func infiniteSlope() throws {
        let m = try Self.model("sqrt(t - a) + b")
        let g = m.gradient(at: [1], parameters: [1, 0]).gradient
        #expect(g[0] == -.infinity && g[1] == 1)
        let text = try #require(m.nonFinitePoint(at: [3, 1, 2], parameters: [1, 0]))
        #expect(text.contains("∂/∂a = -inf") && text.contains("t = 1.0"), "\(text)")
    }

    @Test("domain errors give NaN, and NaN is never hidden by min, max or pow", arguments: [
        "sqrt(a - t)", "log(a - t)", "asin(a*t)", "acos(a*t)", "log10(a - t)", "(a - t)^b",
        "min(sqrt(a - t), b)", "max(b, log(a - t))", "min(1, asin(a*t))", "pow(1, sqrt(a - t))", "pow(sqrt(a - t), 0)",
    ])
    func domainErrors(_ expression: String) throws {
        let m = try Self.model(expression + " + 0*b")
        // a = 1, t = 3: every argument above is outside its function's domain (b = 0.5 for the power).
        let (v, _) = m.gradient(at: [3], parameters: [1, 0.5])
        #expect(v.isNaN, "\(expression): \(v)")
        #expect(m.value(at: [3], parameters: [1, 0.5]).isNaN)
    }

    @Test("constants fold, and a constant outside a function's domain is refused at its column", arguments: [
        ("a*t + sqrt(-1)", 7, "NaN"), ("a*t + log(0)", 7, "-inf"), ("a*t*asin(2)", 5, "NaN"), ("a + 1/0", 6, "inf"),
    ])
    func constantDomain(_ c: (String, Int, String)) throws {
        do {
            _ = try Self.model(c.0, parameters: ["a"])
            Issue.record("\(c.0) accepted")
        } catch {
            #expect(error.description.contains("expression: column \(c.1): this constant part of the expression evaluates to \(c.2)"), "\(error.description)")
        }
        let folded = try Self.model("a*t*(sin(pi/2) + cos(0) + abs(-2) + log10(100) + atan(0) + e^0)", parameters: ["a"])
        #expect(folded.program.ops == [.parameter(0), .variable(0), .multiply, .constant(7), .multiply])
    }

    @Test("pi and e are reserved: no parameter or variable may take their names", arguments: ["pi", "e"])
    func reserved(_ name: String) throws {
        #expect(throws: FadeError.self) { _ = try Self.model("\(name)*t", parameters: [name]) }
        #expect(throws: FadeError.self) { _ = try Self.model("a*\(name)", variables: [name], parameters: ["a"]) }
    }
}
