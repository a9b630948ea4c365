import Foundation

extension AddingDoubling {
    /// Legendre polynomials and the Gauss / Radau rules built on them.
    enum Legendre {
        /// P_n(x) and P_{n−1}(x) by the three-term recurrence.
        static func p(_ n: Int, _ x: Double) -> (pn: Double, pn1: Double) {
            if n == 0 { return (1, 0) }
            var p0 = 1.0, p1 = x
            if n == 1 { return (p1, p0) }
            for k in 2...n {
                let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                p0 = p1; p1 = p2
            }
            return (p1, p0)
        }

        /// P′_n(x) for |x| < 1.
        static func dp(_ n: Int, _ x: Double) -> Double {
            let (pn, pn1) = p(n, x)
            return Double(n) * (x * pn - pn1) / (x * x - 1)
        }

        /// Roots of P_n on (−1, 1), ascending, by Newton from Chebyshev-like guesses.
        static func roots(_ n: Int) -> [Double] {
            (0..<n).map { i in
                var x = -Foundation.cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
                for _ in 0..<100 {
                    let dx = p(n, x).pn / dp(n, x)
                    x -= dx
                    if abs(dx) < 1e-16 { break }
                }
                return x
            }
        }

        /// Gauss–Legendre rule on [a, b], ascending nodes (exact to degree 2n − 1).
        static func gauss(_ n: Int, from a: Double, to b: Double) -> (nodes: [Double], weights: [Double]) {
            let x = roots(n)
            let w = x.map { 2 / ((1 - $0 * $0) * dp(n, $0) * dp(n, $0)) }
            return (x.map { 0.5 * (b - a) * $0 + 0.5 * (a + b) }, w.map { 0.5 * (b - a) * $0 })
        }

        /// Radau rule on [a, b] that includes the upper end b (exact to degree 2n − 2), ascending.
        /// On [−1, 1] with the fixed node at −1, the free nodes are the roots of
        /// (P_{n−1} + P_n)/(1 + x), bracketed by the roots of P_n; the rule is then mirrored so
        /// that the fixed node lands on b.
        static func radau(_ n: Int, from a: Double, to b: Double) -> (nodes: [Double], weights: [Double]) {
            if n == 1 { return ([b], [b - a]) }
            let f = { (x: Double) -> Double in let (pn, pn1) = p(n, x); return pn + pn1 }
            let brackets = roots(n)
            var x = [-1.0], w = [2 / Double(n * n)]
            for i in 0..<(n - 1) {
                var lo = brackets[i], hi = brackets[i + 1]
                let flo = f(lo)
                for _ in 0..<200 {
                    let mid = 0.5 * (lo + hi)
                    if (f(mid) < 0) == (flo < 0) { lo = mid } else { hi = mid }
                    if hi - lo < 1e-16 { break }
                }
                let r = 0.5 * (lo + hi)
                let d = dp(n - 1, r)
                x.append(r); w.append(1 / ((1 - r) * d * d))
            }
            // x → −x maps the fixed node −1 to +1; then scale to [a, b]; ascending order.
            let nodes = x.map { 0.5 * (b - a) * (-$0) + 0.5 * (a + b) }
            let weights = w.map { 0.5 * (b - a) * $0 }
            let order = nodes.indices.sorted { nodes[$0] < nodes[$1] }
            return (order.map { nodes[$0] }, order.map { weights[$0] })
        }
    }

    /// One homogeneous slab in the units of the transport: single-scattering albedo a, optical
    /// thickness b (`.infinity` for a half-space) and Henyey–Greenstein anisotropy g.
    public struct Slab: Equatable, Sendable {
        public var albedo: Double, opticalThickness: Double, g: Double
        public init(albedo: Double, opticalThickness: Double, g: Double) {
            self.albedo = albedo; self.opticalThickness = opticalThickness; self.g = g
        }

        /// From tissue coefficients: μa, μs′ (cm⁻¹), g and thickness (cm); μs = μs′/(1 − g).
        public init(muA: Double, muSPrime: Double, g: Double, thickness: Double) {
            let muS = muSPrime / (1 - g), muT = muA + muS
            self.init(albedo: muT > 0 ? muS / muT : 0, opticalThickness: muT * thickness, g: g)
        }
    }

    /// The redistribution matrices h(ν_i, ν_j) (same hemisphere) and h(ν_i, −ν_j) of the
    /// δ-M truncated Henyey–Greenstein phase function: h = Σ_{k<n} (2k+1) χ_k P_k(ν_i) P_k(±ν_j),
    /// χ_k = (g^k − g^n)/(1 − g^n), normalised so that ½∫h dν′ = 1.
    static func redistribution(g: Double, _ q: Quadrature) -> (same: Matrix, opposite: Matrix) {
        let n = q.count
        var hp = Matrix(n: n, values: [Double](repeating: 1, count: n * n)), hm = hp
        guard g != 0 else { return (hp, hm) }
        let gn = Foundation.pow(g, Double(n))
        let pk = q.nu.map { x in (0..<n).map { Legendre.p($0, x).pn } }
        for k in 1..<n {
            let chi = Double(2 * k + 1) * (Foundation.pow(g, Double(k)) - gn) / (1 - gn)
            let sign = k % 2 == 0 ? 1.0 : -1.0
            for i in 0..<n {
                for j in 0..<n {
                    let t = chi * pk[i][k] * pk[j][k]
                    hp[i, j] += t; hm[i, j] += sign * t
                }
            }
        }
        return (hp, hm)
    }

