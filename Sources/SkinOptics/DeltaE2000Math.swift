import Foundation

/// Cheap elementary functions for the CIEDE2000 kernel, each with the error bound it needs.
@usableFromInline
enum DeltaE2000Math {
    /// atan2 in degrees (libm; measured fast enough that a polynomial replacement, which would
    /// need an abs. error ≤ 2e-9 rad to keep ΔE00 within 1e-6, was not worth its proof).
    @inlinable @inline(__always)
    static func atan2Degrees(_ y: Double, _ x: Double) -> Double {
        Foundation.atan2(y, x) * (180 / Double.pi)
    }

    /// e^(−x) for x ≥ 0 (libm).
    @inlinable @inline(__always)
    static func expNegative(_ x: Double) -> Double { Foundation.exp(-x) }

    /// sin(x) for x ∈ [0, π/3]: Taylor series to x¹⁵; the first omitted term x¹⁷/17! is
    /// below 1.7e-14 there.
    @inlinable @inline(__always)
    static func sinSmall(_ x: Double) -> Double {
        let x2 = x * x
        var p = -1.0 / 1307674368000          // −1/15!
        p = p * x2 + 1.0 / 6227020800          // 1/13!
        p = p * x2 - 1.0 / 39916800            // −1/11!
        p = p * x2 + 1.0 / 362880              // 1/9!
        p = p * x2 - 1.0 / 5040                // −1/7!
        p = p * x2 + 1.0 / 120                 // 1/5!
        p = p * x2 - 1.0 / 6                   // −1/3!
        return x + x * x2 * p
    }
}
