import Foundation

/// Lateral light spread: how blurred a pigment dot looks from the surface, from where its
/// pigment lies along the needle track.
///
/// Model (steady-state diffusion theory, Farrell, Patterson & Wilson 1992, Med. Phys. 19:879):
/// by reciprocity, the surface point-spread of a small absorber at depth z is the surface
/// fluence of an isotropic point source at z in a semi-infinite medium with the extrapolated
/// boundary condition, i.e. a dipole:
///
///     Φ_z(ρ) = exp(−μ_eff r₁)/r₁ − exp(−μ_eff r₂)/r₂,   r₁ = √(ρ² + z²),  r₂ = √(ρ² + (z + 2z_b)²),
///
/// with μ_eff = √(3μa(μa + μs′)), z_b = 2A/(3μs′), A = (1 + k₂)/(1 − k₂) from the internal
/// diffuse reflectance k₂ of the surface. μa and μs′ are the reticular dermis's, averaged over
/// wavelength with the luminance weights ȳ·D65 (the blur a viewer judges is a lightness blur).
///
/// A dot's pigment is not at one depth: each slab of the deposit (`DepositProfile`) at mid-depth
/// z_j with mass fraction f_j contributes f_j·exp(−μ_eff z_j)·Φ_{z_j}(ρ) — the incoming light
/// reaching it falls as exp(−μ_eff z) — and the apparent blur radius is the half width at half
/// maximum of that sum, found by bisection. Shallow pigment gives a sharp, strong peak, so a dot
/// placed along a normal track stays sharp; a deep deposit has only broad, weak terms.
///
/// Scope (**assumption**): diffusion theory is only approximate within about one transport
/// mean free path (1/μs′ ≈ 0.3–0.5 mm) of the source, so for shallow pigment the radius is an
/// order-of-magnitude estimate; it grows monotonically with needle depth. It is reported (`blur_radius_mm`); the pictures draw each dot through the column Monte
/// Carlo's point-spread instead (`DotLook`).
public func apparentBlurRadiusMM(depthMM: Double, skin: SkinModel, deposit: DepositKind = .needleTrack) throws(SkinOpticsError) -> Double {
    let c = skin.basis.constants
    let range = c.needleDepthRange
    guard depthMM.isFinite, range.contains(depthMM) else {
        throw .depthOutOfRange(depthMM: depthMM, validRange: range, epidermisMM: c.epidermisThicknessMM)
    }
    return blurRadius(depthMM: depthMM, skin: skin, deposit: deposit)
}

/// Luminance-weighted reticular μa, μs′ (per mm), μ_eff and the extrapolation length z_b.
func dermalTransport(_ skin: SkinModel) -> (muA: Double, muS: Double, muEff: Double, zb: Double) {
    let w = Colorimetry.standard.weightY
    let total = w.reduce(0, +)
    var muA = 0.0, muS = 0.0
    for i in 0..<WavelengthGrid.count {
        muA += w[i] * skin.reticularMuA[i]
        muS += w[i] * skin.reticularMuSPrime[i]
    }
    muA /= total * 10; muS /= total * 10
    let k2 = skin.basis.saunderson.k2
    return (muA, muS, (3 * muA * (muA + muS)).squareRoot(), 2 * (1 + k2) / (1 - k2) / (3 * muS))
}

/// HWHM of the summed dipole point-spread of the deposit's slabs.
func blurRadius(depthMM: Double, skin: SkinModel, deposit: DepositKind) -> Double {
    let phi = pointSpread(depthMM: depthMM, skin: skin, deposit: deposit)
    let half = 0.5 * phi(0)
    var lo = 0.0, hi = 1.0
    while phi(hi) > half && hi < 1e3 { hi *= 2 }
    for _ in 0..<60 {
        let mid = 0.5 * (lo + hi)
        if phi(mid) > half { lo = mid } else { hi = mid }
    }
    return 0.5 * (lo + hi)
}

/// The summed, weighted dipole point-spread Φ(ρ) of the deposit's slabs (see `blurRadius`).
func pointSpread(depthMM: Double, skin: SkinModel, deposit: DepositKind) -> (Double) -> Double {
    let c = skin.basis.constants
    let t = dermalTransport(skin)
    var terms: [(z: Double, weight: Double)] = []
    c.deposit.forEachSlab(kind: deposit, needleDepthMM: depthMM, epidermisMM: c.epidermisThicknessMM,
                          papillaryBottomMM: c.papillaryBottomMM) { top, bottom, f, _ in
        let z = 0.5 * (top + bottom)
        terms.append((z, f * Foundation.exp(-t.muEff * z)))
    }
    func phi(_ rho: Double) -> Double {
        var sum = 0.0
        for term in terms {
            let z2 = term.z + 2 * t.zb
            let r1 = (rho * rho + term.z * term.z).squareRoot(), r2 = (rho * rho + z2 * z2).squareRoot()
            sum += term.weight * (Foundation.exp(-t.muEff * r1) / r1 - Foundation.exp(-t.muEff * r2) / r2)
        }
        return sum
    }
    return phi
}
