import Foundation

/// A model as a researcher writes it in a model file, before checking: a plain value, so the
/// fading library needs no YAML (the `Plans` module reads the file and hands this over).
public struct ExpressionModelDefinition: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var start: Double
        public var lower: Double
        public var upper: Double
        public var unit: String
        public init(name: String, start: Double, lower: Double, upper: Double, unit: String = "") {
            self.name = name; self.start = start; self.lower = lower; self.upper = upper; self.unit = unit
        }
    }

    public var name: String
    public var expression: String
    /// The independent variables' names in the expression, in order. One variable (the usual
    /// case) reads the data's day column whatever its header says: `t` (days) for fade data;
    /// NIST's reference problems use `x`. Several (`[t, dose]`) are read from the columns of
    /// those names in the data's header.
    public var variables: [String]
    public var parameters: [Parameter]
    /// Where the definition came from (a file path), for messages.
    public var source: String

    /// The first (for a one-variable model, the only) variable's name.
    public var variable: String { variables.first ?? "" }

    public init(name: String, expression: String, variable: String = "t", parameters: [Parameter], source: String = "model") {
        self.init(name: name, expression: expression, variables: [variable], parameters: parameters, source: source)
    }

    public init(name: String, expression: String, variables: [String], parameters: [Parameter], source: String = "model") {
        self.name = name; self.expression = expression; self.variables = variables; self.parameters = parameters; self.source = source
    }
}

/// A checked, compiled user-defined model: `expression(variable; θ)` models the value column
/// directly, in whatever units it has (retained fraction, L*, or something else).
public struct ExpressionModel: Sendable {
    public let definition: ExpressionModelDefinition
    /// Parameters in file order, as the fitter sees them (start = default, all fitted).
    public let specification: [FadeParameter]
    let program: ExpressionProgram

    public var name: String { definition.name }
    public var formula: String { "y(\(definition.variables.joined(separator: ", "))) = \(definition.expression)" }
    public var variables: [String] { definition.variables }

    /// Whether the model reads the data's day column as days (its one variable is `t`): then,
    /// as for the built-in models, a series with a negative or decreasing day cannot be fitted.
    /// Any other variable is a plain predictor: negative values and any row order are allowed.
    public var readsDays: Bool { definition.variables == ["t"] }

