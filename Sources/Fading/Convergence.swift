import Foundation
import LinearAlgebra

/// Which test stopped a fit. With `FitStatus` it says what a fit's numbers are worth: a fit
/// stopped by `ftol`, `xtol` or `gtol` is `converged` only if the estimate also passes the
/// optimality check (`Optimality`); otherwise it is `not-converged` with the same reason.
public enum FitStopReason: String, Sendable, Codable, Equatable, CaseIterable {
    /// The last step lowered the SSR by at most ftol relatively, and the linear model predicted
    /// no more (MINPACK lmder's info 1).
    case ftol
    /// The scaled step ‖D δ‖ was at most xtol·‖D θ‖ (info 2).
    case xtol
    /// The residual vector is within gtol (cosine) of orthogonal to every Jacobian column
    /// (info 4): first-order optimality as MINPACK measures it.
    case gtol
    /// The residuals are zero to rounding: the model fits the data exactly.
    case zeroResidual = "zero-residual"
    /// `maxIterations` Jacobian evaluations without a stopping test holding (info 5).
    case maxIterations = "max-iterations"
    /// No step lowers the SSR although the tests do not hold: damping grew past 10³⁰, or the
    /// reductions and steps fell to rounding level (MINPACK's info 6 and 7).
    case noProgress = "no-progress"
}

/// The stopping tests of MINPACK's lmder (Moré, Garbow & Hillstrom, *User Guide for MINPACK-1*,
/// ANL-80-74, 1980, §2.3), each a relative measure, so none depends on the units of the data or
/// of a parameter. Pure functions, so each can be tested on both sides of its threshold.
struct StoppingRules {
    var ftol: Double, xtol: Double, gtol: Double

    init(_ options: FitOptions) { ftol = options.ftol; xtol = options.xtol; gtol = options.gtol }
    init(ftol: Double, xtol: Double, gtol: Double) { self.ftol = ftol; self.xtol = xtol; self.gtol = gtol }

    /// Actual relative reduction 1 − SSR(θ + δ)/SSR(θ); −1 for a step that made the residual
    /// norm ten times larger or non-finite (as lmder does, so one wild trial cannot pass ftol).
    static func actualReduction(ssr: Double, trialSSR: Double) -> Double {
        guard trialSSR.isFinite, (trialSSR / ssr).squareRoot() < 10 else { return -1 }
        return 1 - trialSSR / ssr
    }

    /// ftol: |actual| ≤ ftol, predicted ≤ ftol and actual ≤ 2·predicted. Both reductions small
    /// means the SSR has stopped changing at the scale ftol names; the ratio condition keeps a
    /// step the linear model badly mispredicted from counting.
    func ftolHolds(actual: Double, predicted: Double) -> Bool {
        abs(actual) <= ftol && predicted <= ftol && actual <= 2 * predicted
    }

    /// xtol: the step is small in the parameters' own scale (D = Moré's column-norm scaling),
    /// ‖D δ‖ ≤ xtol·‖D θ‖.
    func xtolHolds(scaledStep: Double, scaledParameters: Double) -> Bool {
        scaledStep <= xtol * scaledParameters
    }

    /// gtol: max over columns of |Jⱼᵀ r| / (‖Jⱼ‖ ‖r‖) ≤ gtol.
    func gtolHolds(cosine: Double) -> Bool { cosine <= gtol }
}

/// Whether an estimate is a minimum at first order, judged after any stop: the stopping tests
/// above say the iteration stopped moving, which damping alone can also cause (a step shortened
/// by a large λ is small and lowers the SSR little wherever it starts).
///
/// The check asks, at the estimate, how much of the SSR the linearised model could still remove:
/// - moving one parameter alone: cos²ⱼ of the angle between r and column j, so the per-column
///   cosine `cosine` (gtol's measure) must be ≤ `cosineLimit` = 10⁻⁴, i.e. no single parameter
///   could lower the SSR by more than 10⁻⁸ of itself to first order (MINPACK's ftol scale); or
/// - moving all together, a full Gauss–Newton step (min ‖J δ − r‖, damped by only √λ₀·D with
///   λ₀ = 10⁻²⁰ so that it exists when J is singular): its predicted share of the SSR,
///   `gaussNewtonShare` = (‖r‖² − ‖r − J δ‖²)/‖r‖², the squared cosine between r and J's column
///   space, must be ≤ `shareLimit` = 10⁻⁶; or
/// - the data are fitted exactly: that step is ≤ `stepLimit` = 10⁻⁶ of ‖D θ‖ (with zero
///   residual both shares tend to 1 however close θ is).
/// Parameters on a bound whose descent direction points out of the box are left out (a
/// constrained minimum). A fitted parameter whose Jacobian column has fallen below `vanishLimit`
/// of its largest norm during the fit no longer affects the model: the fit is on a plateau
/// (BoxBOD's b2 → ∞), not at a minimum, and does not pass. A stop where none of these holds (the
/// residuals all of one sign one step from the start, say) is reported not converged.
struct Optimality {
    static let cosineLimit = 1e-4
    static let shareLimit = 1e-6
    static let stepLimit = 1e-6
    static let vanishLimit = 1e-10
    static let regularisation = 1e-20

