import Dispatch
import Foundation
import Support

/// A model to fit: one of the shipped types, or a user-defined expression (model file).
public enum FitModel: Sendable {
    case builtIn(FadeModelKind)
    case expression(ExpressionModel)

    public var name: String {
        switch self {
        case .builtIn(let kind): kind.name
        case .expression(let model): model.name
        }
    }

    /// Whether the model reads the day column as days (so a series' day `problem` fails it).
    public var readsDays: Bool {
        switch self {
        case .builtIn: true
        case .expression(let model): model.readsDays
        }
    }
}

/// Fits fade models to observed series; many series in parallel, results in input order and
/// identical for any number of jobs (each series is fitted independently and deterministically).
public struct FadeFitter: Sendable {
    public var library: FadeLibrary
    public var options: FitOptions
    public var kind: ObservationKind

    public init(library: FadeLibrary = .builtIn, options: FitOptions = FitOptions(), kind: ObservationKind = .retained) {
        self.library = library; self.options = options; self.kind = kind
    }

    /// Checks option values that would fail every series (start values, folds), before any work.
    public func validate(models: [FadeModelKind]) throws(FadeError) {
        try validate(models: models.map { .builtIn($0) })
    }

    /// Checks option values that would fail every series, and that model names are distinct.
    public func validate(models: [FitModel]) throws(FadeError) {
        var names = Set<String>()
        for m in models where !names.insert(m.name.lowercased()).inserted {
            throw .invalidInput(reason: "two models are named '\(m.name)'; model names must be distinct (built-ins: \(FadeModelKind.names.joined(separator: ", ")))")
        }
        guard options.folds >= 0 else { throw .invalidInput(reason: "--folds must be ≥ 0, got \(options.folds)") }
        guard options.sunExposure >= 0 && options.sunExposure <= 1 else { throw .invalidInput(reason: "sun exposure must be in [0, 1], got \(options.sunExposure)") }
        for (name, value) in options.start.sorted(by: { $0.key < $1.key }) {
            let owners = models.filter { m in specification(for: m).contains { $0.name == name } }
            guard !owners.isEmpty else {
                throw .invalidInput(reason: "start value for unknown parameter '\(name)'; parameters of \(models.map(\.name).joined(separator: ", ")): \(Set(models.flatMap { specification(for: $0).map(\.name) }).sorted().joined(separator: ", "))")
            }
            for m in owners {
                let p = specification(for: m).first { $0.name == name }!
                guard p.contains(value) else { throw .parameterOutOfBounds(model: m.name, name: name, value: value, lower: p.lower, upper: p.upper) }
            }
        }
    }

    /// The parameters of a model as fitted: the library's (models.json) for built-ins.
    public func specification(for model: FitModel) -> [FadeParameter] {
        switch model {
        case .builtIn(let kind): library.specification(for: kind)
        case .expression(let m): m.specification
        }
    }

    /// What every fit of one model shares (specification, fitted indices, start), built once per run.
    struct ModelPlan: Sendable {
        let model: FitModel
        let spec: [FadeParameter]
        let free: [Int]
        let start: [Double]
    }

    func plans(_ models: [FitModel]) -> [ModelPlan] {
        models.map { model in
            let spec = specification(for: model)
            return ModelPlan(model: model, spec: spec, free: spec.indices.filter { spec[$0].fitted },
                             start: spec.map { options.start[$0.name] ?? $0.defaultValue })
        }
    }

