import Foundation
import LinearAlgebra

/// Free / macrophage-captured / cleared pigment (capture–release–recapture, Baranska et al.
/// 2018), a linear ODE x′ = A x solved exactly:
///
///     F′ = −(kCapture + kLymph)·F + kRelease·C           free pigment in the dermis
///     C′ =  kCapture·F − (kRelease + kDegrade)·C          held by macrophages
///     X′ =  kLymph·F + kDegrade·C                          cleared (lymph, breakdown)
///
/// with F(0) = free0, C(0) = 1 − free0, X(0) = 0; every rate is multiplied by the condition's
/// rate multiplier. Retained (visible) pigment is F + C; F + C + X = 1 always.
///
/// The 3 × 3 rate matrix is not symmetric. It is diagonalised with LAPACK `dgeev`
/// (`GeneralEigendecomposition`), the initial state expanded in its eigenvectors with `dgesv`,
/// so x(t) = Σₖ cₖ vₖ e^{λₖ t} costs three exponentials per time. When two eigenvalues nearly
/// coincide (the matrix may be defective) it falls back to the Padé matrix exponential
/// e^{A t} x(0) (`matrixExponential`).
public struct CompartmentModel: FadeModel {
    public static let name = "compartment"
    public static let formula = "F' = -(kc+kl)F + kr C; C' = kc F - (kr+kd)C; X' = kl F + kd C; R = F + C"
    public static let specification = [
        FadeParameter(name: "kCapture", unit: "1/day", lower: 1e-4, upper: 20, defaultValue: 0.5, fitted: false,
                      meaning: "capture of free pigment by macrophages"),
        FadeParameter(name: "kRelease", unit: "1/day", lower: 1e-7, upper: 1, defaultValue: 0.002,
                      meaning: "release when a pigment-laden macrophage dies"),
        FadeParameter(name: "kLymph", unit: "1/day", lower: 1e-6, upper: 20, defaultValue: 0.05,
                      meaning: "clearance of free pigment by lymph"),
        FadeParameter(name: "kDegrade", unit: "1/day", lower: 0, upper: 0.1, defaultValue: 5e-5,
                      meaning: "breakdown of captured pigment (e.g. UV)"),
        FadeParameter(name: "free0", unit: "fraction", lower: 0, upper: 1, defaultValue: 1, fitted: false,
                      meaning: "free fraction at day 0 (1: freshly implanted)"),
    ]

    public let kCapture: Double, kRelease: Double, kLymph: Double, kDegrade: Double, free0: Double
    let m: Double
    private enum Solution: Sendable {
        /// amplitude[state][k]·exp(λₖ t) summed over k.
        case eigen(lambda: (Double, Double, Double), free: (Double, Double, Double), captured: (Double, Double, Double), cleared: (Double, Double, Double))
        case pade(Matrix)
    }
    private let solution: Solution

    public init(kCapture: Double, kRelease: Double, kLymph: Double, kDegrade: Double, free0: Double,
                conditions: FadeConditions = FadeConditions()) throws(FadeError) {
        let v = [kCapture, kRelease, kLymph, kDegrade, free0]
        self = try v.withUnsafeBufferPointer { (p) throws(FadeError) in try CompartmentModel(unchecked: p, conditions: conditions) }
    }

    public init(unchecked v: UnsafeBufferPointer<Double>, conditions: FadeConditions) throws(FadeError) {
        kCapture = v[0]; kRelease = v[1]; kLymph = v[2]; kDegrade = v[3]; free0 = v[4]
        m = conditions.rateMultiplier
        let a = CompartmentModel.rateMatrix(kCapture: kCapture * m, kRelease: kRelease * m, kLymph: kLymph * m, kDegrade: kDegrade * m)
        let x0 = [free0, 1 - free0, 0]
        solution = CompartmentModel.solve(a, x0) ?? .pade(a)
    }

    /// The rate matrix A for state (F, C, X), column-major.
    public static func rateMatrix(kCapture kc: Double, kRelease kr: Double, kLymph kl: Double, kDegrade kd: Double) -> Matrix {
        Matrix(rowMajor: [
            [-(kc + kl), kr, 0],
            [kc, -(kr + kd), 0],
            [kl, kd, 0],
        ])
    }

    private static func solve(_ a: Matrix, _ x0: [Double]) -> Solution? {
        guard let eig = try? GeneralEigendecomposition(a) else { return nil }
        let l = eig.values
        let scale = max(abs(l[0]), abs(l[1]), abs(l[2]), 1e-300)
        for i in 0..<3 { for j in (i + 1)..<3 where abs(l[i] - l[j]) < 1e-6 * scale { return nil } }
        guard var solver = try? LinearSystemSolver(order: 3),
              let c = try? solver.solve(eig.vectors, Matrix(rowMajor: x0.map { [$0] })) else { return nil }
        func amp(_ s: Int) -> (Double, Double, Double) {
            (eig.vectors[s, 0] * c[0, 0], eig.vectors[s, 1] * c[1, 0], eig.vectors[s, 2] * c[2, 0])
        }
        return .eigen(lambda: (l[0], l[1], l[2]), free: amp(0), captured: amp(1), cleared: amp(2))
    }

    /// Free, captured and cleared fractions at `day`.
    public func states(atDay t: Double) -> (free: Double, captured: Double, cleared: Double) {
        switch solution {
        case .eigen(let l, let f, let c, let x):
            let e0 = exp(l.0 * t), e1 = exp(l.1 * t), e2 = exp(l.2 * t)
            return (f.0 * e0 + f.1 * e1 + f.2 * e2, c.0 * e0 + c.1 * e1 + c.2 * e2, x.0 * e0 + x.1 * e1 + x.2 * e2)
        case .pade(let a):
            var at = a
            for i in at.storage.indices { at.storage[i] *= t }
            guard let e = try? matrixExponential(at) else { return (.nan, .nan, .nan) }
            let x0 = [free0, 1 - free0, 0.0]
            let s = e.multiplied(by: x0)
            return (s[0], s[1], s[2])
        }
    }

    /// True when the closed form uses the eigen-decomposition (false: Padé fallback).
    public var usesEigenDecomposition: Bool { if case .eigen = solution { return true } else { return false } }

    public func retained(atDay t: Double) -> Double {
        let s = states(atDay: t)
        return s.free + s.captured
    }
}
