import Foundation
import Testing
@testable import Fading

@Suite("Model expressions: parsing, exact derivatives, definitions")
struct ExpressionTests {
    static func model(_ expression: String, _ parameters: [(String, Double, Double, Double)], variable: String = "t") throws(FadeError) -> ExpressionModel {
        try ExpressionModel(ExpressionModelDefinition(name: "m", expression: expression, variable: variable,
                                                      parameters: parameters.map { .init(name: $0.0, start: $0.1, lower: $0.2, upper: $0.3) }))
    }

    static func value(_ expression: String, at t: Double) throws -> Double {
        // A dummy parameter times zero keeps the definition valid (every parameter must occur).
        try model("(\(expression)) + 0*a", [("a", 1, 0, 2)]).value(at: t, parameters: [1])
    }

    @Test("precedence and associativity follow mathematics", arguments: [
        ("-t^2", 3.0, -9.0), ("2^3^2", 0, 512), ("1 - 2 - 3", 0, -4), ("8/2/2", 0, 2), ("2**3", 0, 8),
        ("2*t**2", 3, 18), ("-(t+1)*2", 1, -4), ("2^-1", 0, 0.5), ("+t - -t", 2, 4), ("1.5e2 + .5", 0, 150.5),
        ("exp(log(t))", 7, 7), ("sqrt(t)*pow(t, 0.5)", 5, 5), ("min(t, 2) + max(t, 2)", 5, 7), ("(((t)))", 4, 4),
    ])
    func precedence(_ c: (String, Double, Double)) throws {
        #expect(abs(try Self.value(c.0, at: c.1) - c.2) < 1e-12, "\(c.0)")
    }

    @Test("syntax errors name the column", arguments: [
        ("(1 + t", 7, "expected ')'"), ("1 + * t", 5, "unexpected '*'"), ("1 + q", 5, "unknown name 'q'"),
        ("exp t", 1, "needs its argument in parentheses"), ("pow(t)", 1, "takes 2 arguments"), ("t t", 3, "after a complete expression"),
        ("foo(t)", 1, "unknown function 'foo'"), ("", 1, "empty expression"), ("t +", 4, "expression ends"),
    ])
    func syntaxErrors(_ c: (String, Int, String)) throws {
        do {
            _ = try Self.model(c.0.isEmpty ? "" : c.0 + "", [("a", 1, 0, 2)])
            Issue.record("\(c.0) parsed")
        } catch {
            let text = error.description
            #expect(text.contains("expression: column \(c.1): "), "\(c.0): \(text)")
            #expect(text.contains(c.2), "\(c.0): \(text)")
        }
    }

