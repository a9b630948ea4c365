import Foundation

/// The arithmetic of expression programs in one place, so constant folding, the per-point
/// evaluator and the all-points evaluator compute the same bits.
///
/// Conventions where a function is not differentiable or not defined (tested):
/// - a domain error (sqrt or log of a negative, asin/acos outside [−1, 1], a negative base to a
///   fractional power) gives NaN, and NaN is never hidden: `min`, `max` and powers return NaN
///   when an operand is NaN (C's `fmin(1, NaN)` is 1 and `pow(1, NaN)` is 1). A fit whose
///   values or derivatives are not finite at the start fails with the point named; a step into
///   NaN is rejected like any step that does not lower the residuals.
/// - abs′(0) = 0 (the smallest subgradient); `min`/`max` on a tie take the left argument's
///   derivative.
/// - the chain rule keeps an exactly zero inner derivative zero even where the outer one is
///   infinite (`chain`): sqrt(k·t) at t = 0 is 0 for every k, so its ∂/∂k is 0, not 0·∞ = NaN.
///   A non-zero inner derivative times an infinite outer one (sqrt(t − c) at t = c) stays
///   infinite, and the fit fails there.
enum ExpressionMath {
    static let ln10 = Foundation.log(10.0)

    /// The value of a one-argument function.
    @inline(__always)
    static func value(_ f: ExpressionFunction, _ u: Double) -> Double {
        switch f {
        case .exp: Foundation.exp(u)
        case .log: Foundation.log(u)
        case .log10: Foundation.log10(u)
        case .sqrt: u.squareRoot()
        case .abs: Swift.abs(u)
        case .sin: Foundation.sin(u)
        case .cos: Foundation.cos(u)
        case .tan: Foundation.tan(u)
        case .asin: Foundation.asin(u)
        case .acos: Foundation.acos(u)
        case .atan: Foundation.atan(u)
        case .pow, .min, .max: .nan   // two arguments: not reached
        }
    }

    /// f′(u) for a one-argument function, given r = f(u) (shared work: exp, sqrt, tan).
    @inline(__always)
    static func slope(_ f: ExpressionFunction, _ u: Double, _ r: Double) -> Double {
        switch f {
        case .exp: r
        case .log: 1 / u
        case .log10: 1 / (u * ln10)
        case .sqrt: 0.5 / r
        case .abs: u > 0 ? 1 : (u < 0 ? -1 : 0)
        case .sin: Foundation.cos(u)
        case .cos: -Foundation.sin(u)
        case .tan: 1 + r * r
        // (1 − u)(1 + u) rather than 1 − u², which loses the digits that matter near ±1.
        case .asin: 1 / ((1 - u) * (1 + u)).squareRoot()
        case .acos: -1 / ((1 - u) * (1 + u)).squareRoot()
        case .atan: 1 / (1 + u * u)
        case .pow, .min, .max: .nan
        }
    }

    /// g·d, except that g = 0 stays 0 when d is infinite (see the type's notes).
    @inline(__always)
    static func chain(_ g: Double, _ d: Double) -> Double { g == 0 ? 0 : g * d }

    /// u^e; NaN when either is NaN.
    @inline(__always)
    static func power(_ u: Double, _ e: Double) -> Double { u.isNaN || e.isNaN ? .nan : Foundation.pow(u, e) }

    /// ∂(u^e)/∂u = e·u^(e−1) for a constant e, given r = u^e: e·r/u, and at u = 0 the limit
    /// (0 for e > 1, 1 for e = 1, ∞ for e < 1).
    @inline(__always)
    static func powerBaseSlope(_ u: Double, _ e: Double, _ r: Double) -> Double {
        u != 0 ? e * r / u : (e == 1 ? 1 : e * Foundation.pow(u, e - 1))
    }

    /// ∂(u^e)/∂e = u^e·ln u, given r = u^e; 0 where r = 0 (0^e is 0 for every e > 0).
    @inline(__always)
    static func powerExponentSlope(_ u: Double, _ r: Double) -> Double { r == 0 ? 0 : r * Foundation.log(u) }

    /// Whether min(a, b) takes b: b is smaller, or NaN (a NaN in a is kept as it is).
    @inline(__always)
    static func minTakesRight(_ a: Double, _ b: Double) -> Bool { b < a || b.isNaN }

    @inline(__always)
    static func maxTakesRight(_ a: Double, _ b: Double) -> Bool { b > a || b.isNaN }

    static func minimum(_ a: Double, _ b: Double) -> Double { minTakesRight(a, b) ? b : a }
    static func maximum(_ a: Double, _ b: Double) -> Double { maxTakesRight(a, b) ? b : a }
}
