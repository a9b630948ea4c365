/// The functions a model expression may call, with their arity.
public enum ExpressionFunction: String, CaseIterable, Sendable {
    case exp, log, log10, sqrt, abs, sin, cos, tan, asin, acos, atan, pow, min, max

    var arity: Int {
        switch self {
        case .pow, .min, .max: 2
        default: 1
        }
    }
}

/// Named constants an expression may use (reserved: no parameter or variable may take these names).
enum ExpressionConstant {
    static let values: [String: Double] = ["pi": Double.pi, "e": 2.718281828459045]
}

/// Why an expression could not be parsed; `column` is 1-based in the expression text.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public var description: String { "column \(column): \(message)" }
}

/// Bounds on what one expression may ask of the parser and the evaluator. A model file is a
/// few lines written by hand (NIST's longest formulas, Hahn1's and Thurber's, are 58 characters;
/// the deepest nest 3 parentheses), so each bound is far above real use and far below what would
/// exhaust the stack, memory or a fit's time: a hostile file gets a one-line error, not a crash.
public enum ExpressionLimits {
    /// Characters in the expression (a 1 MiB file could otherwise hold a 10⁶-term sum).
    public static let maximumLength = 10_000
    /// Parentheses, function calls, unary signs and exponents, each one level: the parser
    /// recurses once per level, so this bounds its stack use (measured 180–300 bytes a level,
    /// about 30 KiB at the limit) far inside the smallest thread stack it may run on (512 KiB).
    public static let maximumNesting = 100
    /// Instructions of the compiled program (after constant folding): each is paid for every
    /// point and parameter at every iteration of a fit.
    public static let maximumInstructions = 4_096
    /// Independent variables (each a CSV column).
    public static let maximumVariables = 32
}

/// Recursive-descent parser for model expressions that compiles as it parses: each rule emits
/// its postfix instructions into a `ProgramBuilder` (which folds constants), so no expression
/// tree is ever built and nothing downstream recurses over one. The parser's own recursion is
/// bounded by `ExpressionLimits.maximumNesting`; sums and products of any length are loops.
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
/// Names resolve to a variable, a parameter or a constant (`pi`, `e`) while parsing, so an
/// unknown name is reported at its column with the names that are known.
struct ExpressionParser {
    private let chars: [Character]
    private var position = 0
    private var nesting = 0
    private let variables: [String]
    private let parameters: [String]
    private var builder: ProgramBuilder

    private init(_ chars: [Character], variables: [String], parameters: [String]) {
        self.chars = chars; self.variables = variables; self.parameters = parameters
        builder = ProgramBuilder(parameterCount: parameters.count)
    }

    /// Parses and compiles `text`; `variables` and `parameters` give the names in index order.
    static func compile(_ text: String, variables: [String], parameters: [String]) throws(ExpressionError) -> ExpressionProgram {
        let chars = Array(text)
        guard chars.count <= ExpressionLimits.maximumLength else {
            throw ExpressionError(column: ExpressionLimits.maximumLength + 1,
                                  message: "the expression is \(chars.count) characters long; at most \(ExpressionLimits.maximumLength) are allowed")
        }
        var parser = ExpressionParser(chars, variables: variables, parameters: parameters)
        parser.skipBlanks()
        guard parser.position < chars.count else { throw ExpressionError(column: 1, message: "empty expression") }
        try parser.sum()
        parser.skipBlanks()
        if parser.position < chars.count {
            throw parser.error("unexpected '\(chars[parser.position])' after a complete expression")
        }
        return parser.builder.program(variableCount: variables.count)
    }

    private func error(_ message: String, at column: Int? = nil) -> ExpressionError {
        ExpressionError(column: column ?? position + 1, message: message)
    }

    private mutating func skipBlanks() {
        while position < chars.count, chars[position] == " " || chars[position] == "\t" || chars[position] == "\n" || chars[position] == "\r" {
            position += 1
        }
    }

    /// Consumes the one- or two-character `token` (after blanks) if it is next; returns its column.
    private mutating func accept(_ token: String) -> Int? {
        skipBlanks()
        let t = Array(token)
        guard position + t.count <= chars.count, chars[position..<position + t.count].elementsEqual(t) else { return nil }
        position += t.count
        return position - t.count + 1
    }

    private mutating func sum() throws(ExpressionError) {
        try product()
        while true {
            if let c = accept("+") { try product(); try builder.binary(.add, column: c) }
            else if let c = accept("-") { try product(); try builder.binary(.subtract, column: c) }
            else { return }
        }
    }

    private mutating func product() throws(ExpressionError) {
        try unary()
        while true {
            skipBlanks()
            if position + 1 < chars.count, chars[position] == "*", chars[position + 1] == "*" { return }
            if let c = accept("*") { try unary(); try builder.binary(.multiply, column: c) }
            else if let c = accept("/") { try unary(); try builder.binary(.divide, column: c) }
            else { return }
        }
    }

    /// Every path that nests (a sign, an exponent, a parenthesis, a call's arguments) passes
    /// through here, so this is where the depth is counted.
    private mutating func unary() throws(ExpressionError) {
        skipBlanks()
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= ExpressionLimits.maximumNesting else {
            throw error("the expression nests deeper than \(ExpressionLimits.maximumNesting) levels (each parenthesis, function call, sign and exponent is a level)")
        }
        if let c = accept("-") { try unary(); try builder.negate(column: c); return }
        if accept("+") != nil { try unary(); return }
        try power()
    }

    private mutating func power() throws(ExpressionError) {
        try primary()
        if let c = accept("^") ?? accept("**") { try unary(); try builder.binary(.power, column: c) }
    }

    private mutating func primary() throws(ExpressionError) {
        skipBlanks()
        guard position < chars.count else { throw error("expected a number, a name or '(' but the expression ends") }
        let c = chars[position]
        let column = position + 1
        if c == "(" {
            position += 1
            try sum()
            guard accept(")") != nil else { throw error("expected ')' to close the '(' at column \(column)") }
            return
        }
        if c.isNumber || c == "." { try builder.constant(try number(), column: column); return }
        guard c.isLetter || c == "_" else { throw error("unexpected '\(c)'; expected a number, a name or '('") }
        while position < chars.count, chars[position].isLetter || chars[position].isNumber || chars[position] == "_" { position += 1 }
        let name = String(chars[(column - 1)..<position])
        skipBlanks()
        if position < chars.count, chars[position] == "(" {
            guard let function = ExpressionFunction(rawValue: name) else {
                throw error("unknown function '\(name)'; functions: \(ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", "))", at: column)
            }
            position += 1
            var count = 1
            try sum()
            while accept(",") != nil { try sum(); count += 1 }
            guard accept(")") != nil else { throw error("expected ',' or ')' in the call of \(name)") }
            guard count == function.arity else {
                throw error("\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(count)", at: column)
            }
            try builder.call(function, column: column)
            return
        }
        if let k = variables.firstIndex(of: name) { try builder.leaf(.variable(k), column: column); return }
        if let j = parameters.firstIndex(of: name) { try builder.leaf(.parameter(j), column: column); return }
        if let value = ExpressionConstant.values[name] { try builder.constant(value, column: column); return }
        if ExpressionFunction(rawValue: name) != nil {
            throw error("function \(name) needs its argument in parentheses: \(name)(…)", at: column)
        }
        throw error("unknown name '\(name)'; known: \((variables + parameters + ["pi", "e"]).joined(separator: ", "))", at: column)
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
