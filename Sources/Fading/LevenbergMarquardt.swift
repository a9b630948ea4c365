import Foundation
import LinearAlgebra

/// Options of a fit. Tolerances follow MINPACK/SciPy `curve_fit` (method "lm") defaults.
public struct FitOptions: Sendable, Equatable {
    /// Stop when an accepted step lowers the SSR by ≤ ftol relatively, with the predicted reduction also ≤ ftol.
    public var ftol = 1.49012e-8
    /// Stop when the scaled step is ≤ xtol relative to the scaled parameter vector.
    public var xtol = 1.49012e-8
    /// Jacobian evaluations allowed before reporting "not converged" with the best estimate.
    public var maxIterations = 200
    /// k of k-fold cross-validation (0 or 1: none). Point i (by day) goes to fold i mod k.
    public var folds = 5
    /// Sun exposure used by the UV-scaled model while fitting.
    public var sunExposure = FadeConditions.referenceSunExposure
    /// Start values by parameter name (default: the model defaults).
    public var start: [String: Double] = [:]

    public init() {}
}

/// Buffers one thread reuses across fits: after the first fit of a given size a fit allocates
/// nothing in its iteration loop (LAPACK workspaces included).
public final class FitWorkspace {
    var parameters: [Double] = []      // P, full model parameter vector
    var trialParameters: [Double] = [] // P
    var theta: [Double] = []           // q: free model parameters then affine amplitudes
    var trialTheta: [Double] = []
    var lower: [Double] = [], upper: [Double] = []
    var scale: [Double] = []           // q, Marquardt scaling (running max of column norms)
    var step: [Double] = []            // q
    var retained: [Double] = []        // n
    var trialRetained: [Double] = []   // n
    var modelJacobian: [Double] = []   // n × P
    var gradient: [Double] = []        // P
    var jacobian: [Double] = []        // m × q
    var residual: [Double] = []        // m
    var trialResidual: [Double] = []   // m
    var augmented: [Double] = []       // (m + q) × q
    var augmentedRHS: [Double] = []    // m + q
    var inverseR: [Double] = []        // q × q
    var foldDays: [Double] = [], foldValues: [Double] = []
    var solvers: [Int: LeastSquaresSolver] = [:]
    var tQuantiles: [Int: Double] = [:]

    public init() {}

    func ensure(n: Int, parameters p: Int, m: Int, q: Int) {
        func grow(_ a: inout [Double], _ count: Int) { if a.count < count { a = [Double](repeating: 0, count: count) } }
        grow(&parameters, p); grow(&trialParameters, p); grow(&gradient, p)
        grow(&theta, q); grow(&trialTheta, q); grow(&lower, q); grow(&upper, q); grow(&scale, q); grow(&step, q)
        grow(&retained, n); grow(&trialRetained, n); grow(&modelJacobian, n * p)
        grow(&jacobian, m * q); grow(&residual, m); grow(&trialResidual, m)
        grow(&augmented, (m + q) * q); grow(&augmentedRHS, m + q); grow(&inverseR, q * q)
    }

    func solverIndex(rows: Int, columns: Int) throws(LinearAlgebraError) -> Int {
        let key = rows &* 64 &+ columns
        if solvers[key] == nil { solvers[key] = try LeastSquaresSolver(rows: rows, columns: columns) }
        return key
    }

    func tQuantile(df: Int) -> Double {
        if let t = tQuantiles[df] { return t }
        let t = FitStatistics.studentTQuantile(0.975, df: Double(df))
        tQuantiles[df] = t
        return t
    }
}

/// The outcome of one least-squares run (values are left in the workspace).
struct LMOutcome {
    enum Status { case converged, notConverged(String), failed(String) }
    var status: Status
    var iterations: Int
    var ssr: Double
}

