import Foundation

/// A model expression compiled to a flat postfix program over a stack of dual numbers.
///
/// Each stack slot holds a value and its gradient with respect to all P parameters (forward-mode
/// automatic differentiation): the Jacobian Levenberg–Marquardt needs is exact to rounding, with
/// no step size to choose as finite differences must. A slot also carries whether its gradient
/// is identically zero (constants, the variables and anything built only from them), so the P
/// derivative updates are skipped there: in `f*exp(-k*t)` only the products touching f or k pay
/// for derivatives. The parser emits the program directly, folding constant subexpressions as
/// it goes (`ProgramBuilder`): there is no expression tree, so no routine recurses over one.
public struct ExpressionProgram: Sendable {
    enum Op: Sendable, Equatable {
        /// Pushes a constant, independent variable k (its value at the point) or parameter j.
        case constant(Double), variable(Int), parameter(Int)
        case negate, add, subtract, multiply, divide
        /// a^b with b free of parameters: ∂ = b·a^(b−1)·∂a (defined for a < 0 with integral b).
        case powerConstantExponent
        /// a^b with b depending on parameters: ∂ = a^b·(∂b·ln a + b·∂a/a).
        case power
        /// The one-argument functions of the fade models, with their own tuned loops.
        case exp, log, sqrt
        /// The other one-argument functions: value and slope from `ExpressionMath`.
        case function(ExpressionFunction)
        case min, max
    }

    let ops: [Op]
    let parameterCount: Int
    let variableCount: Int
    let stackDepth: Int

    init(ops: [Op], parameterCount: Int, variableCount: Int) {
        var depth = 0, maximum = 0
        for op in ops {
            switch op {
            case .constant, .variable, .parameter: depth += 1
            case .negate, .exp, .log, .sqrt, .function: break
            default: depth -= 1
            }
            maximum = Swift.max(maximum, depth)
        }
        self.ops = ops; self.parameterCount = parameterCount; self.variableCount = variableCount
        stackDepth = Swift.max(maximum, 1)
    }

    /// Parses and compiles `text` over the named variables and parameters (index order).
    static func compile(_ text: String, variables: [String], parameters: [String]) throws(ExpressionError) -> ExpressionProgram {
        try ExpressionParser.compile(text, variables: variables, parameters: parameters)
    }

    /// The parameters (indices) that occur in the program.
    var usedParameters: Set<Int> {
        Set(ops.compactMap { if case .parameter(let j) = $0 { j } else { nil } })
    }

    /// The value at the point `x` (variable k at `x[k]`; no derivatives), with a
    /// caller-provided stack of `stackDepth` doubles.
    @inline(__always)
    func value(at x: UnsafePointer<Double>, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>) -> Double {
        var top = -1
        for op in ops {
            switch op {
            case .constant(let v): top += 1; stack[top] = v
            case .variable(let k): top += 1; stack[top] = x[k]
            case .parameter(let j): top += 1; stack[top] = θ[j]
            case .negate: stack[top] = -stack[top]
            case .add: top -= 1; stack[top] += stack[top + 1]
            case .subtract: top -= 1; stack[top] -= stack[top + 1]
            case .multiply: top -= 1; stack[top] *= stack[top + 1]
            case .divide: top -= 1; stack[top] /= stack[top + 1]
            case .power, .powerConstantExponent: top -= 1; stack[top] = ExpressionMath.power(stack[top], stack[top + 1])
            case .exp: stack[top] = Foundation.exp(stack[top])
            case .log: stack[top] = Foundation.log(stack[top])
            case .sqrt: stack[top] = stack[top].squareRoot()
            case .function(let f): stack[top] = ExpressionMath.value(f, stack[top])
            case .min: top -= 1; stack[top] = ExpressionMath.minimum(stack[top], stack[top + 1])
            case .max: top -= 1; stack[top] = ExpressionMath.maximum(stack[top], stack[top + 1])
            }
        }
        return stack[0]
    }

