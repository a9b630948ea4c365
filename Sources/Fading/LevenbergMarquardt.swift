import Foundation
import LinearAlgebra

/// The outcome of one least-squares run (values are left in the workspace).
struct LMOutcome {
    enum Status { case converged, notConverged(String), failed(String) }
    var status: Status
    /// The test that stopped the run (nil when it failed before iterating).
    var reason: FitStopReason? = nil
    var iterations: Int
    var ssr: Double
    /// θ index of a parameter that no longer changes the model at the estimate (a plateau).
    var plateau: Int? = nil
}

/// Levenberg–Marquardt for y ≈ ŷ(θ), generic over the model evaluator (no existential dispatch).
///
/// ŷ = R(t; θ) for retained fractions, or ŷ_c = skin_c·(1 − R) + day0_c·R per colour channel.
/// Each step solves the damped, scaled problem min ‖J δ − r‖² + λ‖D δ‖² as one QR solve of the
/// stacked (m + q) × q system [J; √λ D] (workspace reused), holds parameters whose bound blocks
/// their descent, clamps θ + δ to the parameter bounds and adapts λ by Nielsen's rule (gain ratio ρ: λ·max(⅓, 1 − (2ρ − 1)³) on success,
/// λ·ν, ν·2 on failure), never below `minimumDamping`. D is the running maximum of the
/// Jacobian's column norms (Moré 1978). It stops on MINPACK lmder's tests (`StoppingRules`:
/// ftol, xtol, gtol, or the iteration limit) and then reports `converged` only if the estimate
/// passes the first-order optimality check (`Optimality`).
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
    func evaluateModel(_ b: LMBuffers, parameters: UnsafeMutablePointer<Double>, days: UnsafeBufferPointer<Double>,
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
    func residuals(values y: UnsafeBufferPointer<Double>, n: Int, retained: UnsafeMutablePointer<Double>,
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
    func assembleJacobian(_ b: LMBuffers) {
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
        // Residuals this small are rounding in the data: an exact fit.
        var yScale = 0.0
        for i in 0..<m { yScale = max(yScale, abs(y[i])) }
        let zeroFloor = Double(m) * (16 * Double.ulpOfOne * yScale) * (16 * Double.ulpOfOne * yScale)
        let rules = StoppingRules(options)
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
            if ssr <= zeroFloor { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .zeroResidual, solver: &solver) }
            if needJacobian {
                guard evaluateModel(b, parameters: b.parameters, days: days, values: b.retained, jacobian: b.modelJacobian) else {
                    return LMOutcome(status: .failed("the model cannot be evaluated"), reason: nil, iterations: iterations, ssr: ssr)
                }
                needJacobian = false
            }
            iterations += 1
            if iterations > options.maxIterations { iterations -= 1; return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .maxIterations, solver: &solver) }
            assembleJacobian(b)
            // One pass per column: its norm (for D) and Jₖᵀr (for gtol and the bound test).
            var thetaNorm = 0.0, cosine = 0.0
            let rNorm = ssr.squareRoot()
            for k in 0..<q {
                var s = 0.0, dot = 0.0
                let col = b.jacobian + k * m
                for i in 0..<m { s += col[i] * col[i]; dot += col[i] * b.residual[i] }
                let norm = s.squareRoot()
                b.scale[k] = max(b.scale[k], norm)
                if b.scale[k] == 0 { b.scale[k] = 1 }
                let d = b.scale[k] * b.theta[k]; thetaNorm += d * d
                let hold = Optimality.blocked(theta: b.theta[k], lower: b.lower[k], upper: b.upper[k], descent: dot)
                b.trialTheta[k] = hold ? 1 : 0   // scratch until the inner loop: held this iteration
                if !hold && norm > Optimality.vanishLimit * b.scale[k] { cosine = max(cosine, abs(dot) / (norm * rNorm)) }
            }
            thetaNorm = thetaNorm.squareRoot()
            if rules.gtolHolds(cosine: cosine) {
                return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .gtol, solver: &solver)
            }
            // The Jacobian block of the stacked system is the same for every λ of this iteration.
            // A parameter on a bound whose descent direction (Jᵀr)ₖ points out of the box is held
            // there for this iteration: its column is zeroed, so its damping row makes δₖ = 0 and
            // the others take the step that is best without it (an active set), rather than a
            // joint step computed as if it could move and then clamped.
            for k in 0..<q {
                let dst = b.augmented + k * rows
                if b.trialTheta[k] != 0 { dst.update(repeating: 0, count: m) } else { dst.update(from: b.jacobian + k * m, count: m) }
            }
            b.augmentedRHS.update(from: b.residual, count: m)
            (b.augmentedRHS + m).update(repeating: 0, count: q)
            // Inner loop: raise λ until a step lowers the SSR or a stopping test holds.
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
                    // [J; √λ D] has full column rank for λ > 0 (its rank test is scale-free), so
                    // this is a Jacobian with non-finite entries or λ lost below rounding: damp more.
                    lambda *= nu; nu *= 2
                    if lambda > 1e30 { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .noProgress, solver: &solver) }
                    continue
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
                let actualShare = StoppingRules.actualReduction(ssr: ssr, trialSSR: trialSSR)
                let predictedShare = predicted / ssr
                let accepted = trialSSR.isFinite && trialSSR < ssr
                if accepted {
                    let rho = predicted > 0 ? (ssr - trialSSR) / predicted : 0
                    let t = 2 * rho - 1
                    lambda = max(lambda * max(1.0 / 3, 1 - t * t * t), Self.minimumDamping)
                    nu = 2
                    swap(&b.theta, &b.trialTheta)
                    swap(&b.parameters, &b.trialParameters)
                    swap(&b.retained, &b.trialRetained)
                    swap(&b.residual, &b.trialResidual)
                    if analytic { swap(&b.modelJacobian, &b.trialModelJacobian) } else { needJacobian = true }
                    ssr = trialSSR
                }
                if rules.ftolHolds(actual: actualShare, predicted: predictedShare) { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .ftol, solver: &solver) }
                if rules.xtolHolds(scaledStep: stepNorm, scaledParameters: thetaNorm) { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .xtol, solver: &solver) }
                if accepted { break }
                // Reductions and steps at rounding level: nothing further is possible (lmder's
                // info 6 and 7, reached when the tolerances are set below them).
                if (abs(actualShare) <= Double.ulpOfOne && predictedShare <= Double.ulpOfOne) || stepNorm <= Double.ulpOfOne * thetaNorm {
                    return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .noProgress, solver: &solver)
                }
                lambda *= nu
                nu *= 2
                if lambda > 1e30 { return finish(&b, ws, days: days, iterations: iterations, ssr: ssr, reason: .noProgress, solver: &solver) }
            }
        }
    }

    /// The smallest damping λ (relative to D²): keeps [J; √λ D] full rank to working precision
    /// (each column's sine against the others is at least √λ ≫ the solver's 10⁻¹² rank
    /// tolerance) while changing no step of a problem whose scaled Jacobian has κ < 10⁸.
    static var minimumDamping: Double { 1e-16 }

    /// Leaves the estimate in the workspace's canonical buffers (swaps may have exchanged them)
    /// with its model Jacobian, for standard errors, and decides the status: a convergence test
    /// (ftol, xtol, gtol, zero residual) gives `converged` only if `Optimality` passes there.
    private func finish(_ b: inout LMBuffers, _ ws: FitWorkspace, days: UnsafeBufferPointer<Double>, iterations: Int, ssr: Double,
                        reason: FitStopReason, solver: inout LeastSquaresSolver) -> LMOutcome {
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
        let status: LMOutcome.Status
        var plateau: Int?
        switch reason {
        case .maxIterations:
            status = .notConverged("no convergence within \(options.maxIterations) iterations; best estimate reported")
        case .noProgress:
            status = .notConverged("no step lowers the sum of squares any more, yet no convergence test holds; best estimate reported")
        case .zeroResidual:
            status = .converged
        case .ftol, .xtol, .gtol:
            assembleJacobian(b)
            for k in 0..<b.q {
                let norm = LeastSquaresSolver.columnNorm(b.jacobian + k * b.m, count: b.m)
                b.scale[k] = max(b.scale[k], norm)
                if b.scale[k] == 0 { b.scale[k] = 1 }
            }
            let check = optimality(b, ssr: ssr, solver: &solver)
            if check.passes {
                status = .converged
            } else if let k = check.vanished {
                plateau = k
                status = .notConverged("stopped by \(reason.rawValue) on a plateau: \(thetaName(k)) no longer changes the model (its derivative fell below 1e-10 of its largest); not a minimum")
            } else {
                status = .notConverged(String(format: "stopped by %@ where the gradient is not small: a Gauss–Newton step would still remove %.3g of the SSR (max |cos| %.3g); not a minimum",
                                              reason.rawValue, check.gaussNewtonShare, check.cosine))
            }
        }
        return LMOutcome(status: status, reason: reason, iterations: iterations, ssr: ssr, plateau: plateau)
    }

    /// The name of θ[k]: a fitted model parameter, or an affine amplitude.
    func thetaName(_ k: Int) -> String {
        if k < free.count { return spec[free[k]].name }
        let c = (k - free.count) / 2
        return "channel \(c + 1) \((k - free.count) % 2 == 0 ? "skin" : "day0") amplitude"
    }

    /// Puts `parameters` and `theta` (a saved estimate) back into the workspace with the model
    /// values, residuals and model Jacobian there, without iterating (`MultiStart` keeps the
    /// best of several runs this way, so its status is the one that run earned).
    func restore(days: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, parameters: [Double], theta: [Double],
                 workspace ws: FitWorkspace) {
        let n = days.count, m = n * channels
        let b = ws.ensure(n: n, parameters: spec.count, m: m, q: q)
        for j in 0..<spec.count { b.parameters[j] = parameters[j] }
        for k in 0..<q { b.theta[k] = theta[k] }
        _ = evaluateModel(b, parameters: b.parameters, days: days, values: b.retained, jacobian: b.modelJacobian)
        _ = residuals(values: y, n: n, retained: b.retained, theta: b.theta, residual: b.residual)
    }
}