    /// Checks names, bounds and the expression; every error names the source, the field and,
    /// for the expression, the column.
    public init(_ d: ExpressionModelDefinition) throws(FadeError) {
        func fail(_ field: String, _ reason: String) -> FadeError { .modelDefinition(source: d.source, field: field, reason: reason) }
        func isIdentifier(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
            return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        }
        let reserved = Set(ExpressionFunction.allCases.map(\.rawValue) + ExpressionConstant.values.keys)
        guard !d.name.isEmpty, d.name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 44 && $0 != 34 }) else {
            throw fail("name", "'\(d.name)' must be non-empty printable ASCII without blanks, commas or quotes (it names CSV rows)")
        }
        guard d.name.lowercased() != "all" else { throw fail("name", "'all' is reserved (it selects every model)") }
        guard !d.variables.isEmpty else { throw fail("variables", "at least one variable is needed") }
        guard d.variables.count <= ExpressionLimits.maximumVariables else {
            throw fail("variables", "\(d.variables.count) variables; at most \(ExpressionLimits.maximumVariables) are supported")
        }
        let variableField = d.variables.count == 1 ? "variable" : "variables"
        for v in d.variables {
            guard isIdentifier(v), !reserved.contains(v) else {
                throw fail(variableField, "'\(v)' is not a usable name (letters, digits, _; not a function or constant name: \(reserved.sorted().joined(separator: ", ")))")
            }
        }
        guard Set(d.variables).count == d.variables.count else { throw fail("variables", "a name appears twice in \(d.variables)") }
        guard !d.parameters.isEmpty else { throw fail("parameters", "at least one parameter is needed") }
        // The all-points evaluator tracks each slot's non-zero derivative rows in a 64-bit set.
        guard d.parameters.count <= 64 else { throw fail("parameters", "\(d.parameters.count) parameters; at most 64 are supported") }
        var seen = Set<String>()
        for p in d.parameters {
            let f = "parameters.\(p.name)"
            guard isIdentifier(p.name) else { throw fail(f, "'\(p.name)' is not a name (letters, digits, _, not starting with a digit)") }
            guard !reserved.contains(p.name) else {
                throw fail(f, ExpressionConstant.values[p.name] != nil ? "'\(p.name)' is a constant's name (pi, e)" : "'\(p.name)' is a function name")
            }
            guard !d.variables.contains(p.name) else { throw fail(f, "'\(p.name)' is an independent variable's name") }
            guard seen.insert(p.name).inserted else { throw fail(f, "appears twice") }
            guard !p.lower.isNaN, !p.upper.isNaN, p.lower < p.upper else {
                throw fail(f, "bounds min \(p.lower) and max \(p.upper) must satisfy min < max")
            }
            guard p.start.isFinite, p.start >= p.lower, p.start <= p.upper else {
                throw fail(f + ".start", "start \(p.start) is outside [\(p.lower), \(p.upper)] or not finite")
            }
        }
        let names = d.parameters.map(\.name)
        let program: ExpressionProgram
        do { program = try ExpressionProgram.compile(d.expression, variables: d.variables, parameters: names) } catch {
            throw fail("expression", error.description)
        }
        let used = program.usedParameters
        if let unused = names.indices.first(where: { !used.contains($0) }) {
            throw fail("parameters.\(names[unused])", "does not occur in the expression, so no data can determine it")
        }
        definition = d
        self.program = program
        specification = d.parameters.map {
            FadeParameter(name: $0.name, unit: $0.unit, lower: $0.lower, upper: $0.upper, defaultValue: $0.start,
                          meaning: "parameter of \(d.name)")
        }
    }

    /// The model's value at `x` with parameters `θ` (file order), for a one-variable model.
    public func value(at x: Double, parameters θ: [Double]) -> Double { value(at: [x], parameters: θ) }

    /// The model's value at a point (one value per variable, in order).
    public func value(at point: [Double], parameters θ: [Double]) -> Double {
        precondition(θ.count == specification.count && point.count == program.variableCount)
        return θ.withUnsafeBufferPointer { t in
            point.withUnsafeBufferPointer { x in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: program.stackDepth) { s in
                    program.value(at: x.baseAddress!, parameters: t.baseAddress!, stack: s.baseAddress!)
                }
            }
        }
    }

    /// The value and its exact gradient over the parameters at `x`, for a one-variable model.
    public func gradient(at x: Double, parameters θ: [Double]) -> (value: Double, gradient: [Double]) { gradient(at: [x], parameters: θ) }

    /// The value and its exact gradient over the parameters at a point.
    public func gradient(at point: [Double], parameters θ: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(θ.count == specification.count && point.count == program.variableCount)
        var g = [Double](repeating: 0, count: θ.count)
        let v = θ.withUnsafeBufferPointer { t in
            point.withUnsafeBufferPointer { x in
                g.withUnsafeMutableBufferPointer { gp in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: program.stackDepth * (θ.count + 1)) { s in
                        withUnsafeTemporaryAllocation(of: Bool.self, capacity: program.stackDepth) { live in
                            program.gradient(at: x.baseAddress!, parameters: t.baseAddress!, stack: s.baseAddress!, live: live.baseAddress!, gradient: gp.baseAddress!)
                        }
                    }
                }
            }
        }
        return (v, g)
    }

    /// The first of `xs` where a one-variable model's value or a derivative is not finite at
    /// parameters `θ` (default: the starts), described for a message; nil when all are finite.
    public func nonFinitePoint(at xs: [Double], parameters θ: [Double]? = nil) -> String? {
        nonFinitePoint(columns: [xs], parameters: θ)
    }

    /// As `nonFinitePoint(at:)` over rows given as one column per variable.
    public func nonFinitePoint(columns: [[Double]], parameters θ: [Double]? = nil) -> String? {
        let θ = θ ?? specification.map(\.defaultValue)
        let described = zip(specification, θ).map { "\($0.name)=\($1)" }.joined(separator: ", ")
        for i in columns.first?.indices ?? 0..<0 {
            let point = columns.map { $0[i] }
            let at = zip(definition.variables, point).map { "\($0) = \($1)" }.joined(separator: ", ")
            let (v, g) = gradient(at: point, parameters: θ)
            if !v.isFinite { return "model \(name) evaluates to \(v) at \(at) with \(described)" }
            if let j = g.indices.first(where: { !g[$0].isFinite }) {
                return "model \(name) has the derivative ∂/∂\(specification[j].name) = \(g[j]) at \(at) with \(described); no step can be computed there"
            }
        }
        return nil
    }

    /// The data columns the model reads from a series, one per variable: the day column for a
    /// one-variable model, else the columns named in the series' header.
    public func columns(of series: ObservedSeries) throws(FadeError) -> [[Double]] {
        let variables = definition.variables
        if variables.count == 1 { return [series.days] }
        return try variables.map { (v) throws(FadeError) in
            guard let k = series.predictorNames.firstIndex(of: v) else {
                let has = series.predictorNames.isEmpty ? "the data have no header naming their columns"
                    : "the data's predictor columns are \(series.predictorNames.joined(separator: ", "))"
                throw .invalidInput(reason: "model \(name) reads the variables \(variables.joined(separator: ", ")) from columns of those names, but \(has) (no '\(v)')")
            }
            return k == 0 ? series.days : series.extraPredictors[k - 1]
        }
    }
}