/// Levenberg–Marquardt for y ≈ ŷ(θ), generic over the fade model (no existential dispatch).
///
/// ŷ = R(t; θ) for retained fractions, or ŷ_c = skin_c·(1 − R) + day0_c·R per colour channel.
/// Each step solves the damped, scaled problem min ‖J δ − r‖² + λ‖D δ‖² as one LAPACK `dgels`
/// on the stacked (m + q) × q system [J; √λ D] (workspace reused), clamps θ + δ to the
/// parameter bounds and adapts λ by Nielsen's rule (gain ratio ρ: λ·max(⅓, 1 − (2ρ − 1)³) on
/// success, λ·ν, ν·2 on failure). D is the running maximum of the Jacobian's column norms
/// (Moré 1978).
struct LevenbergMarquardt<M: FadeModel> {
    let spec: [FadeParameter]
    let free: [Int]              // indices into spec of fitted parameters
    let channels: Int
    let affine: Bool
    let conditions: FadeConditions
    let options: FitOptions

    var affineCount: Int { affine ? 2 * channels : 0 }
    var q: Int { free.count + affineCount }

    /// Model values (and model Jacobian if `withJacobian`) at θ, into ws.retained / ws.modelJacobian,
    /// given the full parameter vector in `parameters`.
    @inline(__always)
    private func evaluateModel(_ ws: FitWorkspace, days: UnsafeBufferPointer<Double>, trial: Bool, withJacobian: Bool) -> Bool {
        let n = days.count, p = spec.count
        do throws(FadeError) {
            if trial {
                try ws.trialParameters.withUnsafeMutableBufferPointer { (params) throws(FadeError) in
                    try ws.trialRetained.withUnsafeMutableBufferPointer { (values) throws(FadeError) in
                        try ws.gradient.withUnsafeMutableBufferPointer { (g) throws(FadeError) in
                            try M.evaluate(parameters: UnsafeMutableBufferPointer(rebasing: params[0..<p]), conditions: conditions, days: days,
                                           values: values, jacobian: nil, specification: spec, gradientScratch: g)
                        }
                    }
                }
            } else {
                try ws.parameters.withUnsafeMutableBufferPointer { (params) throws(FadeError) in
                    try ws.retained.withUnsafeMutableBufferPointer { (values) throws(FadeError) in
                        try ws.modelJacobian.withUnsafeMutableBufferPointer { (jac) throws(FadeError) in
                            try ws.gradient.withUnsafeMutableBufferPointer { (g) throws(FadeError) in
                                try M.evaluate(parameters: UnsafeMutableBufferPointer(rebasing: params[0..<p]), conditions: conditions, days: days,
                                               values: values, jacobian: withJacobian ? jac : nil, specification: spec, gradientScratch: g)
                            }
                        }
                    }
                }
            }
        } catch { return false }
        let r = trial ? ws.trialRetained : ws.retained
        for i in 0..<n where !r[i].isFinite { return false }
        return true
    }

    /// Residuals y − ŷ for the retained values in ws (trial or current) and θ's affine part.
    @inline(__always)
    private func residuals(_ ws: FitWorkspace, values y: UnsafeBufferPointer<Double>, n: Int, trial: Bool) -> Double {
        var ssr = 0.0
        let base = free.count
        if trial {
            for c in 0..<channels {
                let skin = affine ? ws.trialTheta[base + 2 * c] : 0, day0 = affine ? ws.trialTheta[base + 2 * c + 1] : 1
                for i in 0..<n {
                    let r = ws.trialRetained[i]
                    let e = y[c * n + i] - (affine ? skin + (day0 - skin) * r : r)
                    ws.trialResidual[c * n + i] = e
                    ssr += e * e
                }
            }
        } else {
            for c in 0..<channels {
                let skin = affine ? ws.theta[base + 2 * c] : 0, day0 = affine ? ws.theta[base + 2 * c + 1] : 1
                for i in 0..<n {
                    let r = ws.retained[i]
                    let e = y[c * n + i] - (affine ? skin + (day0 - skin) * r : r)
                    ws.residual[c * n + i] = e
                    ssr += e * e
                }
            }
        }
        return ssr
    }