    /// The operators of a homogeneous slab on the directions `q`.
    public static func slab(_ s: Slab, _ q: Quadrature) -> Operators {
        let n = q.count
        // δ-M: the forward fraction g^n of scattering becomes unscattered.
        let f = s.albedo * Foundation.pow(s.g, Double(n))
        let a = f < 1 ? (s.albedo - f) / (1 - f) : 0
        let b = (1 - f) * s.opticalThickness
        if b <= 0 { return Operators(symmetric: .zero(n), .identity(n)) }
        let h = redistribution(g: s.g, q)
        // Starting thickness: halve until below the smallest ν (Prahl, after Wiscombe), so the
        // thin-layer error is of the same order as the angular one.
        let nuMin = q.nu[0]
        var d: Double, doublings = 0
        if b.isInfinite {
            d = nuMin / 2
        } else {
            d = b
            while d > nuMin { d /= 2; doublings += 1 }
        }
        var layer = d < 1e-4 || d < 0.09 * nuMin ? infinitesimalGenerator(a: a, d: d, h, q) : diamond(a: a, d: d, h, q)
        if b.isInfinite {
            // Double until the reflection stops changing: the half-space limit.
            for _ in 0..<200 {
                let next = double(layer)
                let change = zip(next.reflection.values, layer.reflection.values).reduce(0) { max($0, abs($1.0 - $1.1)) }
                layer = next
                if change < 1e-13 { break }
            }
            return layer
        }
        for _ in 0..<doublings { layer = double(layer) }
        return layer
    }

    /// Two copies of a symmetric slab on top of each other.
    static func double(_ l: Operators) -> Operators {
        let n = l.reflection.n
        let s = (Matrix.identity(n) - l.reflection * l.reflection).solve(l.transmission)
        let r = l.reflection + l.transmission * (l.reflection * s)
        return Operators(symmetric: r, l.transmission * s)
    }

    /// Infinitesimal-generator start (first order in d): single scattering in a layer so thin
    /// that the radiance is constant across it.
    static func infinitesimalGenerator(a: Double, d: Double, _ h: (same: Matrix, opposite: Matrix), _ q: Quadrature) -> Operators {
        let n = q.count
        var r = Matrix.zero(n), t = Matrix.zero(n)
        for i in 0..<n {
            for j in 0..<n {
                let s = a * d * q.weight[j] / (2 * q.nu[i])
                r[i, j] = s * h.opposite[i, j]
                t[i, j] = s * h.same[i, j] + (i == j ? 1 - d / q.nu[i] : 0)
            }
        }
        return fluxForm(r, t, q)
    }

    /// Diamond start (second order in d): the transport equation integrated across the thin
    /// layer with each radiance replaced by the mean of its top and bottom values. With
    /// X = N + d/2 − A, Y = N − d/2 + A (N = diag ν, A = (ad/4) h⁺W, B = (ad/4) h⁻W) the
    /// layer satisfies [X −B; −B X][t; r] = [Y; B], which separates into
    /// (X − B)(t + r) = Y + B and (X + B)(t − r) = Y − B.
    static func diamond(a: Double, d: Double, _ h: (same: Matrix, opposite: Matrix), _ q: Quadrature) -> Operators {
        let n = q.count
        var x = Matrix.zero(n), y = Matrix.zero(n), bm = Matrix.zero(n)
        for i in 0..<n {
            for j in 0..<n {
                let s = a * d / 4 * q.weight[j]
                let diag = i == j ? 1.0 : 0
                x[i, j] = diag * (q.nu[i] + d / 2) - s * h.same[i, j]
                y[i, j] = diag * (q.nu[i] - d / 2) + s * h.same[i, j]
                bm[i, j] = s * h.opposite[i, j]
            }
        }
        let sum = (x - bm).solve(y + bm), difference = (x + bm).solve(y - bm)
        let t = Matrix(n: n, values: zip(sum.values, difference.values).map { 0.5 * ($0 + $1) })
        let r = Matrix(n: n, values: zip(sum.values, difference.values).map { 0.5 * ($0 - $1) })
        return fluxForm(r, t, q)
    }

    /// Radiance operators (L_out = r L_in) to flux operators: ρ = C r C⁻¹, C = diag(2νw).
    static func fluxForm(_ r: Matrix, _ t: Matrix, _ q: Quadrature) -> Operators {
        let inv = q.c.map { 1 / $0 }
        return Operators(symmetric: r.scaled(rows: q.c, columns: inv), t.scaled(rows: q.c, columns: inv))
    }
}