    /// max |cos| between r and the (free, non-vanished) columns.
    var cosine: Double
    var gaussNewtonShare: Double
    var relativeStep: Double
    /// Index into θ of a column that vanished, if any.
    var vanished: Int?

    var passes: Bool {
        vanished == nil && (cosine <= Self.cosineLimit || gaussNewtonShare <= Self.shareLimit || relativeStep <= Self.stepLimit)
    }

    /// Whether θ[k] sits on a bound that blocks its descent direction (Jᵀr)ₖ.
    static func blocked(theta: Double, lower: Double, upper: Double, descent: Double) -> Bool {
        (theta <= lower && descent < 0) || (theta >= upper && descent > 0)
    }
}

extension LevenbergMarquardt {
    /// MINPACK's gnorm at the current point (J assembled in `b.jacobian`, D in `b.scale`):
    /// max |Jⱼᵀ r| / (‖Jⱼ‖ ‖r‖) over columns not blocked by a bound and not vanished; 0 when r = 0.
    func gradientCosine(_ b: LMBuffers, ssr: Double) -> Double {
        let m = b.m
        let rNorm = ssr.squareRoot()
        guard rNorm > 0 else { return 0 }
        var worst = 0.0
        for k in 0..<b.q {
            let col = b.jacobian + k * m
            var s = 0.0, dot = 0.0
            for i in 0..<m { s += col[i] * col[i]; dot += col[i] * b.residual[i] }
            let norm = s.squareRoot()
            guard norm > Optimality.vanishLimit * b.scale[k] else { continue }
            if Optimality.blocked(theta: b.theta[k], lower: b.lower[k], upper: b.upper[k], descent: dot) { continue }
            worst = max(worst, abs(dot) / (norm * rNorm))
        }
        return worst
    }

    /// The optimality check at the estimate in `b` (J assembled, D updated). Uses the stacked
    /// system's buffers and the iteration's solver as scratch; the Gauss–Newton solve is skipped
    /// when the cosine alone decides (the usual converged fit pays one pass over J).
    func optimality(_ b: LMBuffers, ssr: Double, solver: inout LeastSquaresSolver) -> Optimality {
        let m = b.m, q = b.q, rows = m + q
        var result = Optimality(cosine: gradientCosine(b, ssr: ssr), gaussNewtonShare: .infinity, relativeStep: .infinity, vanished: nil)
        for k in 0..<q where !(LeastSquaresSolver.columnNorm(b.jacobian + k * m, count: m) > Optimality.vanishLimit * b.scale[k]) {
            if !Optimality.blocked(theta: b.theta[k], lower: b.lower[k], upper: b.upper[k], descent: -1) &&
                !Optimality.blocked(theta: b.theta[k], lower: b.lower[k], upper: b.upper[k], descent: 1) {
                result.vanished = k
                return result
            }
        }
        guard ssr > 0 else { result.gaussNewtonShare = 0; result.relativeStep = 0; return result }
        if result.cosine <= Optimality.cosineLimit { return result }
        var thetaNorm = 0.0
        let root = Optimality.regularisation.squareRoot()
        for k in 0..<q {
            let col = b.jacobian + k * m, dst = b.augmented + k * rows
            var s = 0.0, dot = 0.0
            for i in 0..<m { s += col[i] * col[i]; dot += col[i] * b.residual[i] }
            let vanished = !(s.squareRoot() > Optimality.vanishLimit * b.scale[k])
            let keep = !vanished && !Optimality.blocked(theta: b.theta[k], lower: b.lower[k], upper: b.upper[k], descent: dot)
            if keep { dst.update(from: col, count: m) } else { dst.update(repeating: 0, count: m) }
            (dst + m).update(repeating: 0, count: q)
            dst[m + k] = root * b.scale[k]
            let d = b.scale[k] * b.theta[k]; thetaNorm += d * d
        }
        b.augmentedRHS.update(from: b.residual, count: m)
        (b.augmentedRHS + m).update(repeating: 0, count: q)
        do throws(LinearAlgebraError) {
            try solver.solve(matrix: UnsafeBufferPointer(start: b.augmented, count: rows * q),
                             rhs: UnsafeBufferPointer(start: b.augmentedRHS, count: rows),
                             solution: UnsafeMutableBufferPointer(start: b.step, count: q))
        } catch {
            result.gaussNewtonShare = .infinity; result.relativeStep = .infinity
            return result
        }
        var remaining = 0.0, stepNorm = 0.0
        for i in 0..<m {
            var jd = 0.0
            for k in 0..<q { jd += b.augmented[k * rows + i] * b.step[k] }
            let e = b.residual[i] - jd
            remaining += e * e
        }
        for k in 0..<q { let d = b.scale[k] * b.step[k]; stepNorm += d * d }
        result.gaussNewtonShare = max(0, (ssr - remaining) / ssr)
        let norm = thetaNorm.squareRoot()
        result.relativeStep = norm > 0 ? stepNorm.squareRoot() / norm : (stepNorm == 0 ? 0 : .infinity)
        if !result.gaussNewtonShare.isFinite { result.gaussNewtonShare = .infinity }
        return result
    }
}
