import Foundation

/// δ-scaled two-stream radiative transfer for thin, forward-scattering tissue layers, with a
/// collimated (normally incident) beam carried separately from the diffuse light.
///
/// **Why not Kubelka–Munk.** Two-flux K–M treats all light as diffuse from the first
/// micrometre. Skin scatters strongly forward (g ≈ 0.8–0.9), so a collimated beam crossing a
/// layer thinner than a transport mean free path (1/μs′ ≈ 0.3–0.5 mm) is barely turned back;
/// K–M returns several times too much backscatter from such layers — exactly the 0.1–0.3 mm of
/// epidermis and papillary dermis over SMP pigment.
///
/// **Method.** Each homogeneous layer is first δ-scaled (Joseph, Wiscombe & Weinman 1976,
/// J. Atmos. Sci. 33:2452): the forward peak f = g² of the phase function is treated as
/// unscattered, so μs* = μs(1 − f) = μs′(1 + g), g* = g/(1 + g), leaving the transport
/// coefficient μs*(1 − g*) = μs′ unchanged. The two-stream equations for the upward and
/// downward diffuse fluxes with a collimated source (Meador & Weaver 1980, J. Atmos. Sci.
/// 37:630; Toon et al. 1989, J. Geophys. Res. 94:16287)
///
///     dF↑/dτ = γ₁F↑ − γ₂F↓ − γ₃ω e^(−τ/μ₀),   dF↓/dτ = γ₂F↑ − γ₁F↓ + γ₄ω e^(−τ/μ₀)
///
/// are solved in closed form per layer with the Eddington coefficients (δ-Eddington):
/// γ₁ = (7 − ω(4 + 3g))/4, γ₂ = −(1 − ω(4 − 3g))/4, γ₃ = (2 − 3gμ₀)/4, γ₄ = 1 − γ₃. The
/// practical improved flux method (PIFM, Zdunkowski, Welch & Korb 1980, Beitr. Phys. Atmos.
/// 53:147) is available for comparison; against the Monte Carlo of the tests Eddington was the
/// closer of the two for every skin-like stack (PIFM overestimates thin-slab backscatter and
/// underestimates what a dark epidermis returns), so it is the default. Layers are then combined
/// with the adding method (van de Hulst 1980), which is exact for the two-stream fluxes.
///
/// Everything is per unit incident flux at normal incidence (μ₀ = 1 inside the tissue; normal
/// incidence is not refracted). All lengths are in cm, coefficients in cm⁻¹.
public enum TwoStream {
    /// Which closed-form two-stream coefficients to use.
    public enum Coefficients: Sendable {
        case pifm, eddington
    }

    /// The coefficient set used by the skin model (see the type's documentation).
    public static let defaultCoefficients = Coefficients.eddington

    /// Optical response of a homogeneous layer (or a stack) to normal collimated light from
    /// above and to diffuse light from above or below.
    public struct Layer: Equatable, Sendable {
        /// Diffuse reflectance for collimated incidence from above.
        public var collimatedReflectance: Double
        /// Diffuse (scattered) transmittance for collimated incidence from above.
        public var collimatedDiffuseTransmittance: Double
        /// Unscattered transmittance of the collimated beam, e^(−τ*).
        public var directTransmittance: Double
        /// Diffuse reflectance for diffuse light from above and from below.
        public var diffuseReflectanceTop: Double
        public var diffuseReflectanceBottom: Double
        /// Diffuse transmittance for diffuse light (the same both ways, by reciprocity).
        public var diffuseTransmittance: Double

        @inlinable
        public init(collimatedReflectance: Double, collimatedDiffuseTransmittance: Double, directTransmittance: Double,
                    diffuseReflectanceTop: Double, diffuseReflectanceBottom: Double, diffuseTransmittance: Double) {
            self.collimatedReflectance = collimatedReflectance
            self.collimatedDiffuseTransmittance = collimatedDiffuseTransmittance
            self.directTransmittance = directTransmittance
            self.diffuseReflectanceTop = diffuseReflectanceTop
            self.diffuseReflectanceBottom = diffuseReflectanceBottom
            self.diffuseTransmittance = diffuseTransmittance
        }

        /// Total transmittance of the collimated beam (scattered + unscattered).
        public var collimatedTotalTransmittance: Double { collimatedDiffuseTransmittance + directTransmittance }
    }

    /// δ-scaled single-scattering albedo ω*, optical thickness rate σ* = μa + μs* (cm⁻¹) and
    /// asymmetry g* from μa, μs′ and g.
    @inlinable static func scaled(muA: Double, muSPrime: Double, g: Double) -> (omega: Double, sigma: Double, g: Double) {
        let muSStar = muSPrime * (1 + g)
        let sigma = muA + muSStar
        return (sigma > 0 ? muSStar / sigma : 0, sigma, g / (1 + g))
    }

    /// The γ coefficients for normal incidence (μ₀ = 1). γ₁ − γ₂ = 2(1 − ω) for both sets,
    /// returned separately so k = √((γ₁ − γ₂)(γ₁ + γ₂)) is computed without cancellation.
    @inlinable static func gammas(omega w: Double, g: Double, _ c: Coefficients) -> (g1: Double, g2: Double, g3: Double, diff: Double) {
        let g3 = (2 - 3 * g) / 4
        switch c {
        case .pifm: return ((8 - w * (5 + 3 * g)) / 4, 3 * w * (1 - g) / 4, g3, 2 * (1 - w))
        case .eddington: return ((7 - w * (4 + 3 * g)) / 4, -(1 - w * (4 - 3 * g)) / 4, g3, 2 * (1 - w))
        }
    }

