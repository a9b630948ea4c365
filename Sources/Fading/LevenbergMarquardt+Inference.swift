import Foundation
import LinearAlgebra

/// What the standard errors at an estimate are worth.
struct StandardErrorQuality {
    /// False when the column-scaled Jacobian is too ill-conditioned for (JᵀJ)⁻¹ to have correct
    /// digits (or is singular): the errors are then withheld rather than printed as results.
    var reliable: Bool
    /// κ₂ of the column-scaled Jacobian, computed (by SVD) when the cheap estimate reaches
    /// `LevenbergMarquardt.conditionReportFloor`; nil below it.
    var condition: Double?
}

extension LevenbergMarquardt {
    /// Above this κ₂ of the column-scaled Jacobian (1/√ε ≈ 6.7e7) the equilibrated normal matrix
    /// C has κ(C) = κ² ≥ 1/ε: its inverse, and so every standard error, has no correct digit.
    static var conditionLimit: Double { 1 / Double.ulpOfOne.squareRoot() }
    /// κ is computed exactly (an SVD of the scaled J) only when the cheap bound reaches this,
    /// so the usual well-conditioned fit pays nothing for it.
    static var conditionReportFloor: Double { 1e4 }

    /// Standard errors √(s² · diag((JᵀJ)⁻¹)) at the estimate in the workspace, into `out`
    /// (q values). JᵀJ is equilibrated by its diagonal, C = S JᵀJ S with S = diag(1/‖Jⱼ‖), and
    /// inverted with LAPACK `dgesv` (`LinearSystemSolver`, identity right-hand sides):
    /// (JᵀJ)⁻¹ = S C⁻¹ S. C's 1-norm condition √(‖C‖₁‖C⁻¹‖₁) bounds κ₂(J S) within a factor √q
    /// for free; when it is large, κ₂(J S) is computed from singular values and the errors are
    /// marked unreliable above `conditionLimit`.
    func standardErrors(_ ws: FitWorkspace, ssr: Double, into out: inout [Double]) -> StandardErrorQuality {
        guard let b = ws.buffers, b.m > b.q else { return StandardErrorQuality(reliable: false, condition: nil) }
        let q = b.q, m = b.m
        assembleJacobian(b)
        func exactCondition() -> Double {
            (try? SingularValues.columnScaledCondition(UnsafeBufferPointer(start: b.jacobian, count: m * q), rows: m, columns: q)) ?? .infinity
        }
        func unreliable() -> StandardErrorQuality { StandardErrorQuality(reliable: false, condition: exactCondition()) }
        // b.step holds S; b.augmented (≥ 2q² doubles) holds C and then the identity / inverse.
        let c = b.augmented, inverse = b.augmented + q * q
        for j in 0..<q {
            var s = 0.0
            let col = b.jacobian + j * m
            for i in 0..<m { s += col[i] * col[i] }
            guard s > 0, s.isFinite else { return unreliable() }
            b.step[j] = 1 / s.squareRoot()
        }
        for j in 0..<q {
            for k in j..<q {
                var s = 0.0
                let cj = b.jacobian + j * m, ck = b.jacobian + k * m
                for i in 0..<m { s += cj[i] * ck[i] }
                s *= b.step[j] * b.step[k]
                c[j * q + k] = s; c[k * q + j] = s
            }
        }
        var cNorm = 0.0
        for j in 0..<q {
            var s = 0.0
            for k in 0..<q { s += abs(c[j * q + k]) }
            cNorm = max(cNorm, s)
        }
        inverse.update(repeating: 0, count: q * q)
        for j in 0..<q { inverse[j * q + j] = 1 }
        do throws(LinearAlgebraError) {
            var solver: LinearSystemSolver
            if let cached = ws.systemSolvers.removeValue(forKey: q) { solver = cached } else { solver = try LinearSystemSolver(order: q) }
            defer { ws.systemSolvers[q] = solver }
            try solver.solve(matrix: UnsafeBufferPointer(start: c, count: q * q),
                             rhs: UnsafeMutableBufferPointer(start: inverse, count: q * q), rightHandSides: q)
        } catch { return unreliable() }
        var inverseNorm = 0.0
        for j in 0..<q {
            var s = 0.0
            for k in 0..<q { s += abs(inverse[j * q + k]) }
            inverseNorm = max(inverseNorm, s)
        }
        var quality = StandardErrorQuality(reliable: true, condition: nil)
        let estimate = (cNorm * inverseNorm).squareRoot()
        if !(estimate < Self.conditionReportFloor) {
            let kappa = exactCondition()
            quality.condition = kappa
            if !(kappa < Self.conditionLimit) { quality.reliable = false; return quality }
        }
        let s2 = ssr / Double(m - q)
        for j in 0..<q {
            let v = inverse[j * q + j] * b.step[j] * b.step[j]
            guard v >= 0, v.isFinite else { quality.reliable = false; return quality }
            out[j] = (s2 * v).squareRoot()
        }
        return quality
    }
}