    /// Jacobian ∂ŷ/∂θ (m × q, column-major) from ws.modelJacobian and θ.
    private func assembleJacobian(_ ws: FitWorkspace, n: Int) {
        let m = n * channels, base = free.count
        for (jj, j) in free.enumerated() {
            for c in 0..<channels {
                let factor = affine ? ws.theta[base + 2 * c + 1] - ws.theta[base + 2 * c] : 1
                for i in 0..<n { ws.jacobian[jj * m + c * n + i] = factor * ws.modelJacobian[j * n + i] }
            }
        }
        if affine {
            for c in 0..<channels {
                let skinCol = (base + 2 * c) * m, day0Col = (base + 2 * c + 1) * m
                for k in 0..<m { ws.jacobian[skinCol + k] = 0; ws.jacobian[day0Col + k] = 0 }
                for i in 0..<n {
                    let r = ws.retained[i]
                    ws.jacobian[skinCol + c * n + i] = 1 - r
                    ws.jacobian[day0Col + c * n + i] = r
                }
            }
        }
    }

    /// Runs LM from the full parameter vector `start` (P values). On return ws.parameters and
    /// ws.theta hold the best estimate found, ws.residual its residuals.
    func run(days: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, start: [Double],
             affineStart: [Double]?, workspace ws: FitWorkspace) -> LMOutcome {
        let n = days.count, m = n * channels, q = self.q, p = spec.count
        ws.ensure(n: n, parameters: p, m: m, q: q)
        for j in 0..<p { ws.parameters[j] = start[j]; ws.trialParameters[j] = start[j] }
        for (jj, j) in free.enumerated() {
            ws.theta[jj] = start[j]; ws.lower[jj] = spec[j].lower; ws.upper[jj] = spec[j].upper
        }
        guard evaluateModel(ws, days: days, trial: false, withJacobian: true) else {
            return LMOutcome(status: .failed("the model cannot be evaluated at the start values"), iterations: 0, ssr: .nan)
        }
        if affine {
            let base = free.count
            for c in 0..<channels {
                ws.lower[base + 2 * c] = -.infinity; ws.upper[base + 2 * c] = .infinity
                ws.lower[base + 2 * c + 1] = -.infinity; ws.upper[base + 2 * c + 1] = .infinity
                if let affineStart {
                    ws.theta[base + 2 * c] = affineStart[2 * c]; ws.theta[base + 2 * c + 1] = affineStart[2 * c + 1]
                } else {
                    // Linear least squares of y_c on the columns (1 − R, R): a 2 × 2 normal system.
                    var s11 = 0.0, s12 = 0.0, s22 = 0.0, b1 = 0.0, b2 = 0.0
                    for i in 0..<n {
                        let r = ws.retained[i], v = y[c * n + i]
                        s11 += (1 - r) * (1 - r); s12 += (1 - r) * r; s22 += r * r; b1 += (1 - r) * v; b2 += r * v
                    }
                    let det = s11 * s22 - s12 * s12
                    if abs(det) > 1e-12 * max(s11 * s22, 1e-300) {
                        ws.theta[base + 2 * c] = (b1 * s22 - b2 * s12) / det
                        ws.theta[base + 2 * c + 1] = (s11 * b2 - s12 * b1) / det
                    } else {
                        var mean = 0.0
                        for i in 0..<n { mean += y[c * n + i] }
                        mean /= Double(n)
                        ws.theta[base + 2 * c] = mean; ws.theta[base + 2 * c + 1] = mean
                    }
                }
            }
        }
        var ssr = residuals(ws, values: y, n: n, trial: false)
        guard ssr.isFinite else { return LMOutcome(status: .failed("non-finite residuals at the start values"), iterations: 0, ssr: .nan) }
        for k in 0..<q { ws.scale[k] = 0 }
        var lambda = 1e-3, nu = 2.0
        var iterations = 0
        let solverKey: Int
        do { solverKey = try ws.solverIndex(rows: m + q, columns: q) } catch {
            return LMOutcome(status: .failed(error.description), iterations: 0, ssr: ssr)
        }
        var needJacobian = false   // the start evaluation already filled it
        while true {
            if ssr <= 1e-30 { return LMOutcome(status: .converged, iterations: iterations, ssr: ssr) }
            if needJacobian {
                guard evaluateModel(ws, days: days, trial: false, withJacobian: true) else {
                    return LMOutcome(status: .failed("the model cannot be evaluated"), iterations: iterations, ssr: ssr)
                }
                needJacobian = false
            }
            iterations += 1
            if iterations > options.maxIterations {
                return LMOutcome(status: .notConverged("no convergence within \(options.maxIterations) iterations; best estimate reported"), iterations: iterations - 1, ssr: ssr)
            }
            assembleJacobian(ws, n: n)
            var thetaNorm = 0.0
            for k in 0..<q {
                var s = 0.0
                for i in 0..<m { let v = ws.jacobian[k * m + i]; s += v * v }
                ws.scale[k] = max(ws.scale[k], s.squareRoot())
                if ws.scale[k] == 0 { ws.scale[k] = 1 }
                let d = ws.scale[k] * ws.theta[k]; thetaNorm += d * d
            }
            thetaNorm = thetaNorm.squareRoot()
            // Inner loop: raise λ until a step lowers the SSR.
            while true {
                let rows = m + q
                let root = lambda.squareRoot()
                for k in 0..<q {
                    let col = k * rows
                    for i in 0..<m { ws.augmented[col + i] = ws.jacobian[k * m + i] }
                    for i in 0..<q { ws.augmented[col + m + i] = 0 }
                    ws.augmented[col + m + k] = root * ws.scale[k]
                }
                for i in 0..<m { ws.augmentedRHS[i] = ws.residual[i] }
                for i in 0..<q { ws.augmentedRHS[m + i] = 0 }
                do throws(LinearAlgebraError) {
                    try ws.augmented.withUnsafeBufferPointer { (a) throws(LinearAlgebraError) in
                        try ws.augmentedRHS.withUnsafeBufferPointer { (b) throws(LinearAlgebraError) in
                            try ws.step.withUnsafeMutableBufferPointer { (x) throws(LinearAlgebraError) in
                                try ws.solvers[solverKey]!.solve(matrix: UnsafeBufferPointer(rebasing: a[0..<(rows * q)]),
                                                                 rhs: UnsafeBufferPointer(rebasing: b[0..<rows]), solution: x)
                            }
                        }
                    }
                } catch {
                    return LMOutcome(status: .notConverged("linear solve failed (\(error)); best estimate reported"), iterations: iterations, ssr: ssr)
                }
                // Clamp to bounds; the effective step is what was actually taken.
                var stepNorm = 0.0
                for k in 0..<q {
                    let t = min(max(ws.theta[k] + ws.step[k], ws.lower[k]), ws.upper[k])
                    ws.trialTheta[k] = t
                    ws.step[k] = t - ws.theta[k]
                    let d = ws.scale[k] * ws.step[k]; stepNorm += d * d
                }
                stepNorm = stepNorm.squareRoot()
                // Predicted SSR after the step: ‖r − J δ‖².
                var predictedSSR = 0.0
                for i in 0..<m {
                    var jd = 0.0
                    for k in 0..<q { jd += ws.jacobian[k * m + i] * ws.step[k] }
                    let e = ws.residual[i] - jd
                    predictedSSR += e * e
                }
                let predicted = ssr - predictedSSR
                for j in 0..<p { ws.trialParameters[j] = ws.parameters[j] }
                for (jj, j) in free.enumerated() { ws.trialParameters[j] = ws.trialTheta[jj] }
                var trialSSR = Double.infinity
                if stepNorm > 0, evaluateModel(ws, days: days, trial: true, withJacobian: false) {
                    trialSSR = residuals(ws, values: y, n: n, trial: true)
                }
                let actual = ssr - trialSSR
                if trialSSR.isFinite && actual > 0 {
                    let rho = predicted > 0 ? actual / predicted : 0
                    let t = 2 * rho - 1
                    lambda *= max(1.0 / 3, 1 - t * t * t)
                    nu = 2
                    for k in 0..<q { ws.theta[k] = ws.trialTheta[k] }
                    for j in 0..<p { ws.parameters[j] = ws.trialParameters[j] }
                    swap(&ws.retained, &ws.trialRetained)
                    swap(&ws.residual, &ws.trialResidual)
                    let previous = ssr
                    ssr = trialSSR
                    needJacobian = true
                    if actual <= options.ftol * previous && predicted <= options.ftol * previous {
                        return finish(ws, days: days, iterations: iterations, ssr: ssr)
                    }
                    if stepNorm <= options.xtol * thetaNorm {
                        return finish(ws, days: days, iterations: iterations, ssr: ssr)
                    }
                    break
                }
                // Rejected: no improvement. A step already below xtol means we are at the minimum.
                if stepNorm <= options.xtol * thetaNorm || stepNorm == 0 {
                    return LMOutcome(status: .converged, iterations: iterations, ssr: ssr)
                }
                lambda *= nu
                nu *= 2
                if lambda > 1e30 {
                    return LMOutcome(status: .notConverged("steps stopped improving (λ overflow); best estimate reported"), iterations: iterations, ssr: ssr)
                }
            }
        }
    }