    @Test("definition errors name the field", arguments: [
        ("exp(-k*t)", [("k", 2.0, 0.0, 1.0)], "parameters.k.start"),
        ("exp(-k*t)", [("k", 0.5, 1.0, 1.0)], "min < max"),
        ("exp(-k*t)", [("k", 0.5, .nan, 1.0)], "min < max"),
        ("exp(-k*t)", [("k", 0.5, 0, 1), ("j", 0.5, 0, 1)], "parameters.j: does not occur"),
        ("exp(-k*t)", [("k", 0.5, 0, 1), ("k", 0.5, 0, 1)], "appears twice"),
        ("exp(-t)", [("t", 0.5, 0, 1)], "independent variable"),
        ("exp(-exp*t)", [("exp", 0.5, 0, 1)], "function name"),
    ])
    func definitionErrors(_ c: (String, [(String, Double, Double, Double)], String)) throws {
        #expect(throws: FadeError.self) { _ = try Self.model(c.0, c.1) }
        do { _ = try Self.model(c.0, c.1) } catch { #expect(error.description.contains(c.2), "\(error.description)") }
    }

    /// Forward-mode derivatives against derivatives worked by hand, at points where every branch is smooth.
    @Test("derivatives match closed forms")
    func derivatives() throws {
        let power = try Self.model("(1 + t/tau)^(-alpha)", [("tau", 100, 1, 1e4), ("alpha", 0.3, 0.01, 5)])
        for (t, tau, alpha) in [(0.0, 100.0, 0.3), (50, 100, 0.3), (700, 35, 1.7), (3000, 9000, 0.05)] {
            let (v, g) = power.gradient(at: t, parameters: [tau, alpha])
            let base = 1 + t / tau, r = pow(base, -alpha)
            #expect(abs(v - r) <= 1e-15 * max(1, abs(r)))
            let dTau = alpha * t / (tau * tau) * pow(base, -alpha - 1)
            let dAlpha = -log(base) * r
            #expect(abs(g[0] - dTau) <= 1e-12 * max(abs(dTau), 1e-300) + 1e-300, "∂τ at t=\(t): \(g[0]) vs \(dTau)")
            #expect(abs(g[1] - dAlpha) <= 1e-12 * max(abs(dAlpha), 1e-300) + 1e-300, "∂α at t=\(t)")
        }
        let bi = try Self.model("f*exp(-kFast*t) + (1 - f)*exp(-kSlow*t)", [("f", 0.1, 0, 1), ("kFast", 0.04, 1e-6, 5), ("kSlow", 2e-4, 1e-8, 1)])
        let reference = BiExponential(f: 0.1, kFast: 0.04, kSlow: 2e-4)
        var g = [0.0, 0, 0]
        for t in [0.0, 1, 30, 365, 2000] {
            let r = g.withUnsafeMutableBufferPointer { reference.gradient(atDay: t, into: $0) }
            let (v, ge) = bi.gradient(at: t, parameters: [0.1, 0.04, 2e-4])
            #expect(abs(v - r) < 1e-15)
            for j in 0..<3 { #expect(abs(ge[j] - g[j]) <= 1e-14 * max(abs(g[j]), 1e-12), "bi ∂\(j) at \(t)") }
        }
        // Every function and the parameter-dependent power: a·sqrt(t)·log(b + t) / (1 + t^c) + min(a, b) − max(a·t, b)
        let mixed = try Self.model("a*sqrt(t)*log(b + t)/(1 + t^c) + min(a, b) - max(a*t, b) + pow(b, c)", [("a", 1.5, 0, 10), ("b", 2.5, 0, 10), ("c", 0.7, 0, 3)])
        for t in [0.5, 2.0, 9.0] {
            let a = 1.5, b = 2.5, c = 0.7
            let (v, ge) = mixed.gradient(at: t, parameters: [a, b, c])
            let den = 1 + pow(t, c), lg = log(b + t), s = t.squareRoot()
            let useAT = a * t > b
            let expected = a * s * lg / den + min(a, b) - max(a * t, b) + pow(b, c)
            let da = s * lg / den + (a < b ? 1 : 0) - (useAT ? t : 0)
            let db = a * s / ((b + t) * den) + (a < b ? 0 : 1) - (useAT ? 0 : 1) + c * pow(b, c - 1)
            let dc = -a * s * lg * pow(t, c) * log(t) / (den * den) + pow(b, c) * log(b)
            #expect(abs(v - expected) < 1e-13)
            for (j, d) in [da, db, dc].enumerated() { #expect(abs(ge[j] - d) < 1e-12 * max(1, abs(d)), "mixed ∂\(j) at \(t): \(ge[j]) vs \(d)") }
        }
    }

    @Test("constant subexpressions are folded once")
    func folding() throws {
        let m = try Self.model("k*(2*3 + log(1))*t", [("k", 1, 0, 2)])
        #expect(m.program.ops == [.parameter(0), .constant(6), .multiply, .variable(0), .multiply])
    }

    @Test("NaN at the start values is reported with the day and the parameters")
    func nonFinite() throws {
        let m = try Self.model("log(t - d)", [("d", 5, 0, 10)])
        #expect(m.nonFinitePoint(at: [10, 20]) == nil)
        let text = try #require(m.nonFinitePoint(at: [10, 3, 20]))
        #expect(text.contains("t = 3.0") && text.contains("d=5.0"), "\(text)")
    }
}

@Suite("Model expressions: the all-points evaluation agrees with the per-point one")
struct ExpressionBatchTests {
    @Test("values and Jacobian identical to per-point evaluation, with and without derivatives", arguments: [
        "a*sqrt(t)*log(b + t)/(1 + t^c) + min(a, b) - max(a*t, b) + pow(b, c)",
        "f*exp(-kFast*t) + (1 - f)*exp(-kSlow*t) + 0*a*b*c",
        "-(a - t)^2/(b + 1) + max(c, 2) - min(3, t) + a^(b/10) + 0*c",
        "sin(a*t) + cos(b)*tan(c*t/100) - atan(a - t) + abs(b - t) + log10(a + t)",
        "asin(t/70 - c/3)*acos(a/10) + sqrt(abs(t - b)) + e^(-c)*pi + b",
        // Awkward points on the grid (t = 0.25, 1.95, …): sqrt(0) with a zero inner derivative, abs(0), a min/max tie.
        "sqrt(a*(t - 0.25)) + (c*(t - 0.25))^0.5 + abs(t - 1.95)*b + min(t, 1.95)*a + max(1.95, t)*c",
        // NaN from some point on: the two evaluations must agree on where.
        "sqrt(c - t/10) + min(a, log(b - t/20)) + pow(1, sqrt(b - t/30))",
    ])
    func batch(_ expression: String) throws {
        let hasF = expression.contains("kFast")
        var parameters: [(String, Double, Double, Double)] = [("a", 1.5, 0, 10), ("b", 2.5, 0, 10), ("c", 0.7, 0, 3)]
        if hasF { parameters += [("f", 0.1, 0, 1), ("kFast", 0.04, 0, 1), ("kSlow", 2e-4, 0, 1)] }
        let m = try ExpressionTests.model(expression, parameters)
        let theta = parameters.map(\.1)
        let days = (0..<37).map { 0.25 + Double($0) * 1.7 }
        let n = days.count, p = theta.count
        // The program directly (the fitter's evaluator also refuses non-finite derivatives).
        let (values, jacobian) = Self.evaluate(m.program, inputs: days, count: n, parameters: theta, derivatives: true)
        let plain = Self.evaluate(m.program, inputs: days, count: n, parameters: theta, derivatives: false).values
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        for (i, t) in days.enumerated() {
            let (v, g) = m.gradient(at: t, parameters: theta)
            #expect(same(values[i], v) && same(plain[i], v), "value at \(t)")
            for j in 0..<p { #expect(same(jacobian[j * n + i], g[j]), "∂\(j) at \(t): \(jacobian[j * n + i]) vs \(g[j])") }
        }
    }

    /// The all-points evaluation of `program` (inputs: n values per variable, variable-major).
    static func evaluate(_ program: ExpressionProgram, inputs: [Double], count n: Int, parameters θ: [Double],
                         derivatives: Bool) -> (values: [Double], jacobian: [Double]) {
        var values = [Double](repeating: .nan, count: n), jacobian = [Double](repeating: .nan, count: n * θ.count)
        var stack = [Double](repeating: .nan, count: program.batchStackSize(points: n, derivatives: derivatives))
        var rows = [UInt64](repeating: 0, count: program.stackDepth)
        inputs.withUnsafeBufferPointer { x in
            θ.withUnsafeBufferPointer { t in
                stack.withUnsafeMutableBufferPointer { s in
                    rows.withUnsafeMutableBufferPointer { r in
                        values.withUnsafeMutableBufferPointer { v in
                            jacobian.withUnsafeMutableBufferPointer { j in
                                program.evaluate(inputs: x.baseAddress!, count: n, parameters: t.baseAddress!, stack: s.baseAddress!,
                                                 rows: r.baseAddress!, values: v.baseAddress!, jacobian: derivatives ? j.baseAddress! : nil)
                            }
                        }
                    }
                }
            }
        }
        return (values, jacobian)
    }
}
