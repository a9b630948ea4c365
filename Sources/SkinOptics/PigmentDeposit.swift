import Foundation

/// Where the healed pigment of one impression lies, as a function of the needle depth.
///
/// **Needle track** (the normal case). OCT of black tattoos shows healed pigment as vertical
/// columns in the papillary dermis — needle tracks filled from just below the dermal–epidermal
/// junction (Morsy et al. 2007, Skin Res. Technol. 13:444) — and histology and in-vivo Raman
/// put most of it in the papillary dermis, some in the upper reticular dermis (Analyst 2018,
/// doi:10.1039/c8an01213j). So a plan's `depth_mm` is the needle depth d, and the dose lies along
/// the track from the junction z₀ (the epidermis thickness) down to d, with density falling
/// towards the tip:
///
///     ρ(u) ∝ (1 − u)^p,   u = (z − z₀)/(d − z₀) ∈ [0, 1],   mass below u: 1 − (1 − u)^(p+1).
///
/// p = 1 (a triangle) is an **assumption**: the simplest profile that is densest at the junction
/// and empty at the tip. With the 0.2 mm papillary dermis it puts 61 % of a 0.6 mm needle's
/// pigment in the papillary dermis ("most", as histology says) and only 26 % of a 1.5 mm one.
///
/// **Deep** (the trainee mistake of a "blow-out"): the pigment is released near the tip only,
/// uniformly over the last `deepBandMM` above the needle depth and never above the papillary
/// dermis's lower edge when the needle is below it — pigment only well below the papillary
/// dermis. The band width is an **assumption**.
public struct DepositProfile: Codable, Equatable, Sendable {
    /// Exponent p of the needle-track profile.
    public var trackShapeExponent: Double
    /// Thickness (mm) of the deep deposit above the needle depth.
    public var deepBandMM: Double
    /// How many slabs of equal pigment mass the deposit is cut into for the transport
    /// (the papillary/reticular boundary adds one more cut). Tests check convergence.
    public var slabs: Int

    public init(trackShapeExponent: Double = 1, deepBandMM: Double = 0.4, slabs: Int = 4) {
        self.trackShapeExponent = trackShapeExponent
        self.deepBandMM = deepBandMM
        self.slabs = slabs
    }

    var validationProblem: String? {
        if !(trackShapeExponent >= 0 && trackShapeExponent <= 10) { return "deposit.trackShapeExponent \(trackShapeExponent) outside [0, 10]" }
        if !(deepBandMM > 0 && deepBandMM <= 2) { return "deposit.deepBandMM \(deepBandMM) outside (0, 2]" }
        if !(1...64).contains(slabs) { return "deposit.slabs \(slabs) outside 1…64" }
        return nil
    }

    /// Largest number of slabs `forEachSlab` can produce.
    public var maximumSlabCount: Int { slabs + 1 }

    /// Calls `body(top, bottom, massFraction, inPapillary)` for each slab of the deposit, top
    /// (shallowest) first; depths in mm below the surface. Slabs have equal mass, except the two
    /// halves of a slab cut by the papillary/reticular boundary at `papillaryBottomMM`.
    @inlinable
    public func forEachSlab(kind: DepositKind, needleDepthMM d: Double, epidermisMM z0: Double, papillaryBottomMM pb: Double,
                            _ body: (Double, Double, Double, Bool) -> Void) {
        let top: Double
        let p: Double
        switch kind {
        case .needleTrack: top = z0; p = trackShapeExponent
        case .deep:
            var t = max(z0, d - deepBandMM)
            if d > pb { t = max(t, pb) }
            top = t; p = 0
        }
        let span = d - top
        guard span > 0 else { return }
        let n = slabs
        // Equal-mass cuts: u_j = 1 − (1 − j/n)^(1/(p+1)).
        let inverse = 1 / (p + 1)
        var previousU = 0.0, previousMass = 0.0
        for j in 1...n {
            let massBelow = Double(j) / Double(n)
            let u = j == n ? 1 : 1 - Foundation.pow(1 - massBelow, inverse)
            let a = top + span * previousU, b = top + span * u
            if a < pb && b > pb {
                let uCut = (pb - top) / span
                let massCut = 1 - Foundation.pow(1 - uCut, p + 1)
                body(a, pb, massCut - previousMass, true)
                body(pb, b, massBelow - massCut, false)
            } else {
                body(a, b, massBelow - previousMass, b <= pb)
            }
            previousU = u; previousMass = massBelow
        }
    }
}

/// The two deposits a plan can ask for (`sessions[].deposit`).
public enum DepositKind: String, Codable, CaseIterable, Sendable {
    /// Along the needle track from the junction down, densest at the top (good technique).
    case needleTrack = "needle-track"
    /// Only near the needle tip (a blow-out; too deep).
    case deep
}
