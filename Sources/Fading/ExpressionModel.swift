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
    /// The independent variable's name in the expression: `t` (days) for fade data; NIST's
    /// reference problems use `x`.
    public var variable: String
    public var parameters: [Parameter]
    /// Where the definition came from (a file path), for messages.
    public var source: String

    public init(name: String, expression: String, variable: String = "t", parameters: [Parameter], source: String = "model") {
        self.name = name; self.expression = expression; self.variable = variable; self.parameters = parameters; self.source = source
    }
}

/// A checked, compiled user-defined model: `expression(variable; θ)` models the value column
/// directly, in whatever units it has (retained fraction, L*, or something else).
public struct ExpressionModel: Sendable {
    public let definition: ExpressionModelDefinition
    /// Parameters in file order, as the fitter sees them (start = default, all fitted).
    public let specification: [FadeParameter]
    let program: ExpressionProgram
    let tree: ExpressionNode

    public var name: String { definition.name }
    public var formula: String { "y(\(definition.variable)) = \(definition.expression)" }

    /// Checks names, bounds and the expression; every error names the source, the field and,
    /// for the expression, the column.
    public init(_ d: ExpressionModelDefinition) throws(FadeError) {
        func fail(_ field: String, _ reason: String) -> FadeError { .modelDefinition(source: d.source, field: field, reason: reason) }
        func isIdentifier(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
            return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        }
        let reserved = Set(ExpressionFunction.allCases.map(\.rawValue))
        guard !d.name.isEmpty, d.name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 44 && $0 != 34 }) else {
            throw fail("name", "'\(d.name)' must be non-empty printable ASCII without blanks, commas or quotes (it names CSV rows)")
        }
        guard d.name.lowercased() != "all" else { throw fail("name", "'all' is reserved (it selects every model)") }
        guard isIdentifier(d.variable), !reserved.contains(d.variable) else {
            throw fail("variable", "'\(d.variable)' is not a usable name (letters, digits, _; not a function name)")
        }
        guard !d.parameters.isEmpty else { throw fail("parameters", "at least one parameter is needed") }
        // The all-points evaluator tracks each slot's non-zero derivative rows in a 64-bit set.
        guard d.parameters.count <= 64 else { throw fail("parameters", "\(d.parameters.count) parameters; at most 64 are supported") }
        var seen = Set<String>()
        for p in d.parameters {
            let f = "parameters.\(p.name)"
            guard isIdentifier(p.name) else { throw fail(f, "'\(p.name)' is not a name (letters, digits, _, not starting with a digit)") }
            guard !reserved.contains(p.name) else { throw fail(f, "'\(p.name)' is a function name") }
            guard p.name != d.variable else { throw fail(f, "'\(p.name)' is the independent variable's name") }
            guard seen.insert(p.name).inserted else { throw fail(f, "appears twice") }
            guard !p.lower.isNaN, !p.upper.isNaN, p.lower < p.upper else {
                throw fail(f, "bounds min \(p.lower) and max \(p.upper) must satisfy min < max")
            }
            guard p.start.isFinite, p.start >= p.lower, p.start <= p.upper else {
                throw fail(f + ".start", "start \(p.start) is outside [\(p.lower), \(p.upper)] or not finite")
            }
        }
        let names = d.parameters.map(\.name)
        let tree: ExpressionNode
        do { tree = try ExpressionParser.parse(d.expression, variable: d.variable, parameters: names) } catch {
            throw fail("expression", error.description)
        }
        var used = Set<Int>()
        tree.collectParameters(into: &used)
        if let unused = names.indices.first(where: { !used.contains($0) }) {
            throw fail("parameters.\(names[unused])", "does not occur in the expression, so no data can determine it")
        }
        definition = d
        self.tree = tree
        program = ExpressionProgram(tree, parameterCount: names.count)
        specification = d.parameters.map {
            FadeParameter(name: $0.name, unit: $0.unit, lower: $0.lower, upper: $0.upper, defaultValue: $0.start,
                          meaning: "parameter of \(d.name)")
        }
    }

    /// The model's value at `x` with parameters `θ` (file order).
    public func value(at x: Double, parameters θ: [Double]) -> Double {
        precondition(θ.count == specification.count)
        return θ.withUnsafeBufferPointer { t in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: program.stackDepth) { s in
                program.value(at: x, parameters: t.baseAddress!, stack: s.baseAddress!)
            }
        }
    }

    /// The value and its exact gradient over the parameters at `x`.
    public func gradient(at x: Double, parameters θ: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(θ.count == specification.count)
        var g = [Double](repeating: 0, count: θ.count)
        let v = θ.withUnsafeBufferPointer { t in
            g.withUnsafeMutableBufferPointer { gp in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: program.stackDepth * (θ.count + 1)) { s in
                    withUnsafeTemporaryAllocation(of: Bool.self, capacity: program.stackDepth) { live in
                        program.gradient(at: x, parameters: t.baseAddress!, stack: s.baseAddress!, live: live.baseAddress!, gradient: gp.baseAddress!)
                    }
                }
            }
        }
        return (v, g)
    }

    /// The first of `xs` where the model is not finite at parameters `θ` (default: the starts),
    /// described for a message; nil when it is finite everywhere there.
    public func nonFinitePoint(at xs: [Double], parameters θ: [Double]? = nil) -> String? {
        let θ = θ ?? specification.map(\.defaultValue)
        for x in xs {
            let v = value(at: x, parameters: θ)
            if !v.isFinite {
                let values = zip(specification, θ).map { "\($0.name)=\($1)" }.joined(separator: ", ")
                return "model \(name) evaluates to \(v) at \(definition.variable) = \(x) with \(values)"
            }
        }
        return nil
    }
}
