import Foundation

/// Two-flux Kubelka–Munk theory for homogeneous layers, and Kubelka's layer-adding rule.
///
/// K and S are the K–M absorption and scattering coefficients (cm⁻¹; for tissue K ≈ 2μa,
/// S ≈ 0.75μs′ — after van Gemert & Star 1987). With a = 1 + K/S and b = √(a² − 1),
/// a layer of thickness X has (Kubelka 1948, hyperbolic solution)
///
///     R = sinh(bSX) / (a sinh(bSX) + b cosh(bSX)),   T = b / (a sinh(bSX) + b cosh(bSX)).
///
/// Written with e = exp(−bSX) these become R = (1 − e²)/D, T = 2be/D, D = a(1 − e²) + b(1 + e²),
/// which never overflows and tends to R∞ = a − b = 1 + K/S − √((K/S)² + 2K/S) as X → ∞.
/// A K–M layer is symmetric (same R seen from above and below), so a stack is built bottom-up:
/// a layer (R₁, T₁) over a substrate of reflectance R_g reflects
///
///     R = R₁ + T₁² R_g / (1 − R₁ R_g)        (Kubelka 1954, eq. for two layers).
public enum KubelkaMunk {
    /// Reflectance and transmittance of a layer. S = 0 gives pure absorption (R = 0,
    /// T = e^(−KX)); K = 0 gives the conservative limit R = SX/(1 + SX), T = 1/(1 + SX).
    @inlinable
    public static func layer(K: Double, S: Double, thickness X: Double) -> (R: Double, T: Double) {
        if S <= 0 { return (0, Foundation.exp(-K * X)) }
        if K <= 0 { let sx = S * X; return (sx / (1 + sx), 1 / (1 + sx)) }
        let a = 1 + K / S
        let b = (a * a - 1).squareRoot()
        let e = Foundation.exp(-b * S * X)
        let e2 = e * e
        let d = a * (1 - e2) + b * (1 + e2)
        return ((1 - e2) / d, 2 * b * e / d)
    }

    /// Reflectance of an infinitely thick layer, R∞ = 1 + K/S − √((K/S)² + 2K/S).
    /// Computed as (K/S + 1 − √…) in the stable form 1 / (a + b) (no cancellation when K/S → 0).
    @inlinable
    public static func infiniteReflectance(K: Double, S: Double) -> Double {
        if S <= 0 { return 0 }
        let a = 1 + K / S
        return 1 / (a + (a * a - 1).squareRoot())
    }

    /// Reflectance of layer (R₁, T₁) lying on a substrate of reflectance R_g.
    @inlinable
    public static func reflectance(layerR r1: Double, layerT t1: Double, over rg: Double) -> Double {
        r1 + t1 * t1 * rg / (1 - r1 * rg)
    }

    /// Reflectance and transmittance of two stacked layers, top (R₁, T₁) over bottom (R₂, T₂);
    /// transmittance is T₁T₂/(1 − R₁R₂). Both layers must be K–M (symmetric) layers.
    @inlinable
    public static func stack(top: (R: Double, T: Double), bottom: (R: Double, T: Double)) -> (R: Double, T: Double) {
        let denom = 1 - top.R * bottom.R
        return (top.R + top.T * top.T * bottom.R / denom, top.T * bottom.T / denom)
    }
}

/// Saunderson's correction (J. Opt. Soc. Am. 32:727, 1942) for the refractive-index step at the
/// skin surface: light entering loses k₁ (external Fresnel reflectance at normal incidence,
/// ((n−1)/(n+1))²), and diffuse light inside meets the surface and is reflected back with
/// probability k₂ (internal diffuse reflectance). With the specular component excluded — a
/// 45°/0° or d/8° "SCE" colorimeter, or a photograph without shine — the measured reflectance is
///
///     R_m = (1 − k₁)(1 − k₂) R / (1 − k₂ R).
///
/// k₂ is computed, not guessed: r_e is the external reflectance for diffuse (Lambertian) light,
/// the cosine-weighted hemispherical average of the unpolarised Fresnel reflectance, and the
/// internal diffuse reflectance is k₂ = 1 − (1 − r_e)/n² (energy balance, Judd 1942). For
/// n = 1.4 this gives k₁ = 0.028 and k₂ ≈ 0.53, inside the 0.4–0.6 range used for skin.
public struct Saunderson: Equatable, Sendable {
    public let refractiveIndex: Double
    public let k1: Double
    public let k2: Double

    public init(refractiveIndex n: Double) {
        refractiveIndex = n
        k1 = ((n - 1) / (n + 1)) * ((n - 1) / (n + 1))
        // r_e = ∫₀^{π/2} R_F(θ) 2 sinθ cosθ dθ by the midpoint rule (2000 panels; error < 1e-7).
        let panels = 2000
        var re = 0.0
        for i in 0..<panels {
            let theta = (Double(i) + 0.5) * (Double.pi / 2) / Double(panels)
            re += Saunderson.fresnel(cosIncidence: Foundation.cos(theta), n: n) * Foundation.sin(2 * theta)
        }
        re *= (Double.pi / 2) / Double(panels)
        k2 = 1 - (1 - re) / (n * n)
    }

    /// Unpolarised Fresnel reflectance from a medium of index 1 into index n.
    static func fresnel(cosIncidence ci: Double, n: Double) -> Double {
        let si2 = 1 - ci * ci
        let ct = (1 - si2 / (n * n)).squareRoot()
        let rs = (ci - n * ct) / (ci + n * ct)
        let rp = (n * ci - ct) / (n * ci + ct)
        return 0.5 * (rs * rs + rp * rp)
    }

    /// Measured (specular-excluded) reflectance from the internal K–M reflectance R.
    @inlinable
    public func measured(_ r: Double) -> Double {
        (1 - k1) * (1 - k2) * r / (1 - k2 * r)
    }
}
