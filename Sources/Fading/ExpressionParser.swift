/// The functions a model expression may call, with their arity.
public enum ExpressionFunction: String, CaseIterable, Sendable {
    case exp, log, sqrt, pow, min, max

    var arity: Int {
        switch self {
        case .exp, .log, .sqrt: 1
        case .pow, .min, .max: 2
        }
    }
}

/// A parsed model expression: a tree over the independent variable, the parameters (by index)
/// and numeric constants. `column` (1-based, in characters of the source text) is kept on each
/// node so later checks can point at the offending spot.
indirect enum ExpressionNode: Sendable, Equatable {
    case constant(Double)
    case variable
    case parameter(Int)
    case negate(ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    case call(ExpressionFunction, [ExpressionNode])

    enum BinaryOperator: Sendable, Equatable { case add, subtract, multiply, divide, power }

    /// Whether any parameter occurs below this node (its gradient is not identically zero).
    var dependsOnParameters: Bool {
        switch self {
        case .constant, .variable: false
        case .parameter: true
        case .negate(let a): a.dependsOnParameters
        case .binary(_, let a, let b): a.dependsOnParameters || b.dependsOnParameters
        case .call(_, let args): args.contains { $0.dependsOnParameters }
        }
    }

    func collectParameters(into used: inout Set<Int>) {
        switch self {
        case .constant, .variable: break
        case .parameter(let j): used.insert(j)
        case .negate(let a): a.collectParameters(into: &used)
        case .binary(_, let a, let b): a.collectParameters(into: &used); b.collectParameters(into: &used)
        case .call(_, let args): for a in args { a.collectParameters(into: &used) }
        }
    }
}

/// Why an expression could not be parsed; `column` is 1-based in the expression text.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public var description: String { "column \(column): \(message)" }
}

/// Recursive-descent parser for model expressions.
///
/// Grammar (the usual precedence; `^` binds tighter than unary minus and is right-associative,
/// so `-t^2` is −(t²) and `2^3^2` is 2⁹, as in mathematics and Fortran):
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary (('^' | '**') unary)?
///     primary := number | name | function '(' sum (',' sum)* ')' | '(' sum ')'
///
/// Names resolve to the independent variable or a parameter while parsing, so an unknown name
/// is reported at its column with the names that are known.
struct ExpressionParser {
    private let chars: [Character]
    private var position = 0
    private let variable: String
    private let parameters: [String]

    init(_ text: String, variable: String, parameters: [String]) {
        chars = Array(text); self.variable = variable; self.parameters = parameters
    }

    static func parse(_ text: String, variable: String, parameters: [String]) throws(ExpressionError) -> ExpressionNode {
        var parser = ExpressionParser(text, variable: variable, parameters: parameters)
        parser.skipBlanks()
        guard parser.position < parser.chars.count else { throw ExpressionError(column: 1, message: "empty expression") }
        let node = try parser.sum()
        parser.skipBlanks()
        if parser.position < parser.chars.count {
            throw parser.error("unexpected '\(parser.chars[parser.position])' after a complete expression")
        }
        return node
    }

    private func error(_ message: String, at column: Int? = nil) -> ExpressionError {
        ExpressionError(column: column ?? position + 1, message: message)
    }

    private mutating func skipBlanks() {
        while position < chars.count, chars[position] == " " || chars[position] == "\t" || chars[position] == "\n" { position += 1 }
    }

    /// Consumes `token` (after blanks) if it is next.
    private mutating func accept(_ token: String) -> Bool {
        skipBlanks()
        let t = Array(token)
        guard position + t.count <= chars.count, Array(chars[position..<position + t.count]) == t else { return false }
        position += t.count
        return true
    }

    private mutating func sum() throws(ExpressionError) -> ExpressionNode {
        var left = try product()
        while true {
            if accept("+") { left = .binary(.add, left, try product()) }
            else if accept("-") { left = .binary(.subtract, left, try product()) }
            else { return left }
        }
    }

    private mutating func product() throws(ExpressionError) -> ExpressionNode {
        var left = try unary()
        while true {
            skipBlanks()
            if position + 1 < chars.count, chars[position] == "*", chars[position + 1] == "*" { return left }
            if accept("*") { left = .binary(.multiply, left, try unary()) }
            else if accept("/") { left = .binary(.divide, left, try unary()) }
            else { return left }
        }
    }

    private mutating func unary() throws(ExpressionError) -> ExpressionNode {
        if accept("-") { return .negate(try unary()) }
        if accept("+") { return try unary() }
        return try power()
    }

    private mutating func power() throws(ExpressionError) -> ExpressionNode {
        let base = try primary()
        if accept("^") || accept("**") { return .binary(.power, base, try unary()) }
        return base
    }

    private mutating func primary() throws(ExpressionError) -> ExpressionNode {
        skipBlanks()
        guard position < chars.count else { throw error("expected a number, a name or '(' but the expression ends") }
        let c = chars[position]
        if c == "(" {
            let open = position + 1
            position += 1
            let inner = try sum()
            guard accept(")") else { throw error("expected ')' to close the '(' at column \(open)") }
            return inner
        }
        if c.isNumber || c == "." { return .constant(try number()) }
        if c.isLetter || c == "_" {
            let start = position
            while position < chars.count, chars[position].isLetter || chars[position].isNumber || chars[position] == "_" { position += 1 }
            let name = String(chars[start..<position])
            skipBlanks()
            if position < chars.count, chars[position] == "(" {
                guard let function = ExpressionFunction(rawValue: name) else {
                    throw error("unknown function '\(name)'; functions: \(ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", "))", at: start + 1)
                }
                position += 1
                var args: [ExpressionNode] = [try sum()]
                while accept(",") { args.append(try sum()) }
                guard accept(")") else { throw error("expected ',' or ')' in the call of \(name)") }
                guard args.count == function.arity else {
                    throw error("\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(args.count)", at: start + 1)
                }
                return .call(function, args)
            }
            if name == variable { return .variable }
            if let j = parameters.firstIndex(of: name) { return .parameter(j) }
            if ExpressionFunction(rawValue: name) != nil {
                throw error("function \(name) needs its argument in parentheses: \(name)(…)", at: start + 1)
            }
            throw error("unknown name '\(name)'; known: \(([variable] + parameters).joined(separator: ", "))", at: start + 1)
        }
        throw error("unexpected '\(c)'; expected a number, a name or '('")
    }

    /// A decimal constant: digits, optional fraction, optional exponent (1, 0.5, .5, 2e-3, 1.5E+2).
    private mutating func number() throws(ExpressionError) -> Double {
        let start = position
        while position < chars.count, chars[position].isNumber { position += 1 }
        if position < chars.count, chars[position] == "." {
            position += 1
            while position < chars.count, chars[position].isNumber { position += 1 }
        }
        if position < chars.count, chars[position] == "e" || chars[position] == "E" {
            var p = position + 1
            if p < chars.count, chars[p] == "+" || chars[p] == "-" { p += 1 }
            if p < chars.count, chars[p].isNumber {
                position = p
                while position < chars.count, chars[position].isNumber { position += 1 }
            }
        }
        let text = String(chars[start..<position])
        guard let value = Double(text), value.isFinite, text.allSatisfy({ $0.isASCII }) else {
            throw error("'\(text)' is not a number", at: start + 1)
        }
        return value
    }
}
