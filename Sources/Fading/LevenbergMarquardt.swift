import Foundation
import LinearAlgebra

/// The outcome of one least-squares run (values are left in the workspace).
struct LMOutcome {
    enum Status { case converged, notConverged(String), failed(String) }
    var status: Status
    var iterations: Int
    var ssr: Double
}

/// Levenberg–Marquardt for y ≈ ŷ(θ), generic over the model evaluator (no existential dispatch).
///
/// ŷ = R(t; θ) for retained fractions, or ŷ_c = skin_c·(1 − R) + day0_c·R per colour channel.
/// Each step solves the damped, scaled problem min ‖J δ − r‖² + λ‖D δ‖² as one LAPACK `dgels`
/// on the stacked (m + q) × q system [J; √λ D] (workspace reused), clamps θ + δ to the
/// parameter bounds and adapts λ by Nielsen's rule (gain ratio ρ: λ·max(⅓, 1 − (2ρ − 1)³) on
/// success, λ·ν, ν·2 on failure). D is the running maximum of the Jacobian's column norms
/// (Moré 1978).
struct LevenbergMarquardt<E: ModelEvaluator> {
    let evaluator: E
    let spec: [FadeParameter]
    let free: [Int]              // indices into spec of fitted parameters
    let channels: Int
    let affine: Bool
    let options: FitOptions

    var affineCount: Int { affine ? 2 * channels : 0 }
    var q: Int { free.count + affineCount }

    /// R(days) (and ∂R/∂θ when `jacobian` is given) for the full parameter vector `parameters`.
    @inline(__always)
    private func evaluateModel(_ b: LMBuffers, parameters: UnsafeMutablePointer<Double>, days: UnsafeBufferPointer<Double>,
                               values: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>?) -> Bool {
        let n = days.count
        do throws(FadeError) {
            try evaluator.evaluate(parameters: UnsafeMutableBufferPointer(start: parameters, count: b.p), days: days,
                                   values: UnsafeMutableBufferPointer(start: values, count: n),
                                   jacobian: jacobian.map { UnsafeMutableBufferPointer(start: $0, count: n * b.p) },
                                   gradientScratch: UnsafeMutableBufferPointer(start: b.gradient, count: b.p))
        } catch { return false }
        for i in 0..<n where !values[i].isFinite { return false }
        return true
    }

    /// Residuals y − ŷ into `residual` for model values `retained` and parameters `theta`; returns the SSR.
    @inline(__always)
    private func residuals(values y: UnsafeBufferPointer<Double>, n: Int, retained: UnsafeMutablePointer<Double>,
                           theta: UnsafeMutablePointer<Double>, residual: UnsafeMutablePointer<Double>) -> Double {
        var ssr = 0.0
        let base = free.count
        if !affine {
            for i in 0..<n {
                let e = y[i] - retained[i]
                residual[i] = e
                ssr += e * e
            }
            return ssr
        }
        for c in 0..<channels {
            let skin = theta[base + 2 * c], day0 = theta[base + 2 * c + 1]
            for i in 0..<n {
                let e = y[c * n + i] - (skin + (day0 - skin) * retained[i])
                residual[c * n + i] = e
                ssr += e * e
            }
        }
        return ssr
    }

    /// Jacobian ∂ŷ/∂θ (m × q, column-major) from the model Jacobian and θ.
    private func assembleJacobian(_ b: LMBuffers) {
        let n = b.n, m = b.m, base = free.count
        for (jj, j) in free.enumerated() {
            for c in 0..<channels {
                let factor = affine ? b.theta[base + 2 * c + 1] - b.theta[base + 2 * c] : 1
                let dst = b.jacobian + jj * m + c * n, src = b.modelJacobian + j * n
                if factor == 1 { dst.update(from: src, count: n) } else { for i in 0..<n { dst[i] = factor * src[i] } }
            }
        }
        if affine {
            for c in 0..<channels {
                let skinCol = b.jacobian + (base + 2 * c) * m, day0Col = b.jacobian + (base + 2 * c + 1) * m
                skinCol.update(repeating: 0, count: m); day0Col.update(repeating: 0, count: m)
                for i in 0..<n {
                    let r = b.retained[i]
                    skinCol[c * n + i] = 1 - r
                    day0Col[c * n + i] = r
                }
            }
        }
    }