    /// Re-evaluates the model Jacobian at the accepted estimate (for standard errors).
    private func finish(_ ws: FitWorkspace, days: UnsafeBufferPointer<Double>, iterations: Int, ssr: Double) -> LMOutcome {
        _ = evaluateModel(ws, days: days, trial: false, withJacobian: true)
        return LMOutcome(status: .converged, iterations: iterations, ssr: ssr)
    }

    /// Standard errors √(s² · diag((JᵀJ)⁻¹)) at the current estimate via R of J = QR
    /// ((JᵀJ)⁻¹ = R⁻¹R⁻ᵀ), into `out` (q values), or false if J is rank deficient.
    func standardErrors(_ ws: FitWorkspace, n: Int, ssr: Double, into out: inout [Double]) -> Bool {
        let m = n * channels, q = self.q
        guard m > q else { return false }
        assembleJacobian(ws, n: n)
        do throws(LinearAlgebraError) {
            let key = try ws.solverIndex(rows: m, columns: q)
            try ws.jacobian.withUnsafeBufferPointer { (a) throws(LinearAlgebraError) in
                try ws.residual.withUnsafeBufferPointer { (b) throws(LinearAlgebraError) in
                    try ws.step.withUnsafeMutableBufferPointer { (x) throws(LinearAlgebraError) in
                        try ws.solvers[key]!.solve(matrix: UnsafeBufferPointer(rebasing: a[0..<(m * q)]),
                                                   rhs: UnsafeBufferPointer(rebasing: b[0..<m]), solution: x)
                    }
                }
            }
            let solver = ws.solvers[key]!
            // Back substitution for R⁻¹ (upper triangular), column by column.
            for k in 0..<(q * q) { ws.inverseR[k] = 0 }
            for col in 0..<q {
                for row in stride(from: col, through: 0, by: -1) {
                    var s = row == col ? 1.0 : 0.0
                    for k in (row + 1)...max(row + 1, col) where k <= col { s -= solver.upperTriangle(row: row, column: k) * ws.inverseR[col * q + k] }
                    ws.inverseR[col * q + row] = s / solver.upperTriangle(row: row, column: row)
                }
            }
        } catch { return false }
        let s2 = ssr / Double(m - q)
        for row in 0..<q {
            var v = 0.0
            for col in row..<q { let x = ws.inverseR[col * q + row]; v += x * x }
            out[row] = (s2 * v).squareRoot()
        }
        return true
    }
}
