/// A hand-written parser for plain decimal numbers in byte buffers (CSV fields), giving the same
/// `Double` as `Double(String)` without creating a `String` per field.
///
/// Grammar (the whole field must match; surrounding blanks are the caller's business):
///
///     [+|-] digits [. [digits]] [(e|E) [+|-] digits]      e.g. 12, -0.5, 5., +3, 1e-5
///     [+|-] . digits            [(e|E) [+|-] digits]      e.g. .5, -.25e2
///
/// Refused: empty fields, `nan`, `inf`/`infinity`, hexadecimal (`0x1p3`), digit separators, a
/// lone sign or point, an exponent without digits. Numbers too large for a `Double` (e.g. `1e400`)
/// parse to ±infinity in `scan` and are refused by `parse`; too small ones round to ±0 as
/// `Double(String)` does.
///
/// Exactness: up to 19 significant digits are accumulated in a `UInt64`. When that mantissa m is
/// exact (no non-zero digit dropped), m ≤ 2⁵³ and the decimal exponent e satisfies |e| ≤ 22,
/// m and 10^|e| are both exact doubles, so one IEEE multiplication or division gives the
/// correctly rounded result (Clinger 1990's fast path): the same bits as `Double(String)`.
/// Anything else (more than 19 significant digits, m > 2⁵³, |e| > 22, e.g. 17-digit round-trip
/// output or 1e-30) falls back to `Double(Substring)` on the field: correct, slower, and it
/// allocates, but typical measured data (≤ 15 significant digits) never takes it.
public enum DecimalParser {
    /// Exact powers of ten 10⁰ … 10²².
    @usableFromInline static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses the longest number at `start` (not reading at or past `end`).
    /// Returns the value (±infinity on overflow) and the index just after the number, or nil if
    /// no number starts at `start`. The caller checks what follows (a separator, end of field).
    @inlinable
    public static func scan(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (value: Double, next: Int)? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if p[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var inexact = false
        var digits = 0
        // Digits, with at most one point among them. Up to 19 significant digits go into the
        // mantissa (each one after the point moves the exponent down); past that an integer
        // digit moves the exponent up, and a dropped non-zero digit makes the mantissa inexact.
        var afterPoint = false
        while i < end {
            let d = p[i] &- UInt8(ascii: "0")
            if d >= 10 {
                guard !afterPoint && p[i] == UInt8(ascii: ".") else { break }
                afterPoint = true
                i += 1
                continue
            }
            digits += 1
            if significant < 19 {
                if mantissa != 0 || d != 0 { mantissa = mantissa &* 10 &+ UInt64(d); significant += 1 }
                if afterPoint { exponent -= 1 }
            } else {
                if !afterPoint { exponent += 1 }
                if d != 0 { inexact = true }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Exponent: only consumed when at least one digit follows.
        if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
            var j = i + 1
            var expNegative = false
            if j < end && (p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+")) { expNegative = p[j] == UInt8(ascii: "-"); j += 1 }
            var expValue = 0
            var expDigits = 0
            while j < end {
                let d = p[j] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if expValue < 100_000 { expValue = expValue * 10 + Int(d) }  // saturates: 1e100000 is already ∞
                expDigits += 1
                j += 1
            }
            if expDigits > 0 {
                exponent += expNegative ? -expValue : expValue
                i = j
            }
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
        if !inexact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            v = exponent >= 0 ? v * powersOfTen[exponent] : v / powersOfTen[-exponent]
            return (negative ? -v : v, i)
        }
        return (slowPath(p, from: start, to: i), i)
    }

    /// Correctly rounded fallback through the standard library (allocates a short string).
    @usableFromInline
    static func slowPath(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double {
        let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
        // The grammar above is a subset of what Double(String) accepts, so this cannot fail.
        return Double(text) ?? .nan
    }

    /// Parses a whole buffer as one finite number; nil if it does not match the grammar or
    /// overflows to infinity.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress,
              let (value, next) = scan(base, from: 0, to: bytes.count),
              next == bytes.count, value.isFinite else { return nil }
        return value
    }

    /// Parses a string as one finite number (convenience for tests and small inputs).
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
