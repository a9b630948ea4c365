import Foundation

/// Spectrum → XYZ → CIELAB under CIE D65 with the CIE 1931 2° observer.
///
/// XYZ is the 5 nm sum X = k Σ R(λ) S(λ) x̄(λ) (CIE 015:2018 eq. 7.1 with Δλ folded into k) with
/// k = 100 / Σ S(λ) ȳ(λ), so a perfect reflecting diffuser has Y = 100 exactly. The white point
/// used for CIELAB is that same sum with R = 1, so the diffuser maps to L* = 100, a* = b* = 0.
/// (At 5 nm it is X_n ≈ 95.04, Z_n ≈ 108.88, within 0.01 of the 1 nm values 95.047 / 108.883.)
public struct Colorimetry: Sendable {
    /// Per-wavelength weights k·S·x̄, k·S·ȳ, k·S·z̄: XYZ is a dot product with the reflectance.
    public let weightX: [Double]
    public let weightY: [Double]
    public let weightZ: [Double]
    /// The white point (perfect diffuser under D65).
    public let white: XYZ

    /// The standard instance built from the embedded CIE tables.
    public static let standard = Colorimetry(tables: .embedded)

    public init(tables: CIETables) {
        let n = WavelengthGrid.count
        var norm = 0.0
        for i in 0..<n { norm += tables.d65[i] * tables.yBar[i] }
        let k = 100 / norm
        weightX = (0..<n).map { k * tables.d65[$0] * tables.xBar[$0] }
        weightY = (0..<n).map { k * tables.d65[$0] * tables.yBar[$0] }
        weightZ = (0..<n).map { k * tables.d65[$0] * tables.zBar[$0] }
        white = XYZ(X: weightX.reduce(0, +), Y: weightY.reduce(0, +), Z: weightZ.reduce(0, +))
    }

    /// Tristimulus values of a reflectance spectrum (0…1) under D65.
    public func xyz(of reflectance: Spectrum) -> XYZ {
        reflectance.values.withUnsafeBufferPointer { xyz(reflectance: $0) }
    }

    /// Allocation-free version over a raw buffer of 81 reflectances.
    @inlinable
    public func xyz(reflectance r: UnsafeBufferPointer<Double>) -> XYZ {
        var x = 0.0, y = 0.0, z = 0.0
        weightX.withUnsafeBufferPointer { wx in
            weightY.withUnsafeBufferPointer { wy in
                weightZ.withUnsafeBufferPointer { wz in
                    for i in 0..<WavelengthGrid.count {
                        x += wx[i] * r[i]; y += wy[i] * r[i]; z += wz[i] * r[i]
                    }
                }
            }
        }
        return XYZ(X: x, Y: y, Z: z)
    }

    /// CIELAB of a reflectance spectrum under D65.
    public func lab(of reflectance: Spectrum) -> Lab { lab(xyz(of: reflectance)) }

    /// XYZ → CIELAB relative to this instance's white (CIE 015:2018 eq. 8.1–8.3, exact ε, κ).
    @inlinable
    public func lab(_ c: XYZ) -> Lab {
        let fx = labF(c.X / white.X), fy = labF(c.Y / white.Y), fz = labF(c.Z / white.Z)
        return Lab(L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// CIELAB → XYZ (inverse of `lab(_:)`).
    public func xyz(_ c: Lab) -> XYZ {
        let fy = (c.L + 16) / 116
        let fx = fy + c.a / 500
        let fz = fy - c.b / 200
        return XYZ(X: white.X * labFInverse(fx), Y: white.Y * labFInverse(fy), Z: white.Z * labFInverse(fz))
    }

    /// CIE ε = (6/29)³ and κ = (29/3)³ as exact rationals.
    @usableFromInline static let epsilon = 216.0 / 24389.0
    @usableFromInline static let kappa = 24389.0 / 27.0

    @inlinable func labF(_ t: Double) -> Double {
        t > Colorimetry.epsilon ? Foundation.cbrt(t) : (Colorimetry.kappa * t + 16) / 116
    }

    func labFInverse(_ f: Double) -> Double {
        let f3 = f * f * f
        return f3 > Colorimetry.epsilon ? f3 : (116 * f - 16) / Colorimetry.kappa
    }

    // MARK: Static conveniences on the standard instance

    /// CIELAB of a reflectance spectrum under D65 with the embedded CIE tables.
    public static func lab(of reflectance: Spectrum) -> Lab { standard.lab(of: reflectance) }
    /// XYZ → CIELAB (D65 white of the embedded tables).
    public static func lab(_ c: XYZ) -> Lab { standard.lab(c) }
    /// CIELAB → XYZ.
    public static func xyz(_ c: Lab) -> XYZ { standard.xyz(c) }
    /// CIELAB → 8-bit sRGB; `clipped` tells whether the colour was outside the sRGB gamut.
    public static func srgb(_ c: Lab) -> (rgb: RGB8, clipped: Bool) { SRGB.encode(standard.xyz(c)) }
    /// 8-bit sRGB → CIELAB.
    public static func lab(_ c: RGB8) -> Lab { standard.lab(SRGB.decode(c)) }
}
