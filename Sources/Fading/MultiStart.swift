/// Restarts for fits that end on a bound or without converging.
///
/// Levenberg–Marquardt with clamped steps can run a parameter into a bound and stay there: the
/// bi-exponential's kFast pinned at its lower bound with kSlow above it (the pools swapped) is the
/// usual case, 4 fits in 20,000 in the fading work's note, and many more when fitting only the
/// first years of a power-law series. A fit can also stop away from any minimum (BoxBOD from
/// NIST's first start runs onto the plateau b2 → ∞). Such a fit is restarted from a few
/// deterministic starts — the estimate with its pinned parameters (and the one on a plateau) put
/// back to their start values, then the start with every fitted parameter ×10 and ×0.1 (clamped to the bounds) — and
/// the best result is kept (`better`). Fits that converge inside the bounds (nearly all) pay
/// nothing. Deterministic, so output stays independent of thread count.
enum MultiStart {
    static func run<E: ModelEvaluator>(_ lm: LevenbergMarquardt<E>, days: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>,
                                       start: [Double], workspace ws: FitWorkspace) -> LMOutcome {
        var outcome = lm.run(days: days, values: values, start: start, affineStart: nil, workspace: ws)
        if case .failed = outcome.status { return outcome }
        let p = lm.spec.count, q = lm.q
        func estimate() -> (parameters: [Double], theta: [Double]) {
            (Array(UnsafeBufferPointer(start: ws.buffers!.parameters, count: p)), Array(UnsafeBufferPointer(start: ws.buffers!.theta, count: q)))
        }
        func pinned(_ theta: [Double]) -> [Int] { lm.free.filter { theta[$0] <= lm.spec[$0].lower || theta[$0] >= lm.spec[$0].upper } }
        var best = estimate()
        var stuck = pinned(best.parameters)
        guard !stuck.isEmpty || !isConverged(outcome) else { return outcome }
        var candidates: [[Double]] = []
        // A parameter that ran onto a plateau goes back to its start like a pinned one.
        let reset = stuck + (outcome.plateau.flatMap { $0 < lm.free.count ? [lm.free[$0]] : nil } ?? [])
        if !reset.isEmpty {
            var c = best.parameters
            for j in reset { c[j] = start[j] }
            candidates.append(c)
        }
        for factor in [10.0, 0.1] {
            var c = start
            for j in lm.free { c[j] = min(max(start[j] * factor, lm.spec[j].lower), lm.spec[j].upper) }
            if c != start { candidates.append(c) }
        }
        var bestOutcome = outcome, bestIsLast = true
        var iterations = outcome.iterations
        for c in candidates where c.indices.allSatisfy({ c[$0].isFinite }) {
            outcome = lm.run(days: days, values: values, start: c, affineStart: nil, workspace: ws)
            iterations += outcome.iterations
            if case .failed = outcome.status { bestIsLast = false; continue }
            let candidate = estimate()
            if better(outcome, pinned(candidate.parameters).isEmpty, than: bestOutcome, stuck.isEmpty) {
                bestOutcome = outcome; best = candidate; stuck = pinned(candidate.parameters); bestIsLast = true
            } else {
                bestIsLast = false
            }
        }
        if !bestIsLast {
            // Put the best estimate back into the workspace as that run left it (a refit could
            // stop on another test and report another status).
            lm.restore(days: days, values: values, parameters: best.parameters, theta: best.theta, workspace: ws)
        }
        bestOutcome.iterations = iterations
        return bestOutcome
    }

    static func isConverged(_ o: LMOutcome) -> Bool { if case .converged = o.status { return true }; return false }

    /// A fit that passed the optimality check beats one that did not; between two that both
    /// passed, or both did not, the lower residual sum of squares wins. So a run that stopped on
    /// a plateau (not converged) never outranks one that converged, and among unfinished runs the
    /// one that got further down is kept. Inside the bounds beats on a bound only when the two
    /// SSRs agree to 1e-10 (the same minimum reached two ways).
    static func better(_ a: LMOutcome, _ aInside: Bool, than b: LMOutcome, _ bInside: Bool) -> Bool {
        if isConverged(a) != isConverged(b) { return isConverged(a) }
        if abs(a.ssr - b.ssr) > 1e-10 * max(abs(a.ssr), abs(b.ssr)) || aInside == bInside { return a.ssr < b.ssr }
        return aInside
    }
}
