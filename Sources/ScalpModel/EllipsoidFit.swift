import LinearAlgebra

/// Fits ellipsoid semi-axes to head measurements by Gauss–Newton nonlinear least squares.
///
/// Five measurements, three unknowns: the system is overdetermined and in general
/// inconsistent (a real head is not an ellipsoid), so the fit is a compromise. Residuals are
/// *relative* (model/measured − 1) so that a millimetre on the 570 mm circumference weighs less
/// than a millimetre on the 155 mm breadth, and so the fit is scale-equivariant: scaling all
/// measurements by k scales the axes by k, which keeps charts of different heads similar.
/// Each linearised step J δ ≈ −r is solved with LAPACK `dgels` through `LeastSquaresSolver`
/// (QR; no normal equations, so no squared condition number).
public enum EllipsoidFit {
    /// Returns the semi-axes minimising Σ (model_i / measured_i − 1)².
    public static func fit(_ m: HeadMeasurements, maxIterations: Int = 50) throws(ScalpModelError) -> EllipsoidAxes {
        let measured = [m.circumference, m.length, m.breadth, m.sagittalArc, m.coronalArc]
        for (name, v) in zip(["circumference", "length", "breadth", "sagittalArc", "coronalArc"], measured)
        where !(v.isFinite && v > 0) {
            throw .outOfRange(field: "head measurement \(name) (mm)", value: v, expected: "a positive length")
        }
        var solver: LeastSquaresSolver
        do { solver = try LeastSquaresSolver(rows: 5, columns: 3) } catch { throw .fitFailed(error.description) }

        // Start: breadth and length give a and b directly; c from the mean arc as if circular.
        var x = [m.breadth / 2, m.length / 2, 0.0]
        x[2] = max(10, (m.sagittalArc + m.coronalArc) / Double.pi - (x[0] + x[1]) / 2)
        var r = residuals(x, measured)
        var cost = r.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<maxIterations {
            let jac = jacobian(x, measured)
            let step: [Double]
            do { step = try solver.solve(jac, r.map { -$0 }) } catch { throw .fitFailed(error.description) }
            // Step halving keeps the iteration monotone if a full step overshoots.
            var t = 1.0
            var accepted = false
            while t > 1e-6 {
                let trial = zip(x, step).map { $0 + t * $1 }
                if trial.allSatisfy({ $0 > 0 }) {
                    let rt = residuals(trial, measured)
                    let ct = rt.reduce(0) { $0 + $1 * $1 }
                    if ct <= cost {
                        x = trial; r = rt
                        let improvement = cost - ct
                        cost = ct
                        accepted = true
                        if zip(step, x).allSatisfy({ abs(t * $0) <= 1e-11 * $1 }) || improvement <= 1e-30 {
                            return EllipsoidAxes(a: x[0], b: x[1], c: x[2])
                        }
                        break
                    }
                }
                t /= 2
            }
            if !accepted { return EllipsoidAxes(a: x[0], b: x[1], c: x[2]) } // at a (local) minimum
        }
        throw .fitFailed("no convergence in \(maxIterations) Gauss–Newton iterations")
    }

    static func residuals(_ x: [Double], _ measured: [Double]) -> [Double] {
        let model = EllipsoidAxes(a: x[0], b: x[1], c: x[2]).modelledMeasurements
        let values = [model.circumference, model.length, model.breadth, model.sagittalArc, model.coronalArc]
        return zip(values, measured).map { $0 / $1 - 1 }
    }

    /// Analytic Jacobian of the relative residuals with respect to (a, b, c).
    static func jacobian(_ x: [Double], _ measured: [Double]) -> Matrix {
        let (a, b, c) = (x[0], x[1], x[2])
        let gab = EllipsoidAxes.ramanujanGradient(a, b)
        let gbc = EllipsoidAxes.ramanujanGradient(b, c)
        let gac = EllipsoidAxes.ramanujanGradient(a, c)
        let rows: [[Double]] = [
            [gab.dp, gab.dq, 0],
            [0, 2, 0],
            [2, 0, 0],
            [0, gbc.dp / 2, gbc.dq / 2],
            [gac.dp / 2, 0, gac.dq / 2],
        ]
        return Matrix(rowMajor: zip(rows, measured).map { row, m in row.map { $0 / m } })
    }
}
