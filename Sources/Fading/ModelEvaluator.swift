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
struct ExpressionEvaluator: ModelEvaluator {
    let program: ExpressionProgram

    var hasAnalyticGradient: Bool { true }

    func evaluate(parameters: UnsafeMutableBufferPointer<Double>, days: UnsafeBufferPointer<Double>,
                  values: UnsafeMutableBufferPointer<Double>, jacobian: UnsafeMutableBufferPointer<Double>?,
                  gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError) {
        let theta = UnsafePointer(parameters.baseAddress!)
        let size = program.batchStackSize(points: days.count, derivatives: jacobian != nil)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(size, 1)) { stack in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: program.stackDepth) { rows in
                program.evaluate(days: days, parameters: theta, stack: stack.baseAddress!, rows: rows.baseAddress!,
                                 values: values.baseAddress!, jacobian: jacobian?.baseAddress)
            }
        }
    }
}