    /// Runs LM from the full parameter vector `start` (P values). On return the workspace's
    /// buffers hold the best estimate found (parameters, theta), its residuals and model Jacobian.
    func run(days: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, start: [Double],
             affineStart: [Double]?, workspace ws: FitWorkspace) -> LMOutcome {
        let n = days.count, m = n * channels, q = self.q, p = spec.count
        var b = ws.ensure(n: n, parameters: p, m: m, q: q)
        let analytic = evaluator.hasAnalyticGradient
        for j in 0..<p { b.parameters[j] = start[j]; b.trialParameters[j] = start[j] }
        for (jj, j) in free.enumerated() {
            b.theta[jj] = start[j]; b.lower[jj] = spec[j].lower; b.upper[jj] = spec[j].upper
        }
        guard evaluateModel(b, parameters: b.parameters, days: days, values: b.retained, jacobian: b.modelJacobian) else {
            return LMOutcome(status: .failed("the model cannot be evaluated at the start values"), iterations: 0, ssr: .nan)
        }
        if affine {
            let base = free.count
            for c in 0..<channels {
                b.lower[base + 2 * c] = -.infinity; b.upper[base + 2 * c] = .infinity
                b.lower[base + 2 * c + 1] = -.infinity; b.upper[base + 2 * c + 1] = .infinity
                if let affineStart {
                    b.theta[base + 2 * c] = affineStart[2 * c]; b.theta[base + 2 * c + 1] = affineStart[2 * c + 1]
                } else {
                    // Linear least squares of y_c on the columns (1 − R, R): a 2 × 2 normal system.
                    var s11 = 0.0, s12 = 0.0, s22 = 0.0, b1 = 0.0, b2 = 0.0
                    for i in 0..<n {
                        let r = b.retained[i], v = y[c * n + i]
                        s11 += (1 - r) * (1 - r); s12 += (1 - r) * r; s22 += r * r; b1 += (1 - r) * v; b2 += r * v
                    }
                    let det = s11 * s22 - s12 * s12
                    if abs(det) > 1e-12 * max(s11 * s22, 1e-300) {
                        b.theta[base + 2 * c] = (b1 * s22 - b2 * s12) / det
                        b.theta[base + 2 * c + 1] = (s11 * b2 - s12 * b1) / det
                    } else {
                        var mean = 0.0
                        for i in 0..<n { mean += y[c * n + i] }
                        mean /= Double(n)
                        b.theta[base + 2 * c] = mean; b.theta[base + 2 * c + 1] = mean
                    }
                }
            }
        }
        var ssr = residuals(values: y, n: n, retained: b.retained, theta: b.theta, residual: b.residual)
        guard ssr.isFinite else { return LMOutcome(status: .failed("non-finite residuals at the start values"), iterations: 0, ssr: .nan) }
        for k in 0..<q { b.scale[k] = 0 }
        var lambda = 1e-3, nu = 2.0
        var iterations = 0
        var solver: LeastSquaresSolver
        do { solver = try ws.takeSolver(rows: m + q, columns: q) } catch {
            return LMOutcome(status: .failed(error.description), iterations: 0, ssr: ssr)
        }
        defer { ws.returnSolver(solver) }
        let rows = m + q
        var needJacobian = false   // the start evaluation filled it
        while true {
            if ssr <= 1e-30 { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, status: .converged) }
            if needJacobian {
                guard evaluateModel(b, parameters: b.parameters, days: days, values: b.retained, jacobian: b.modelJacobian) else {
                    return LMOutcome(status: .failed("the model cannot be evaluated"), iterations: iterations, ssr: ssr)
                }
                needJacobian = false
            }
            iterations += 1
            if iterations > options.maxIterations {
                return finish(&b, ws, days: days, iterations: iterations - 1, ssr: ssr,
                              status: .notConverged("no convergence within \(options.maxIterations) iterations; best estimate reported"))
            }
            assembleJacobian(b)
            var thetaNorm = 0.0
            for k in 0..<q {
                var s = 0.0
                let col = b.jacobian + k * m
                for i in 0..<m { s += col[i] * col[i] }
                b.scale[k] = max(b.scale[k], s.squareRoot())
                if b.scale[k] == 0 { b.scale[k] = 1 }
                let d = b.scale[k] * b.theta[k]; thetaNorm += d * d
            }
            thetaNorm = thetaNorm.squareRoot()
            // The Jacobian block of the stacked system is the same for every λ of this iteration.
            for k in 0..<q {
                (b.augmented + k * rows).update(from: b.jacobian + k * m, count: m)
            }
            b.augmentedRHS.update(from: b.residual, count: m)
            (b.augmentedRHS + m).update(repeating: 0, count: q)
            // Inner loop: raise λ until a step lowers the SSR.
            while true {
                let root = lambda.squareRoot()
                for k in 0..<q {
                    let col = b.augmented + k * rows + m
                    col.update(repeating: 0, count: q)
                    col[k] = root * b.scale[k]
                }
                do throws(LinearAlgebraError) {
                    try solver.solve(matrix: UnsafeBufferPointer(start: b.augmented, count: rows * q),
                                     rhs: UnsafeBufferPointer(start: b.augmentedRHS, count: rows),
                                     solution: UnsafeMutableBufferPointer(start: b.step, count: q))
                } catch {
                    return finish(&b, ws, days: days, iterations: iterations, ssr: ssr,
                                  status: .notConverged("linear solve failed (\(error)); best estimate reported"))
                }
                // Clamp to bounds; the effective step is what was actually taken.
                var stepNorm = 0.0
                for k in 0..<q {
                    let t = min(max(b.theta[k] + b.step[k], b.lower[k]), b.upper[k])
                    b.trialTheta[k] = t
                    b.step[k] = t - b.theta[k]
                    let d = b.scale[k] * b.step[k]; stepNorm += d * d
                }
                stepNorm = stepNorm.squareRoot()
                // Predicted SSR after the step: ‖r − J δ‖².
                var predictedSSR = 0.0
                for i in 0..<m {
                    var jd = 0.0
                    for k in 0..<q { jd += b.jacobian[k * m + i] * b.step[k] }
                    let e = b.residual[i] - jd
                    predictedSSR += e * e
                }
                let predicted = ssr - predictedSSR
                for j in 0..<p { b.trialParameters[j] = b.parameters[j] }
                for (jj, j) in free.enumerated() { b.trialParameters[j] = b.trialTheta[jj] }
                var trialSSR = Double.infinity
                // Models with an analytic gradient evaluate it with the trial values (shared
                // exponentials), so an accepted step needs no second evaluation.
                if stepNorm > 0, evaluateModel(b, parameters: b.trialParameters, days: days, values: b.trialRetained,
                                               jacobian: analytic ? b.trialModelJacobian : nil) {
                    trialSSR = residuals(values: y, n: n, retained: b.trialRetained, theta: b.trialTheta, residual: b.trialResidual)
                }
                let actual = ssr - trialSSR
                if trialSSR.isFinite && actual > 0 {
                    let rho = predicted > 0 ? actual / predicted : 0
                    let t = 2 * rho - 1
                    lambda *= max(1.0 / 3, 1 - t * t * t)
                    nu = 2
                    swap(&b.theta, &b.trialTheta)
                    swap(&b.parameters, &b.trialParameters)
                    swap(&b.retained, &b.trialRetained)
                    swap(&b.residual, &b.trialResidual)
                    if analytic { swap(&b.modelJacobian, &b.trialModelJacobian) } else { needJacobian = true }
                    let previous = ssr
                    ssr = trialSSR
                    if (actual <= options.ftol * previous && predicted <= options.ftol * previous) || stepNorm <= options.xtol * thetaNorm {
                        return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, status: .converged)
                    }
                    break
                }
                // Rejected: no improvement. A step already below xtol means we are at the minimum.
                if stepNorm <= options.xtol * thetaNorm || stepNorm == 0 {
                    return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, status: .converged)
                }
                lambda *= nu
                nu *= 2
                if lambda > 1e30 {
                    return finish(&b, ws, days: days, iterations: iterations, ssr: ssr,
                                  status: .notConverged("steps stopped improving (λ overflow); best estimate reported"))
                }
            }
        }
    }

    /// Leaves the estimate in the workspace's canonical buffers (swaps may have exchanged them)
    /// with its model Jacobian, for standard errors.
    private func finish(_ b: inout LMBuffers, _ ws: FitWorkspace, days: UnsafeBufferPointer<Double>, iterations: Int, ssr: Double,
                        status: LMOutcome.Status) -> LMOutcome {
        let canonical = ws.buffers!
        if canonical.parameters != b.parameters { canonical.parameters.update(from: b.parameters, count: b.p) }
        if canonical.theta != b.theta { canonical.theta.update(from: b.theta, count: b.q) }
        if canonical.residual != b.residual { canonical.residual.update(from: b.residual, count: b.m) }
        if evaluator.hasAnalyticGradient && canonical.modelJacobian != b.modelJacobian {
            canonical.modelJacobian.update(from: b.modelJacobian, count: b.n * b.p)
            canonical.retained.update(from: b.retained, count: b.n)
        } else if !evaluator.hasAnalyticGradient || canonical.retained != b.retained {
            _ = evaluateModel(canonical, parameters: canonical.parameters, days: days, values: canonical.retained, jacobian: canonical.modelJacobian)
        }
        b = canonical
        return LMOutcome(status: status, iterations: iterations, ssr: ssr)
    }

    /// Standard errors √(s² · diag((JᵀJ)⁻¹)) at the estimate in the workspace, into `out`
    /// (q values), or false if J is (numerically) rank deficient. JᵀJ is equilibrated by its
    /// diagonal, C = S JᵀJ S with S = diag(1/‖Jⱼ‖), and inverted with LAPACK `dgesv`
    /// (`LinearSystemSolver`, identity right-hand sides): (JᵀJ)⁻¹ = S C⁻¹ S.
    func standardErrors(_ ws: FitWorkspace, ssr: Double, into out: inout [Double]) -> Bool {
        guard let b = ws.buffers, b.m > b.q else { return false }
        let q = b.q, m = b.m
        assembleJacobian(b)
        // b.step holds S; b.augmented (≥ 2q² doubles) holds C and then the identity / inverse.
        let c = b.augmented, inverse = b.augmented + q * q
        for j in 0..<q {
            var s = 0.0
            let col = b.jacobian + j * m
            for i in 0..<m { s += col[i] * col[i] }
            guard s > 0, s.isFinite else { return false }
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
        inverse.update(repeating: 0, count: q * q)
        for j in 0..<q { inverse[j * q + j] = 1 }
        do throws(LinearAlgebraError) {
            var solver: LinearSystemSolver
            if let cached = ws.systemSolvers.removeValue(forKey: q) { solver = cached } else { solver = try LinearSystemSolver(order: q) }
            defer { ws.systemSolvers[q] = solver }
            try solver.solve(matrix: UnsafeBufferPointer(start: c, count: q * q),
                             rhs: UnsafeMutableBufferPointer(start: inverse, count: q * q), rightHandSides: q)
        } catch { return false }
        let s2 = ssr / Double(m - q)
        for j in 0..<q {
            let v = inverse[j * q + j] * b.step[j] * b.step[j]
            guard v >= 0, v.isFinite else { return false }
            out[j] = (s2 * v).squareRoot()
        }
        return true
    }
}
