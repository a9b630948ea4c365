/// Restarts for fits that end on a bound or without converging.
///
/// Levenberg–Marquardt with clamped steps can run a parameter into a bound and stay there: the
/// bi-exponential's kFast pinned at its lower bound with kSlow above it (the pools swapped) is the
/// usual case, 4 fits in 20,000 in the fading work's note, and many more when fitting only the
/// first years of a power-law series. Such a fit is restarted from a few deterministic starts — the
/// estimate with its pinned parameters put back to their start values, then the start with every
/// fitted parameter ×10 and ×0.1 (clamped to the bounds) — and the best result is kept: converged
/// before not converged, then the lower SSR. Fits that converge inside the bounds (nearly all)
/// pay nothing. Deterministic, so output stays independent of thread count.
enum MultiStart {
    static func run<E: ModelEvaluator>(_ lm: LevenbergMarquardt<E>, days: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>,
                                       start: [Double], workspace ws: FitWorkspace) -> LMOutcome {
        var outcome = lm.run(days: days, values: values, start: start, affineStart: nil, workspace: ws)
        if case .failed = outcome.status { return outcome }
        let p = lm.spec.count
        func estimate() -> [Double] { Array(UnsafeBufferPointer(start: ws.buffers!.parameters, count: p)) }
        func pinned(_ theta: [Double]) -> [Int] { lm.free.filter { theta[$0] <= lm.spec[$0].lower || theta[$0] >= lm.spec[$0].upper } }
        var best = estimate()
        var stuck = pinned(best)
        guard !stuck.isEmpty || !isConverged(outcome) else { return outcome }
        var candidates: [[Double]] = []
        if !stuck.isEmpty {
            var c = best
            for j in stuck { c[j] = start[j] }
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
            if better(outcome, pinned(candidate).isEmpty, than: bestOutcome, stuck.isEmpty) {
                bestOutcome = outcome; best = candidate; stuck = pinned(candidate); bestIsLast = true
            } else {
                bestIsLast = false
            }
        }
        if !bestIsLast {
            // Put the best estimate back into the workspace (a refit from it stops at once).
            bestOutcome = lm.run(days: days, values: values, start: best, affineStart: nil, workspace: ws)
        }
        bestOutcome.iterations = iterations
        return bestOutcome
    }

    static func isConverged(_ o: LMOutcome) -> Bool { if case .converged = o.status { return true }; return false }

    /// Converged beats not converged; then inside the bounds beats on a bound; then lower SSR.
    static func better(_ a: LMOutcome, _ aInside: Bool, than b: LMOutcome, _ bInside: Bool) -> Bool {
        if isConverged(a) != isConverged(b) { return isConverged(a) }
        if aInside != bInside { return aInside }
        return a.ssr < b.ssr
    }
}