    /// What a layer and a half-space share: the δ-scaled extinction σ* (cm⁻¹), the diffuse
    /// eigenvalue k (per unit optical depth) and semi-infinite reflectance ρ = γ₂/(γ₁ + k), and
    /// the particular solution (A, B) of the collimated source at μ₀ = u.
    @inlinable
    static func modes(muA: Double, muSPrime: Double, g: Double, _ coefficients: Coefficients)
        -> (sigma: Double, k: Double, rho: Double, a: Double, b: Double, u: Double) {
        let s = scaled(muA: muA, muSPrime: muSPrime, g: g)
        let (g1, g2, g3, diff) = gammas(omega: s.omega, g: s.g, coefficients)
        let g4 = 1 - g3
        // k > 0 whenever there is any absorption; a floor keeps the conservative limit finite.
        let k = max((diff * (g1 + g2)).squareRoot(), 1e-9)
        let rho = g2 / (g1 + k)
        // Particular solution for the collimated source; k = μ₀⁻¹ = 1 is a removable
        // singularity, avoided by nudging μ₀ (Toon et al. 1989).
        var u = 1.0
        if abs(k * k - u * u) < 1e-6 { u *= 1 + 1e-4 }
        let inv = s.omega / (k * k - u * u)
        return (s.sigma, k, rho, inv * (g3 * (g1 - u) + g2 * g4), inv * (g4 * (g1 + u) + g2 * g3), u)
    }

    /// A homogeneous layer of thickness `thickness` (cm) with absorption μa, reduced scattering
    /// μs′ (cm⁻¹) and anisotropy g.
    @inlinable
    public static func layer(muA: Double, muSPrime: Double, g: Double, thickness: Double,
                             coefficients: Coefficients = defaultCoefficients) -> Layer {
        let (sigma, k, rho, a, b, u) = modes(muA: muA, muSPrime: muSPrime, g: g, coefficients)
        let tau = sigma * thickness
        let e = Foundation.exp(-k * tau), e2 = e * e
        let den = 1 / (1 - rho * rho * e2)
        let r = rho * (1 - e2) * den
        let t = (1 - rho * rho) * e * den
        let direct = Foundation.exp(-u * tau)
        return Layer(collimatedReflectance: a - r * b - t * a * direct,
                     collimatedDiffuseTransmittance: b * direct - t * b - r * a * direct,
                     directTransmittance: direct,
                     diffuseReflectanceTop: r, diffuseReflectanceBottom: r, diffuseTransmittance: t)
    }

    /// A semi-infinite homogeneous layer: (collimated reflectance, diffuse reflectance).
    @inlinable
    public static func halfSpace(muA: Double, muSPrime: Double, g: Double,
                                 coefficients: Coefficients = defaultCoefficients) -> (collimated: Double, diffuse: Double) {
        let (_, _, rho, a, b, _) = modes(muA: muA, muSPrime: muSPrime, g: g, coefficients)
        return (a - rho * b, rho)
    }

    /// `top` laid over `bottom` (adding method): every quantity of the two-layer stack.
    @inlinable
    public static func stack(_ top: Layer, over bottom: Layer) -> Layer {
        let den = 1 / (1 - top.diffuseReflectanceBottom * bottom.diffuseReflectanceTop)
        let td1 = top.diffuseTransmittance, td2 = bottom.diffuseTransmittance
        // Downward diffuse flux at the interface, then the upward one.
        let down = (top.collimatedDiffuseTransmittance
                    + top.diffuseReflectanceBottom * top.directTransmittance * bottom.collimatedReflectance) * den
        let up = bottom.diffuseReflectanceTop * down + top.directTransmittance * bottom.collimatedReflectance
        return Layer(collimatedReflectance: top.collimatedReflectance + td1 * up,
                     collimatedDiffuseTransmittance: td2 * down + top.directTransmittance * bottom.collimatedDiffuseTransmittance,
                     directTransmittance: top.directTransmittance * bottom.directTransmittance,
                     diffuseReflectanceTop: top.diffuseReflectanceTop + td1 * td1 * bottom.diffuseReflectanceTop * den,
                     diffuseReflectanceBottom: bottom.diffuseReflectanceBottom + td2 * td2 * top.diffuseReflectanceBottom * den,
                     diffuseTransmittance: td1 * td2 * den)
    }

    /// Reflectances (collimated, diffuse) of a homogeneous layer lying on a substrate whose
    /// reflectances are (collimated, diffuse): the bottom-up step of the skin model, which
    /// needs no transmittances below the current layer.
    @inlinable
    public static func reflectance(of layer: Layer, over substrate: (collimated: Double, diffuse: Double)) -> (collimated: Double, diffuse: Double) {
        let r1 = layer.diffuseReflectanceTop, t1 = layer.diffuseTransmittance, e1 = layer.directTransmittance
        let den = 1 / (1 - r1 * substrate.diffuse)
        let down = (layer.collimatedDiffuseTransmittance + r1 * e1 * substrate.collimated) * den
        let up = substrate.diffuse * down + e1 * substrate.collimated
        return (layer.collimatedReflectance + t1 * up, r1 + t1 * t1 * substrate.diffuse * den)
    }
}

extension Saunderson {
    /// Measured (specular-excluded) reflectance of a turbid medium under a refractive-index step,
    /// generalising Saunderson to a collimated beam: the beam enters with 1 − k₁, the medium
    /// returns `collimated` of it as diffuse light, which leaves with 1 − k₂ and is otherwise
    /// reflected back down, where the medium returns `diffuse` of it:
    ///
    ///     R_m = (1 − k₁)(1 − k₂) R_c / (1 − k₂ R_d).
    ///
    /// With R_c = R_d this is Saunderson's formula.
    @inlinable
    public func measured(collimated rc: Double, diffuse rd: Double) -> Double {
        (1 - k1) * (1 - k2) * rc / (1 - k2 * rd)
    }
}
