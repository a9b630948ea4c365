/// What Levenberg–Marquardt needs from a model: its values at the days and, when asked, the
/// n × P column-major Jacobian over all parameters. Built-in models (static types) and
/// expression models (a compiled program) both conform, and the fitter is generic over the
/// conformance, so neither pays for existential dispatch in the iteration loop.
protocol ModelEvaluator: Sendable {
    /// Whether `evaluate` fills the Jacobian together with the values (shared work) rather than
    /// by a second pass of forward differences.
    var hasAnalyticGradient: Bool { get }

    /// Fills `values[i]` = model(days[i]) and, if given, `jacobian[j·n + i]` = ∂model(days[i])/∂θⱼ.
    /// `parameters` may be perturbed temporarily but is restored; `gradientScratch` holds P doubles.
    func evaluate(parameters: UnsafeMutableBufferPointer<Double>, days: UnsafeBufferPointer<Double>,
                  values: UnsafeMutableBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>?,
                  gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError)
}

/// A shipped model type under fixed conditions (rate multiplier, sun exposure).
struct BuiltInEvaluator<M: FadeModel>: ModelEvaluator {
    let conditions: FadeConditions
    let specification: [FadeParameter]

    var hasAnalyticGradient: Bool { M.hasAnalyticGradient }

    func evaluate(parameters: UnsafeMutableBufferPointer<Double>, days: UnsafeBufferPointer<Double>,
                  values: UnsafeMutableBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>?,
                  gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError) {
        try M.evaluate(parameters: parameters, conditions: conditions, days: days, values: values,
                       jacobian: jacobian, specification: specification, gradientScratch: gradientScratch)
    }
}

/// A model file's expression: values and exact forward-mode derivatives from the compiled program.
///
/// A one-variable model reads its variable from `days`, as the built-in models do. A model of
/// several variables carries the series' columns (`columns[k]`, one per variable) and is handed
/// row numbers as its `days` (0, 1, 2… as Doubles): the fitter picks rows (cross-validation
/// folds) through the same buffer it uses for days, so the solver needs no notion of predictors.
struct ExpressionEvaluator: ModelEvaluator {
    let program: ExpressionProgram
    let columns: [[Double]]

    init(program: ExpressionProgram, columns: [[Double]] = []) {
        self.program = program; self.columns = columns
    }

    var hasAnalyticGradient: Bool { true }

    /// Throws when a derivative is not finite (an infinite slope, as of sqrt(t − c) at t = c):
    /// the solver then treats the point like one where the model cannot be evaluated (the
    /// start fails with the point named, a trial step is rejected) instead of solving with NaN.
    func evaluate(parameters: UnsafeMutableBufferPointer<Double>, days: UnsafeBufferPointer<Double>,
                  values: UnsafeMutableBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>?,
                  gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError) {
        let n = days.count
        guard n > 0 else { return }
        let theta = UnsafePointer(parameters.baseAddress!)
        let size = program.batchStackSize(points: n, derivatives: jacobian != nil)
        func run(_ inputs: UnsafePointer<Double>) {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(size, 1)) { stack in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: program.stackDepth) { rows in
                    program.evaluate(inputs: inputs, count: n, parameters: theta, stack: stack.baseAddress!, rows: rows.baseAddress!,
                                     values: values.baseAddress!, jacobian: jacobian?.baseAddress)
                }
            }
        }
        if columns.isEmpty {
            // A model of several variables evaluated without its columns (a caller that runs
            // models along days): refused, rather than reading past the one column given.
            guard program.variableCount == 1 else { throw .invalidInput(reason: "a model of \(program.variableCount) variables needs its data columns") }
            run(days.baseAddress!)
        } else {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n * columns.count) { inputs in
                for (k, column) in columns.enumerated() {
                    for i in 0..<n { inputs[k * n + i] = column[Int(days[i])] }
                }
                run(UnsafePointer(inputs.baseAddress!))
            }
        }
        if let jacobian {
            // d·0 is NaN exactly when d is not finite: one branch-free pass the compiler vectorises.
            var probe = 0.0
            for d in jacobian { probe += d * 0 }
            if probe.isNaN, let d = jacobian.first(where: { !$0.isFinite }) { throw .numerical("a derivative of the model is \(d)") }
        }
    }
}
