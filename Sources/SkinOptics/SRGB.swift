import Foundation

/// sRGB (IEC 61966-2-1:1999): the XYZ↔linear-RGB matrix of the standard and its piecewise
/// transfer function (linear segment below 0.0031308, 1/2.4 power above).
public enum SRGB {
    /// XYZ (Y = 1 scale) → linear RGB, the 4-digit matrix printed in IEC 61966-2-1.
    static let toLinear: [[Double]] = [
        [3.2406, -1.5372, -0.4986],
        [-0.9689, 1.8758, 0.0415],
        [0.0557, -0.2040, 1.0570],
    ]
    /// Exact inverse of `toLinear`, so encode → decode round-trips up to 8-bit quantisation
    /// (the standard's own 4-digit inverse differs from it in the 4th digit).
    static let fromLinear: [[Double]] = invert3(toLinear)

    /// Gamma-encodes a linear component (0…1).
    @inlinable public static func encodeComponent(_ v: Double) -> Double {
        v <= 0.0031308 ? 12.92 * v : 1.055 * Foundation.pow(v, 1 / 2.4) - 0.055
    }

    /// Decodes a gamma-encoded component (0…1) to linear.
    @inlinable public static func decodeComponent(_ v: Double) -> Double {
        v <= 0.04045 ? v / 12.92 : Foundation.pow((v + 0.055) / 1.055, 2.4)
    }

    /// XYZ (Y = 100 scale) → linear sRGB components, unclipped (white → 1).
    public static func linear(_ c: XYZ) -> (r: Double, g: Double, b: Double) {
        let v = [c.X / 100, c.Y / 100, c.Z / 100]
        func row(_ k: Int) -> Double { toLinear[k][0] * v[0] + toLinear[k][1] * v[1] + toLinear[k][2] * v[2] }
        return (row(0), row(1), row(2))
    }

    /// XYZ (Y = 100 scale) → 8-bit sRGB. Linear components outside [0, 1] are clipped to the
    /// gamut boundary and reported with `clipped = true` (tolerance 1e-9 for rounding).
    public static func encode(_ c: XYZ) -> (rgb: RGB8, clipped: Bool) {
        let l = linear(c)
        var clipped = false
        func code(_ component: Double) -> UInt8 {
            if component < -1e-9 || component > 1 + 1e-9 { clipped = true }
            return UInt8((encodeComponent(min(max(component, 0), 1)) * 255).rounded())
        }
        return (RGB8(r: code(l.r), g: code(l.g), b: code(l.b)), clipped)
    }

    /// 8-bit sRGB → XYZ (Y = 100 scale).
    public static func decode(_ c: RGB8) -> XYZ {
        let lin = [c.r, c.g, c.b].map { decodeComponent(Double($0) / 255) }
        func row(_ r: Int) -> Double { 100 * (fromLinear[r][0] * lin[0] + fromLinear[r][1] * lin[1] + fromLinear[r][2] * lin[2]) }
        return XYZ(X: row(0), Y: row(1), Z: row(2))
    }

    static func invert3(_ m: [[Double]]) -> [[Double]] {
        let a = m[0][0], b = m[0][1], c = m[0][2]
        let d = m[1][0], e = m[1][1], f = m[1][2]
        let g = m[2][0], h = m[2][1], i = m[2][2]
        let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
        return [
            [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
            [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
            [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
        ]
    }
}
