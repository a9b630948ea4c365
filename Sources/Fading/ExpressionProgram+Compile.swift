/// Collects the postfix instructions the parser emits, folding constant subexpressions as they
/// close: each operand on the builder's stack remembers where its instructions start, whether it
/// is a constant (then its value) and whether any parameter occurs in it, so folding and the
/// choice of power instruction need no tree. Everything here is a loop over flat arrays:
/// nothing recurses, whatever the expression's length.
struct ProgramBuilder {
    enum BinaryOperator { case add, subtract, multiply, divide, power }

    private struct Operand {
        var start: Int
        var constant: Double?
        var usesParameters: Bool
    }

    private var ops: [ExpressionProgram.Op] = []
    private var operands: [Operand] = []
    let parameterCount: Int

    init(parameterCount: Int) { self.parameterCount = parameterCount }

    mutating func leaf(_ op: ExpressionProgram.Op, column: Int) throws(ExpressionError) {
        var isParameter = false
        if case .parameter = op { isParameter = true }
        operands.append(Operand(start: ops.count, constant: nil, usesParameters: isParameter))
        try append(op, column: column)
    }

    mutating func constant(_ value: Double, column: Int) throws(ExpressionError) {
        operands.append(Operand(start: ops.count, constant: value, usesParameters: false))
        try append(.constant(value), column: column)
    }

    mutating func negate(column: Int) throws(ExpressionError) {
        try apply(arity: 1, .negate, column: column) { -$0[0] }
    }

    mutating func binary(_ op: BinaryOperator, column: Int) throws(ExpressionError) {
        switch op {
        case .add: try apply(arity: 2, .add, column: column) { $0[0] + $0[1] }
        case .subtract: try apply(arity: 2, .subtract, column: column) { $0[0] - $0[1] }
        case .multiply: try apply(arity: 2, .multiply, column: column) { $0[0] * $0[1] }
        case .divide: try apply(arity: 2, .divide, column: column) { $0[0] / $0[1] }
        case .power: try power(column: column)
        }
    }

    mutating func call(_ f: ExpressionFunction, column: Int) throws(ExpressionError) {
        switch f {
        case .pow: try power(column: column)
        case .min: try apply(arity: 2, .min, column: column) { ExpressionMath.minimum($0[0], $0[1]) }
        case .max: try apply(arity: 2, .max, column: column) { ExpressionMath.maximum($0[0], $0[1]) }
        case .exp: try apply(arity: 1, .exp, column: column) { ExpressionMath.value(.exp, $0[0]) }
        case .log: try apply(arity: 1, .log, column: column) { ExpressionMath.value(.log, $0[0]) }
        case .sqrt: try apply(arity: 1, .sqrt, column: column) { ExpressionMath.value(.sqrt, $0[0]) }
        default: try apply(arity: 1, .function(f), column: column) { ExpressionMath.value(f, $0[0]) }
        }
    }

    /// a^b: the exponent's derivative is needed only when a parameter occurs in it.
    private mutating func power(column: Int) throws(ExpressionError) {
        let op: ExpressionProgram.Op = operands[operands.count - 1].usesParameters ? .power : .powerConstantExponent
        try apply(arity: 2, op, column: column) { ExpressionMath.power($0[0], $0[1]) }
    }

    /// Pops `arity` operands and pushes their combination: a constant when they all are (their
    /// instructions are replaced by one), else `op` appended after theirs.
    private mutating func apply(arity: Int, _ op: ExpressionProgram.Op, column: Int, _ fold: ([Double]) -> Double) throws(ExpressionError) {
        let args = Array(operands.suffix(arity))
        operands.removeLast(arity)
        let start = args[0].start
        let constants = args.compactMap(\.constant)
        if constants.count == arity {
            let value = fold(constants)
            guard value.isFinite else {
                let described = value.isNaN ? "NaN (an argument outside its function's domain)" : "\(value)"
                throw ExpressionError(column: column, message: "this constant part of the expression evaluates to \(described)")
            }
            ops.removeSubrange(start...)
            operands.append(Operand(start: start, constant: value, usesParameters: false))
            try append(.constant(value), column: column)
            return
        }
        operands.append(Operand(start: start, constant: nil, usesParameters: args.contains { $0.usesParameters }))
        try append(op, column: column)
    }

    private mutating func append(_ op: ExpressionProgram.Op, column: Int) throws(ExpressionError) {
        guard ops.count < ExpressionLimits.maximumInstructions else {
            throw ExpressionError(column: column, message: "the expression compiles to more than \(ExpressionLimits.maximumInstructions) instructions; shorten it")
        }
        ops.append(op)
    }

    /// The finished program; the parser calls this only after a complete expression.
    func program(variableCount: Int) -> ExpressionProgram {
        precondition(operands.count == 1, "an incomplete expression was compiled")
        return ExpressionProgram(ops: ops, parameterCount: parameterCount, variableCount: variableCount)
    }
}
