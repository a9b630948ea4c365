import Foundation
import LinearAlgebra
import Testing
@testable import Fading

@Suite("Compartment model: exact linear ODE solution")
struct CompartmentTests {
    static let cases: [[Double]] = [
        [0.5, 0.002, 0.05, 5e-5, 1],      // defaults
        [2.0, 0.05, 0.3, 1e-3, 0.4],
        [0.01, 0.2, 0.001, 0, 0],         // no degradation, all captured at start
        [0.3, 0.0, 0.1, 0.4, 0.7],        // defective: kc + kl = kd with kr = 0 → Padé fallback
    ]

    /// x′ = A x by classical RK4 with a small step, for comparison.
    static func rk4(_ p: [Double], to t: Double, step h: Double) -> [Double] {
        let a = CompartmentModel.rateMatrix(kCapture: p[0], kRelease: p[1], kLymph: p[2], kDegrade: p[3])
        func f(_ x: [Double]) -> [Double] { a.multiplied(by: x) }
        var x = [p[4], 1 - p[4], 0]
        let steps = Int((t / h).rounded())
        let dt = t / Double(steps)
        for _ in 0..<steps {
            let k1 = f(x)
            let k2 = f(zip(x, k1).map { $0 + 0.5 * dt * $1 })
            let k3 = f(zip(x, k2).map { $0 + 0.5 * dt * $1 })
            let k4 = f(zip(x, k3).map { $0 + dt * $1 })
            for i in 0..<3 { x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
        }
        return x
    }

    @Test("free + captured + cleared = 1 to 1e-12 at all times", arguments: cases.indices)
    func conservesMass(_ i: Int) throws {
        let p = Self.cases[i]
        let model = try CompartmentModel(kCapture: p[0], kRelease: p[1], kLymph: p[2], kDegrade: p[3], free0: p[4])
        for t in [0.0, 0.5, 3, 30, 180, 365, 1461, 3650, 20000] {
            let s = model.states(atDay: t)
            #expect(abs(s.free + s.captured + s.cleared - 1) < 1e-12, "case \(i) t=\(t): \(s)")
            #expect(s.free >= -1e-12 && s.captured >= -1e-12 && s.cleared >= -1e-12)
        }
        #expect(abs(model.states(atDay: 0).free - p[4]) < 1e-12)
        #expect(model.usesEigenDecomposition == (i != 3), "case \(i) should \(i == 3 ? "fall back to Padé" : "use dgeev")")
    }

    @Test("matches RK4 integration (step 0.01 d) to 1e-8", arguments: cases.indices)
    func matchesRK4(_ i: Int) throws {
        let p = Self.cases[i]
        let model = try CompartmentModel(kCapture: p[0], kRelease: p[1], kLymph: p[2], kDegrade: p[3], free0: p[4])
        for t in [10.0, 200, 1500] {
            let x = Self.rk4(p, to: t, step: 0.01)
            let s = model.states(atDay: t)
            #expect(abs(s.free - x[0]) < 1e-8 && abs(s.captured - x[1]) < 1e-8 && abs(s.cleared - x[2]) < 1e-8,
                    "case \(i) t=\(t): exact \(s) vs RK4 \(x)")
        }
    }

    @Test("rate multiplier is a time scaling")
    func rateMultiplier() throws {
        let a = try CompartmentModel(kCapture: 0.5, kRelease: 0.002, kLymph: 0.05, kDegrade: 5e-5, free0: 1,
                                     conditions: FadeConditions(rateMultiplier: 3))
        let b = try CompartmentModel(kCapture: 0.5, kRelease: 0.002, kLymph: 0.05, kDegrade: 5e-5, free0: 1)
        #expect(abs(a.retained(atDay: 100) - b.retained(atDay: 300)) < 1e-12)
    }

    @Test("LinearAlgebra: dgeev eigenpairs, complex spectrum refused, dgesv, Padé exponential")
    func linearAlgebra() throws {
        let a = Matrix(rowMajor: [[-2, 1, 0], [1, -3, 0], [1, 2, 0]])
        let eig = try GeneralEigendecomposition(a)
        for k in 0..<3 {
            let v = (0..<3).map { eig.vectors[$0, k] }
            let av = a.multiplied(by: v)
            for r in 0..<3 { #expect(abs(av[r] - eig.values[k] * v[r]) < 1e-12) }
        }
        #expect(throws: LinearAlgebraError.complexEigenvalues(routine: "dgeev", index: 1)) {
            try GeneralEigendecomposition(Matrix(rowMajor: [[0, -1], [1, 0]]))
        }
        var solver = try LinearSystemSolver(order: 2)
        let x = try solver.solve(Matrix(rowMajor: [[2, 1], [1, 3]]), Matrix(rowMajor: [[3], [5]]))
        #expect(abs(x[0, 0] - 0.8) < 1e-14 && abs(x[1, 0] - 1.4) < 1e-14)
        #expect(throws: LinearAlgebraError.self) { try solver.solve(Matrix(rowMajor: [[1, 2], [2, 4]]), Matrix(rowMajor: [[1], [2]])) }
        // e^{[[0, t], [0, 0]]} = [[1, t], [0, 1]] (nilpotent, defective); e^{diag} = diag(e^·).
        let e = try matrixExponential(Matrix(rowMajor: [[0, 7], [0, 0]]))
        #expect(abs(e[0, 0] - 1) < 1e-14 && abs(e[0, 1] - 7) < 1e-13 && abs(e[1, 0]) < 1e-14)
        let d = try matrixExponential(Matrix(rowMajor: [[-30, 0], [0, 2]]))
        #expect(abs(d[0, 0] / exp(-30) - 1) < 1e-11 && abs(d[1, 1] / exp(2) - 1) < 1e-13)
    }
}
