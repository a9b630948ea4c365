import Foundation

/// Fixed-point decimal output (`%.Nf`) into a byte buffer, without `String(format:)`.
///
/// The result is the same text `String(format: "%.Nf", x)` prints: the exact binary value of
/// x is rounded to N decimals, ties to even, and a negative x (including −0 and values that
/// round to zero) keeps its minus sign. How: p = x·10ᴺ rounded, and its exact rounding error
/// e = fma(x, 10ᴺ, −p) (10ᴺ is exact for N ≤ 22). While |p| < 2⁵², p and every half-integer
/// are multiples of ulp(p) and |e| ≤ ulp(p)/2, so the exact product x·10ᴺ = p + e can only
/// round differently from p when p lies exactly on a half-integer, and then the sign of e decides.
/// Values with |x|·10ᴺ ≥ 2⁵² (x ≥ 4.5e9 at 6 decimals), NaN and infinities fall back to
/// `String(format:)`.
public enum FixedDecimal {
    /// Largest number of bytes `write` produces on its fast path (sign, 16 digits, point).
    public static let maxFastLength = 20

    /// Writes x with `decimals` places (0…15) at `out`; returns the number of bytes written.
    /// `out` must have room for `maxLength(of:decimals:)` bytes.
    @inlinable
    public static func write(_ x: Double, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(decimals >= 0 && decimals <= 15, "FixedDecimal: decimals must be 0…15")
        let scale = DecimalParser.powersOfTen[decimals]
        let p = x * scale
        guard p.isFinite, abs(p) < 4_503_599_627_370_496 else { return writeSlow(x, decimals: decimals, to: out) }
        let error = (-p).addingProduct(x, scale)  // fma(x, scale, −p): exact
        var r = p.rounded(.toNearestOrEven)
        let diff = p - r  // exact
        if diff == 0.5 && error > 0 { r += 1 } else if diff == -0.5 && error < 0 { r -= 1 }
        var n = 0
        if x.sign == .minus { out[0] = UInt8(ascii: "-"); n = 1 }
        var v = UInt64(abs(r))
        // Digits right to left into a small scratch area, then copied in order.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 16 digits + point
        let count = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
            let buf = raw.bindMemory(to: UInt8.self)
            var k = 0
            for _ in 0..<decimals {
                buf[23 - k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
                k += 1
            }
            if decimals > 0 { buf[23 - k] = UInt8(ascii: "."); k += 1 }
            repeat {
                buf[23 - k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
                k += 1
            } while v > 0
            (out + n).update(from: buf.baseAddress! + 24 - k, count: k)
            return k
        }
        return n + count
    }

    /// Room `write` may need for x: `maxFastLength` on the fast path, more for huge values.
    @inlinable
    public static func maxLength(of x: Double, decimals: Int) -> Int {
        let scaled = abs(x) * DecimalParser.powersOfTen[min(max(decimals, 0), 15)]
        if scaled.isFinite && scaled < 4_503_599_627_370_496 { return maxFastLength }
        return 330 + decimals
    }

    @usableFromInline
    static func writeSlow(_ x: Double, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let text = String(format: "%.\(decimals)f", x)
        var n = 0
        for byte in text.utf8 { out[n] = byte; n += 1 }
        return n
    }

    /// `x` with `decimals` places as a String (for reports and tests).
    public static func string(_ x: Double, decimals: Int) -> String {
        let capacity = maxLength(of: x, decimals: decimals)
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            write(x, decimals: decimals, to: buffer.baseAddress!)
        }
    }
}
