import Foundation

extension ExpressionProgram {
    /// Doubles of stack `evaluate(inputs:…)` needs for `n` points (with or without derivatives):
    /// one slot more than the program's depth, the scratch of the one-argument functions.
    func batchStackSize(points n: Int, derivatives: Bool) -> Int { (stackDepth + 1) * n * (derivatives ? parameterCount + 1 : 1) }

    /// Values (and, with `jacobian`, the n × P column-major Jacobian) at all n points at once,
    /// variable k of point i at `inputs[k·n + i]`:
    /// each instruction runs over every point before the next (ops outer, points inner), so the
    /// dispatch is paid once per instruction rather than once per point, and the inner loops
    /// are plain arithmetic over contiguous arrays.
    ///
    /// Slot s holds n values, then P rows of n derivatives; `rows[s]` is the set (bit k for
    /// parameter k) of derivative rows that are not identically zero, and only those rows are
    /// stored or touched: in `f*exp(-kFast*t)` the product updates two rows, not all P. Rows
    /// outside the set hold garbage. The arithmetic on the rows kept is the same as
    /// `gradient(at:…)`'s, in the same order, so results agree with it (tested).
    func evaluate(inputs x: UnsafePointer<Double>, count n: Int, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>,
                  rows: UnsafeMutablePointer<UInt64>, values: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>?) {
        let p = parameterCount, wantGradient = jacobian != nil
        guard n > 0 else { return }
        let slotSize = n * (wantGradient ? p + 1 : 1)
        @inline(__always) func v(_ s: Int) -> UnsafeMutablePointer<Double> { stack + s * slotSize }
        @inline(__always) func row(_ s: Int, _ k: Int) -> UnsafeMutablePointer<Double> { stack + s * slotSize + (1 + k) * n }
        /// Calls `body(k)` for every parameter k in `mask`.
        @inline(__always) func each(_ mask: UInt64, _ body: (Int) -> Void) {
            var m = mask
            while m != 0 { body(m.trailingZeroBitCount); m &= m &- 1 }
        }
        var top = -1
        for op in ops {
            switch op {
            case .constant(let c):
                top += 1; v(top).update(repeating: c, count: n); rows[top] = 0
            case .variable(let k):
                top += 1; v(top).update(from: x + k * n, count: n); rows[top] = 0
            case .parameter(let j):
                top += 1; v(top).update(repeating: θ[j], count: n); rows[top] = 0
                if wantGradient { row(top, j).update(repeating: 1, count: n); rows[top] = 1 << UInt64(j) }
            case .negate:
                let a = v(top)
                for i in 0..<n { a[i] = -a[i] }
                each(rows[top]) { k in let g = row(top, k); for i in 0..<n { g[i] = -g[i] } }
            case .add, .subtract:
                top -= 1
                let a = v(top), b = v(top + 1), sign = op == .add ? 1.0 : -1.0
                for i in 0..<n { a[i] += sign * b[i] }
                let ma = rows[top], mb = rows[top + 1]
                each(mb & ma) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] += sign * h[i] } }
                each(mb & ~ma) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] = 0 + sign * h[i] } }
                rows[top] = ma | mb
            case .multiply:
                top -= 1
                let a = v(top), b = v(top + 1), ma = rows[top], mb = rows[top + 1]
                each(ma & ~mb) { k in let g = row(top, k); for i in 0..<n { g[i] *= b[i] } }
                each(mb & ~ma) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] = a[i] * h[i] } }
                each(ma & mb) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] = g[i] * b[i] + a[i] * h[i] } }
                for i in 0..<n { a[i] *= b[i] }
                rows[top] = ma | mb
            case .divide:
                top -= 1
                let a = v(top), b = v(top + 1), ma = rows[top], mb = rows[top + 1]
                for i in 0..<n { a[i] /= b[i] }
                // ∂(u/v) = (∂u − q ∂v)/v
                each(ma & ~mb) { k in let g = row(top, k); for i in 0..<n { g[i] /= b[i] } }
                each(mb & ~ma) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] = (0 - a[i] * h[i]) / b[i] } }
                each(ma & mb) { k in let g = row(top, k), h = row(top + 1, k); for i in 0..<n { g[i] = (g[i] - a[i] * h[i]) / b[i] } }
                rows[top] = ma | mb
            case .powerConstantExponent:
                top -= 1
                let a = v(top), b = v(top + 1), ma = rows[top]
                for i in 0..<n {
                    let u = a[i], e = b[i], r = ExpressionMath.power(u, e)
                    a[i] = r
                    // b[i] becomes the derivative factor (slot top + 1 is dead after this op).
                    b[i] = ExpressionMath.powerBaseSlope(u, e, r)
                }
                each(ma) { k in let g = row(top, k); for i in 0..<n { g[i] = ExpressionMath.chain(g[i], b[i]) } }
            case .power:
                top -= 1
                let a = v(top), b = v(top + 1), ma = rows[top], mb = rows[top + 1]
                for i in 0..<n {
                    let u = a[i], e = b[i], r = ExpressionMath.power(u, e)
                    a[i] = r
                    let du = ma != 0 ? ExpressionMath.powerBaseSlope(u, e, r) : 0, de = ExpressionMath.powerExponentSlope(u, r)
                    each(ma & ~mb) { k in row(top, k)[i] = ExpressionMath.chain(row(top, k)[i], du) + 0 }
                    each(mb & ~ma) { k in row(top, k)[i] = 0 + ExpressionMath.chain(row(top + 1, k)[i], de) }
                    each(ma & mb) { k in row(top, k)[i] = ExpressionMath.chain(row(top, k)[i], du) + ExpressionMath.chain(row(top + 1, k)[i], de) }
                }
                rows[top] = ma | mb
            case .exp:
                let a = v(top)
                for i in 0..<n { a[i] = Foundation.exp(a[i]) }
                each(rows[top]) { k in let g = row(top, k); for i in 0..<n { g[i] *= a[i] } }
            case .log:
                let a = v(top)
                each(rows[top]) { k in let g = row(top, k); for i in 0..<n { g[i] /= a[i] } }
                for i in 0..<n { a[i] = Foundation.log(a[i]) }
            case .sqrt:
                let a = v(top)
                for i in 0..<n { a[i] = a[i].squareRoot() }
                each(rows[top]) { k in let g = row(top, k); for i in 0..<n { g[i] = ExpressionMath.chain(g[i], 0.5 / a[i]) } }
            case .function(let f):
                // Slot top + 1 (one past the program's depth at most) holds the slopes.
                let a = v(top), d = v(top + 1), live = rows[top] != 0
                for i in 0..<n {
                    let u = a[i], r = ExpressionMath.value(f, u)
                    a[i] = r
                    if live { d[i] = ExpressionMath.slope(f, u, r) }
                }
                each(rows[top]) { k in let g = row(top, k); for i in 0..<n { g[i] = ExpressionMath.chain(g[i], d[i]) } }
            case .min, .max:
                top -= 1
                let a = v(top), b = v(top + 1), ma = rows[top], mb = rows[top + 1]
                each(mb & ~ma) { k in row(top, k).update(repeating: 0, count: n) }
                for i in 0..<n {
                    // The derivative of the branch taken (the left one on ties).
                    let takeRight = op == .min ? ExpressionMath.minTakesRight(a[i], b[i]) : ExpressionMath.maxTakesRight(a[i], b[i])
                    guard takeRight else { continue }
                    a[i] = b[i]
                    each(mb) { k in row(top, k)[i] = row(top + 1, k)[i] }
                    each(ma & ~mb) { k in row(top, k)[i] = 0 }
                }
                rows[top] = ma | mb
            }
        }
        values.update(from: v(0), count: n)
        if let jacobian {
            for k in 0..<p {
                let dst = jacobian + k * n
                if rows[0] & (1 << UInt64(k)) != 0 { dst.update(from: row(0, k), count: n) } else { dst.update(repeating: 0, count: n) }
            }
        }
    }
}