    /// The value at the point `x` and its gradient over all P parameters into `gradient`.
    /// `stack` holds `stackDepth × (P + 1)` doubles (slot s: value at s(P+1), ∂/∂θⱼ at
    /// s(P+1)+1+j); `live` holds `stackDepth` flags (the slot's gradient is not identically zero).
    @inline(__always)
    func gradient(at x: UnsafePointer<Double>, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>,
                  live: UnsafeMutablePointer<Bool>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let p = parameterCount, width = p + 1
        var top = -1
        @inline(__always) func slot(_ s: Int) -> UnsafeMutablePointer<Double> { stack + s * width }
        /// Makes slot s's gradient explicit zeros so it can be combined with a live one.
        @inline(__always) func materialise(_ s: Int) {
            if !live[s] { (slot(s) + 1).update(repeating: 0, count: p); live[s] = true }
        }
        for op in ops {
            switch op {
            case .constant(let v): top += 1; slot(top)[0] = v; live[top] = false
            case .variable(let k): top += 1; slot(top)[0] = x[k]; live[top] = false
            case .parameter(let j):
                top += 1
                let s = slot(top)
                s[0] = θ[j]; (s + 1).update(repeating: 0, count: p); s[1 + j] = 1; live[top] = true
            case .negate:
                let a = slot(top)
                a[0] = -a[0]
                if live[top] { for k in 1..<width { a[k] = -a[k] } }
            case .add, .subtract:
                top -= 1
                let a = slot(top), b = slot(top + 1)
                let sign = op == .add ? 1.0 : -1.0
                a[0] += sign * b[0]
                if live[top + 1] { materialise(top); for k in 1..<width { a[k] += sign * b[k] } }
            case .multiply:
                top -= 1
                let a = slot(top), b = slot(top + 1), u = a[0], v = b[0]
                a[0] = u * v
                switch (live[top], live[top + 1]) {
                case (false, false): break
                case (true, false): for k in 1..<width { a[k] *= v }
                case (false, true): for k in 1..<width { a[k] = u * b[k] }; live[top] = true
                case (true, true): for k in 1..<width { a[k] = a[k] * v + u * b[k] }
                }
            case .divide:
                top -= 1
                let a = slot(top), b = slot(top + 1), v = b[0], q = a[0] / v
                a[0] = q
                // ∂(u/v) = (∂u − q ∂v)/v
                if live[top + 1] { materialise(top); for k in 1..<width { a[k] = (a[k] - q * b[k]) / v } }
                else if live[top] { for k in 1..<width { a[k] /= v } }
            case .powerConstantExponent:
                top -= 1
                let a = slot(top), e = slot(top + 1)[0], u = a[0]
                let r = ExpressionMath.power(u, e)
                a[0] = r
                if live[top] {
                    let d = ExpressionMath.powerBaseSlope(u, e, r)
                    for k in 1..<width { a[k] = ExpressionMath.chain(a[k], d) }
                }
            case .power:
                top -= 1
                let a = slot(top), b = slot(top + 1), u = a[0], e = b[0]
                let r = ExpressionMath.power(u, e)
                a[0] = r
                let du = live[top] ? ExpressionMath.powerBaseSlope(u, e, r) : 0, de = ExpressionMath.powerExponentSlope(u, r)
                materialise(top)
                for k in 1..<width { a[k] = ExpressionMath.chain(a[k], du) + ExpressionMath.chain(b[k], de) }
            case .exp:
                let a = slot(top), r = Foundation.exp(a[0])
                a[0] = r
                if live[top] { for k in 1..<width { a[k] *= r } }
            case .log:
                let a = slot(top), u = a[0]
                a[0] = Foundation.log(u)
                if live[top] { for k in 1..<width { a[k] /= u } }
            case .sqrt:
                let a = slot(top), r = a[0].squareRoot()
                a[0] = r
                if live[top] { let d = 0.5 / r; for k in 1..<width { a[k] = ExpressionMath.chain(a[k], d) } }
            case .function(let f):
                let a = slot(top), u = a[0], r = ExpressionMath.value(f, u)
                a[0] = r
                if live[top] { let d = ExpressionMath.slope(f, u, r); for k in 1..<width { a[k] = ExpressionMath.chain(a[k], d) } }
            case .min, .max:
                top -= 1
                let a = slot(top), b = slot(top + 1)
                // The derivative of the branch taken (the left one on ties).
                let takeRight = op == .min ? ExpressionMath.minTakesRight(a[0], b[0]) : ExpressionMath.maxTakesRight(a[0], b[0])
                if takeRight {
                    a[0] = b[0]
                    if live[top + 1] { (a + 1).update(from: b + 1, count: p); live[top] = true } else { live[top] = false }
                }
            }
        }
        if live[0] { gradient.update(from: stack + 1, count: p) } else { gradient.update(repeating: 0, count: p) }
        return stack[0]
    }
}