    /// Fits `models` to every series on `jobs` threads (default: all cores).
    public func fit(_ series: [ObservedSeries], models: [FadeModelKind], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [SeriesFit] {
        fit(series, models: models.map { .builtIn($0) }, jobs: jobs)
    }

    /// Fits `models` (built-in or user-defined) to every series on `jobs` threads.
    public func fit(_ series: [ObservedSeries], models: [FitModel], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [SeriesFit] {
        let plans = self.plans(models)
        let jobs = max(1, min(jobs, series.count))
        // One workspace per worker, reused for every series it takes; results by index.
        return parallelMap(count: series.count, jobs: jobs, chunk: min(64, series.count / (jobs * 8)),
                           makeState: { FitWorkspace() }) { i, ws in fit(series[i], plans: plans, workspace: ws) }
    }

    /// Fits `models` to one series with a caller-owned workspace (reuse it across calls).
    public func fit(_ series: ObservedSeries, models: [FadeModelKind], workspace: FitWorkspace) -> SeriesFit {
        fit(series, plans: plans(models.map { .builtIn($0) }), workspace: workspace)
    }

    public func fit(_ series: ObservedSeries, models: [FitModel], workspace: FitWorkspace) -> SeriesFit {
        fit(series, plans: plans(models), workspace: workspace)
    }

    func fit(_ series: ObservedSeries, plans: [ModelPlan], workspace: FitWorkspace) -> SeriesFit {
        var fits = plans.map { plan in
            if let problem = series.problem, plan.model.readsDays { return failed(plan, problem, series) }
            switch plan.model {
            case .builtIn(let kind):
                return kind.accept(SingleFit(fitter: self, plan: plan, series: series, workspace: workspace))
            case .expression(let model) where model.variables.count == 1:
                let single = SingleFit(fitter: self, plan: plan, series: series, workspace: workspace)
                return single.run(single.lm(ExpressionEvaluator(program: model.program)))
            case .expression(let model):
                // Several variables: the evaluator holds the columns and is handed row numbers.
                let columns: [[Double]]
                do { columns = try model.columns(of: series) } catch { return failed(plan, "series \(series.name): \(error)", series) }
                let rows = ObservedSeries(name: series.name, days: series.days.indices.map(Double.init), values: series.values, channels: series.channels)
                let single = SingleFit(fitter: self, plan: plan, series: rows, workspace: workspace, columns: columns)
                return single.run(single.lm(ExpressionEvaluator(program: model.program, columns: columns)))
            }
        }
        let ranked = fits.indices.filter { fits[$0].status == .converged && fits[$0].aic != nil }
            .sorted { (fits[$0].aic!, $0) < (fits[$1].aic!, $1) }
        for (rank, i) in ranked.enumerated() { fits[i].aicRank = rank + 1 }
        return SeriesFit(series: series.name, fits: fits)
    }

    func failed(_ plan: ModelPlan, _ message: String, _ series: ObservedSeries) -> ModelFit {
        let spec = plan.spec
        return ModelFit(model: plan.model.name, status: .failed, message: message, observations: series.values.count,
                        fittedParameters: spec.filter(\.fitted).count + (self.kind.isAffine ? 2 * self.kind.channels : 0),
                        parameters: [], rmse: nil, aic: nil, bic: nil, cvRMSE: nil, iterations: 0, aicRank: nil)
    }
}

/// Fits one model type to one series: the generic entry point (one switch per series × model).
private struct SingleFit: FadeModelVisitor {
    let fitter: FadeFitter
    let plan: FadeFitter.ModelPlan
    let series: ObservedSeries
    let workspace: FitWorkspace
    /// A model of several variables: its columns (then `series.days` holds row numbers).
    var columns: [[Double]]? = nil

    func visit<M: FadeModel>(_: M.Type) -> ModelFit {
        let conditions = FadeConditions(rateMultiplier: 1, sunExposure: fitter.options.sunExposure)
        return run(lm(BuiltInEvaluator<M>(conditions: conditions, specification: plan.spec)))
    }

    func lm<E: ModelEvaluator>(_ evaluator: E) -> LevenbergMarquardt<E> {
        LevenbergMarquardt(evaluator: evaluator, spec: plan.spec, free: plan.free, channels: fitter.kind.channels,
                           affine: fitter.kind.isAffine, options: fitter.options)
    }

    /// One fit with estimates, intervals, information criteria and cross-validation.
    func run<E: ModelEvaluator>(_ lm: LevenbergMarquardt<E>) -> ModelFit {
        let kind = fitter.kind
        let spec = plan.spec, free = plan.free
        let name = plan.model.name
        let q = lm.q
        let n = series.days.count, nObs = n * kind.channels
        var base = ModelFit(model: name, status: .failed, message: nil, observations: nObs, fittedParameters: q,
                            parameters: [], rmse: nil, aic: nil, bic: nil, cvRMSE: nil, iterations: 0, aicRank: nil)
        guard series.channels == kind.channels, series.values.count == nObs else {
            base.message = "series \(series.name): expected \(kind.channels) value column(s) per row"
            return base
        }
        guard nObs >= q + 1 else {
            base.message = FadeError.tooFewPoints(series: series.name, model: name, points: nObs, needed: q + 1).description
            return base
        }
        let start = plan.start
        let ws = workspace
        let outcome = series.days.withUnsafeBufferPointer { days in
            series.values.withUnsafeBufferPointer { values in
                MultiStart.run(lm, days: days, values: values, start: start, workspace: ws)
            }
        }
        base.iterations = outcome.iterations
        base.reason = outcome.reason
        switch outcome.status {
        case .failed(let why):
            base.message = "series \(series.name): \(why)"
            if outcome.iterations == 0, case .expression(let model) = plan.model,
               let point = model.nonFinitePoint(columns: columns ?? [series.days], parameters: start) {
                base.message = "series \(series.name): \(point)"
            }
            return base
        case .notConverged(let why):
            base.status = .notConverged
            base.message = why
        case .converged:
            base.status = .converged
        }
        let ssr = outcome.ssr
        // Estimates, standard errors and 95 % intervals.
        let buffers = ws.buffers!
        let estimateParameters = Array(UnsafeBufferPointer(start: buffers.parameters, count: spec.count))
        let estimateTheta = Array(UnsafeBufferPointer(start: buffers.theta, count: q))
        var se = [Double](repeating: .nan, count: q)
        var quality = lm.standardErrors(ws, ssr: ssr, into: &se)
        // On a plateau a parameter's derivative has all but vanished: its linearised error is
        // astronomically large and means nothing.
        if outcome.plateau != nil { quality.reliable = false }
        let identifiable = quality.reliable
        base.condition = quality.condition
        base.standardErrorsReliable = quality.reliable
        let t = ws.tQuantile(df: nObs - q)
        var estimates: [ParameterEstimate] = []
        func make(_ name: String, _ unit: String, _ value: Double, _ index: Int?, lower: Double, upper: Double) -> ParameterEstimate {
            guard let index else {
                return ParameterEstimate(name: name, unit: unit, estimate: value, standardError: nil, ci95Low: nil, ci95High: nil, fitted: false, atBound: false)
            }
            let s = identifiable && se[index].isFinite ? se[index] : nil
            return .bounded(name: name, unit: unit, estimate: value, standardError: s, t: t, lower: lower, upper: upper)
        }
        for (j, p) in spec.enumerated() {
            estimates.append(make(p.name, p.unit, estimateParameters[j], free.firstIndex(of: j), lower: p.lower, upper: p.upper))
        }
        if kind.isAffine {
            for (c, channel) in kind.channelNames.enumerated() {
                let k = free.count + 2 * c
                estimates.append(make("\(channel)_skin", channel == "L" ? "L*" : "\(channel)*", estimateTheta[k], k, lower: -.infinity, upper: .infinity))
                estimates.append(make("\(channel)_day0", channel == "L" ? "L*" : "\(channel)*", estimateTheta[k + 1], k + 1, lower: -.infinity, upper: .infinity))
            }
        }
        if !identifiable {
            let why = outcome.plateau != nil ? "a parameter no longer changes the model"
                : quality.condition.map { $0.isFinite ? String(format: "condition number %.3g of the column-scaled Jacobian ≥ 1/√ε", $0) : "Jacobian singular at the estimate" }
                ?? "Jacobian rank deficient at the estimate"
            let note = "standard errors unreliable (\(why)): parameters not identifiable from this series, none reported"
            base.message = [base.message, note].compactMap { $0 }.joined(separator: "; ")
        }
        base.parameters = estimates
        base.ssr = ssr
        base.sigma = (ssr / Double(nObs - q)).squareRoot()
        base.rmse = (ssr / Double(nObs)).squareRoot()
        base.aic = FitStatistics.aic(ssr: ssr, n: nObs, parameters: q)
        base.bic = FitStatistics.bic(ssr: ssr, n: nObs, parameters: q)
        // k-fold cross-validation from the full-data estimate.
        let k = fitter.options.folds
        if k >= 2 {
            let trainingMin = n - (n + k - 1) / k
            if trainingMin * kind.channels >= q + 1 {
                base.cvRMSE = crossValidate(lm, folds: k, start: estimateParameters, affineStart: kind.isAffine ? Array(estimateTheta[free.count...]) : nil)
                if base.cvRMSE == nil {
                    base.message = [base.message, "cross-validation: a fold fit failed"].compactMap { $0 }.joined(separator: "; ")
                }
            } else {
                base.message = [base.message, "too few points for \(k)-fold cross-validation"].compactMap { $0 }.joined(separator: "; ")
            }
        }
        return base
    }

    private func crossValidate<E: ModelEvaluator>(_ lm: LevenbergMarquardt<E>, folds k: Int, start: [Double], affineStart: [Double]?) -> Double? {
        let ws = workspace, n = series.days.count, channels = lm.channels
        var sse = 0.0
        var predicted = [Double](repeating: 0, count: n)
        var heldOutDays: [Double] = [], heldOutValues: [Double] = [], scratch = [Double](repeating: 0, count: lm.spec.count)
        for fold in 0..<k {
            let train = n - (n - fold + k - 1) / k
            ws.foldDays.removeAll(keepingCapacity: true)
            ws.foldValues.removeAll(keepingCapacity: true)
            for i in 0..<n where i % k != fold { ws.foldDays.append(series.days[i]) }
            for c in 0..<channels { for i in 0..<n where i % k != fold { ws.foldValues.append(series.values[c * n + i]) } }
            precondition(ws.foldDays.count == train)
            let days = ws.foldDays, values = ws.foldValues
            let outcome = days.withUnsafeBufferPointer { d in
                values.withUnsafeBufferPointer { v in lm.run(days: d, values: v, start: start, affineStart: affineStart, workspace: ws) }
            }
            if case .failed = outcome.status { return nil }
            // Predict the held-out points with the fold's estimate.
            let spec = lm.spec
            let buffers = ws.buffers!
            var params = Array(UnsafeBufferPointer(start: buffers.parameters, count: spec.count))
            heldOutDays.removeAll(keepingCapacity: true)
            for i in stride(from: fold, to: n, by: k) { heldOutDays.append(series.days[i]) }
            heldOutValues = [Double](repeating: 0, count: heldOutDays.count)
            do throws(FadeError) {
                try params.withUnsafeMutableBufferPointer { (p) throws(FadeError) in
                    try heldOutDays.withUnsafeBufferPointer { (d) throws(FadeError) in
                        try heldOutValues.withUnsafeMutableBufferPointer { (v) throws(FadeError) in
                            try scratch.withUnsafeMutableBufferPointer { (g) throws(FadeError) in
                                try lm.evaluator.evaluate(parameters: p, days: d, values: v, jacobian: nil, gradientScratch: g)
                            }
                        }
                    }
                }
            } catch { return nil }
            for (h, i) in stride(from: fold, to: n, by: k).enumerated() { predicted[i] = heldOutValues[h] }
            for c in 0..<channels {
                let skin = lm.affine ? buffers.theta[lm.free.count + 2 * c] : 0, day0 = lm.affine ? buffers.theta[lm.free.count + 2 * c + 1] : 1
                for i in stride(from: fold, to: n, by: k) {
                    let r = predicted[i]
                    let e = series.values[c * n + i] - (lm.affine ? skin + (day0 - skin) * r : r)
                    sse += e * e
                }
            }
        }
        return (sse / Double(n * channels)).squareRoot()
    }
}
