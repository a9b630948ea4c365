import Foundation

extension ExpressionProgram {
    /// Doubles of stack `evaluate(days:…)` needs for `n` points (with or without derivatives).
    func batchStackSize(points n: Int, derivatives: Bool) -> Int { stackDepth * n * (derivatives ? parameterCount + 1 : 1) }

    /// Values (and, with `jacobian`, the n × P column-major Jacobian) at all `days` at once:
    /// each instruction runs over every point before the next (ops outer, points inner), so the
    /// dispatch is paid once per instruction rather than once per point, and the inner loops
    /// are plain arithmetic over contiguous arrays. Slot s holds n values, then P rows of n
    /// derivatives; `live` marks slots whose derivatives are not identically zero. The
    /// arithmetic per point is the same as `gradient(at:…)`'s, in the same order.
    func evaluate(days: UnsafeBufferPointer<Double>, parameters θ: UnsafePointer<Double>, stack: UnsafeMutablePointer<Double>,
                  live: UnsafeMutablePointer<Bool>, values: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>?) {
        let n = days.count, p = parameterCount, wantGradient = jacobian != nil
        guard n > 0 else { return }
        let slotSize = n * (wantGradient ? p + 1 : 1)
        @inline(__always) func v(_ s: Int) -> UnsafeMutablePointer<Double> { stack + s * slotSize }
        @inline(__always) func g(_ s: Int) -> UnsafeMutablePointer<Double> { stack + s * slotSize + n }
        @inline(__always) func materialise(_ s: Int) {
            if !live[s] { g(s).update(repeating: 0, count: n * p); live[s] = true }
        }
        let x = days.baseAddress!
        var top = -1
        for op in ops {
            switch op {
            case .constant(let c):
                top += 1; v(top).update(repeating: c, count: n); live[top] = false
            case .variable:
                top += 1; v(top).update(from: x, count: n); live[top] = false
            case .parameter(let j):
                top += 1; v(top).update(repeating: θ[j], count: n); live[top] = false
                if wantGradient { materialise(top); (g(top) + j * n).update(repeating: 1, count: n) }
            case .negate:
                let a = v(top)
                for i in 0..<n { a[i] = -a[i] }
                if live[top] { let ga = g(top); for i in 0..<(n * p) { ga[i] = -ga[i] } }
            case .add, .subtract:
                top -= 1
                let a = v(top), b = v(top + 1), sign = op == .add ? 1.0 : -1.0
                for i in 0..<n { a[i] += sign * b[i] }
                if live[top + 1] {
                    materialise(top)
                    let ga = g(top), gb = g(top + 1)
                    for i in 0..<(n * p) { ga[i] += sign * gb[i] }
                }
            case .multiply:
                top -= 1
                let a = v(top), b = v(top + 1), ga = g(top), gb = g(top + 1)
                switch (live[top], live[top + 1]) {
                case (false, false): break
                case (true, false): for k in 0..<p { let gk = ga + k * n; for i in 0..<n { gk[i] *= b[i] } }
                case (false, true):
                    for k in 0..<p { let gk = ga + k * n, hk = gb + k * n; for i in 0..<n { gk[i] = a[i] * hk[i] } }
                    live[top] = true
                case (true, true):
                    for k in 0..<p { let gk = ga + k * n, hk = gb + k * n; for i in 0..<n { gk[i] = gk[i] * b[i] + a[i] * hk[i] } }
                }
                for i in 0..<n { a[i] *= b[i] }
            case .divide:
                top -= 1
                let a = v(top), b = v(top + 1)
                for i in 0..<n { a[i] /= b[i] }
                if live[top + 1] {
                    materialise(top)
                    let ga = g(top), gb = g(top + 1)
                    for k in 0..<p { let gk = ga + k * n, hk = gb + k * n; for i in 0..<n { gk[i] = (gk[i] - a[i] * hk[i]) / b[i] } }
                } else if live[top] {
                    let ga = g(top)
                    for k in 0..<p { let gk = ga + k * n; for i in 0..<n { gk[i] /= b[i] } }
                }
            case .powerConstantExponent:
                top -= 1
                let a = v(top), b = v(top + 1), ga = g(top), la = live[top]
                for i in 0..<n {
                    let u = a[i], e = b[i], r = Foundation.pow(u, e)
                    a[i] = r
                    if la {
                        let d = u != 0 ? e * r / u : (e == 1 ? 1 : e * Foundation.pow(u, e - 1))
                        for k in 0..<p { ga[k * n + i] *= d }
                    }
                }
            case .power:
                top -= 1
                let la = live[top], lb = live[top + 1]
                let a = v(top), b = v(top + 1), ga = g(top), gb = g(top + 1)
                guard wantGradient else {
                    for i in 0..<n { a[i] = Foundation.pow(a[i], b[i]) }
                    continue
                }
                materialise(top)
                for i in 0..<n {
                    let u = a[i], e = b[i], r = Foundation.pow(u, e), lu = Foundation.log(u)
                    a[i] = r
                    let du = la ? r * e / u : 0
                    for k in 0..<p { ga[k * n + i] = du * ga[k * n + i] + (lb ? r * lu * gb[k * n + i] : 0) }
                }
            case .exp:
                let a = v(top), ga = g(top), la = live[top]
                for i in 0..<n {
                    let r = Foundation.exp(a[i])
                    a[i] = r
                    if la { for k in 0..<p { ga[k * n + i] *= r } }
                }
            case .log:
                let a = v(top), ga = g(top), la = live[top]
                for i in 0..<n {
                    let u = a[i]
                    a[i] = Foundation.log(u)
                    if la { for k in 0..<p { ga[k * n + i] /= u } }
                }
            case .sqrt:
                let a = v(top), ga = g(top), la = live[top]
                for i in 0..<n {
                    let r = a[i].squareRoot()
                    a[i] = r
                    if la { let d = 0.5 / r; for k in 0..<p { ga[k * n + i] *= d } }
                }
            case .min, .max:
                top -= 1
                let lb = live[top + 1]
                if lb { materialise(top) }
                let a = v(top), b = v(top + 1), ga = g(top), gb = g(top + 1), la = live[top]
                for i in 0..<n {
                    // The derivative of the branch taken (the left one on ties).
                    let takeRight = op == .min ? b[i] < a[i] : b[i] > a[i]
                    guard takeRight else { continue }
                    a[i] = b[i]
                    if lb { for k in 0..<p { ga[k * n + i] = gb[k * n + i] } } else if la { for k in 0..<p { ga[k * n + i] = 0 } }
                }
            }
        }
        values.update(from: v(0), count: n)
        if let jacobian {
            if live[0] { jacobian.update(from: g(0), count: n * p) } else { jacobian.update(repeating: 0, count: n * p) }
        }
    }
}
