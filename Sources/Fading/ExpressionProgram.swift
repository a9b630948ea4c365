import Foundation

/// A model expression compiled to a flat postfix program over a stack of dual numbers.
///
/// Each stack slot holds a value and its gradient with respect to all P parameters (forward-mode
/// automatic differentiation): the Jacobian Levenberg–Marquardt needs is exact to rounding, with
/// no step size to choose as finite differences must. A slot also carries whether its gradient
/// is identically zero (constants, the variable and anything built only from them), so the P
/// derivative updates are skipped there: in `f*exp(-k*t)` only the products touching f or k pay
/// for derivatives. Constant subexpressions are folded at compile time.
public struct ExpressionProgram: Sendable {
    enum Op: Sendable, Equatable {
        case constant(Double), variable, parameter(Int)
        case negate, add, subtract, multiply, divide
        /// a^b with b free of parameters: ∂ = b·a^(b−1)·∂a (defined for a < 0 with integral b).
        case powerConstantExponent
        /// a^b with b depending on parameters: ∂ = a^b·(∂b·ln a + b·∂a/a).
        case power
        case exp, log, sqrt, min, max
    }

    let ops: [Op]
    let parameterCount: Int
    let stackDepth: Int

    init(_ node: ExpressionNode, parameterCount: Int) {
        var ops: [Op] = []
        ExpressionProgram.emit(ExpressionProgram.fold(node), into: &ops)
        var depth = 0, maximum = 0
        for op in ops {
            switch op {
            case .constant, .variable, .parameter: depth += 1
            case .negate, .exp, .log, .sqrt: break
            default: depth -= 1
            }
            maximum = Swift.max(maximum, depth)
        }
        self.ops = ops; self.parameterCount = parameterCount; stackDepth = Swift.max(maximum, 1)
    }

    /// Replaces every subtree free of parameters and of the variable by its value.
    static func fold(_ node: ExpressionNode) -> ExpressionNode {
        func constant(_ n: ExpressionNode) -> Double? { if case .constant(let v) = n { return v }; return nil }
        switch node {
        case .constant, .variable, .parameter: return node
        case .negate(let a):
            let a = fold(a)
            return constant(a).map { .constant(-$0) } ?? .negate(a)
        case .binary(let op, let a, let b):
            let a = fold(a), b = fold(b)
            guard let x = constant(a), let y = constant(b) else { return .binary(op, a, b) }
            switch op {
            case .add: return .constant(x + y)
            case .subtract: return .constant(x - y)
            case .multiply: return .constant(x * y)
            case .divide: return .constant(x / y)
            case .power: return .constant(Foundation.pow(x, y))
            }
        case .call(let f, let args):
            let args = args.map(fold)
            let values = args.compactMap(constant)
            guard values.count == args.count else { return .call(f, args) }
            return .constant(apply(f, values))
        }
    }

    static func apply(_ f: ExpressionFunction, _ v: [Double]) -> Double {
        switch f {
        case .exp: Foundation.exp(v[0])
        case .log: Foundation.log(v[0])
        case .sqrt: v[0].squareRoot()
        case .pow: Foundation.pow(v[0], v[1])
        case .min: Swift.min(v[0], v[1])
        case .max: Swift.max(v[0], v[1])
        }
    }

    static func emit(_ node: ExpressionNode, into ops: inout [Op]) {
        switch node {
        case .constant(let v): ops.append(.constant(v))
        case .variable: ops.append(.variable)
        case .parameter(let j): ops.append(.parameter(j))
        case .negate(let a): emit(a, into: &ops); ops.append(.negate)
        case .binary(let op, let a, let b):
            emit(a, into: &ops); emit(b, into: &ops)
            switch op {
            case .add: ops.append(.add)
            case .subtract: ops.append(.subtract)
            case .multiply: ops.append(.multiply)
            case .divide: ops.append(.divide)
            case .power: ops.append(b.dependsOnParameters ? .power : .powerConstantExponent)
            }
        case .call(let f, let args):
            for a in args { emit(a, into: &ops) }
            switch f {
            case .exp: ops.append(.exp)
            case .log: ops.append(.log)
            case .sqrt: ops.append(.sqrt)
            case .pow: ops.append(args[1].dependsOnParameters ? .power : .powerConstantExponent)
            case .min: ops.append(.min)
            case .max: ops.append(.max)
            }
        }
    }

    /// The value at `x` (no derivatives), with a caller-provided stack of `stackDepth` doubles.
    @inline(__always)
    func value(at x: Double, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>) -> Double {
        var top = -1
        for op in ops {
            switch op {
            case .constant(let v): top += 1; stack[top] = v
            case .variable: top += 1; stack[top] = x
            case .parameter(let j): top += 1; stack[top] = θ[j]
            case .negate: stack[top] = -stack[top]
            case .add: top -= 1; stack[top] += stack[top + 1]
            case .subtract: top -= 1; stack[top] -= stack[top + 1]
            case .multiply: top -= 1; stack[top] *= stack[top + 1]
            case .divide: top -= 1; stack[top] /= stack[top + 1]
            case .power, .powerConstantExponent: top -= 1; stack[top] = Foundation.pow(stack[top], stack[top + 1])
            case .exp: stack[top] = Foundation.exp(stack[top])
            case .log: stack[top] = Foundation.log(stack[top])
            case .sqrt: stack[top] = stack[top].squareRoot()
            case .min: top -= 1; stack[top] = Swift.min(stack[top], stack[top + 1])
            case .max: top -= 1; stack[top] = Swift.max(stack[top], stack[top + 1])
            }
        }
        return stack[0]
    }

    /// The value at `x` and its gradient over all P parameters into `gradient`. `stack` holds
    /// `stackDepth × (P + 1)` doubles (slot s: value at s(P+1), ∂/∂θⱼ at s(P+1)+1+j); `live`
    /// holds `stackDepth` flags (the slot's gradient is not identically zero).
    @inline(__always)
    func gradient(at x: Double, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>,
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
            case .variable: top += 1; slot(top)[0] = x; live[top] = false
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
                let r = Foundation.pow(u, e)
                a[0] = r
                if live[top] {
                    let d = u != 0 ? e * r / u : (e == 1 ? 1 : e * Foundation.pow(u, e - 1))
                    for k in 1..<width { a[k] *= d }
                }
            case .power:
                top -= 1
                let a = slot(top), b = slot(top + 1), u = a[0], e = b[0]
                let r = Foundation.pow(u, e), lu = Foundation.log(u)
                a[0] = r
                let du = live[top] ? r * e / u : 0
                materialise(top)
                for k in 1..<width { a[k] = du * a[k] + r * lu * b[k] }
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
                if live[top] { let d = 0.5 / r; for k in 1..<width { a[k] *= d } }
            case .min, .max:
                top -= 1
                let a = slot(top), b = slot(top + 1)
                // The derivative of the branch taken (the left one on ties).
                let takeRight = op == .min ? b[0] < a[0] : b[0] > a[0]
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
