import Foundation

/// The axes of the tabulated dot point-spread (`DotPointSpreadTable`) and how a skin and a
/// deposit become `ColumnMonteCarlo` inputs on them. One home for the grid, so the generator,
/// the reader and the tests agree.
public struct DotPointSpreadGrid: Codable, Equatable, Sendable {
    /// Wavelength bands (nm, [low, high)); each band's optics are taken at its centre.
    public var bandEdgesNM: [Double]
    /// Observation radii from the column axis (mm); beyond the last the dot is taken as gone.
    public var radiiMM: [Double]
    /// Healed column diameters (mm).
    public var diametersMM: [Double]
    /// Needle depths (mm) of the deposit profiles, for each `DepositKind`.
    public var needleDepthsMM: [Double]
    /// Pigment optical depths τ of the patch; doubling, so the Monte Carlo squares its factors.
    public var opticalDepths: [Double]
    /// Depth slabs (mm) the deposit profiles are resolved on: the epidermis' bottom to the
    /// deepest needle, cut at the papillary/reticular boundary.
    public var slabEdgesMM: [Double]

    public static func standard(constants c: SkinModelConstants) -> DotPointSpreadGrid {
        var edges: [Double] = []
        var z = c.epidermisThicknessMM
        while z < c.maxPigmentDepthMM - 1e-9 { edges.append(z); z += 0.05 }
        edges.append(c.maxPigmentDepthMM)
        if !edges.contains(where: { abs($0 - c.papillaryBottomMM) < 1e-9 }) {
            edges.append(c.papillaryBottomMM); edges.sort()
        }
        return DotPointSpreadGrid(
            bandEdgesNM: [380, 450, 500, 550, 600, 650, 780],
            radiiMM: [0, 0.025, 0.05, 0.075, 0.1, 0.13, 0.16, 0.2, 0.25, 0.32, 0.42, 0.6, 0.8, 1.1, 1.4, 1.8],
            diametersMM: [0.05, 0.08, 0.12, 0.18, 0.27, 0.4, 0.6, 0.9, 1.3],
            needleDepthsMM: [0.25, 0.4, 0.6, 0.85, 1.15, 1.5, 2.0],
            opticalDepths: (0..<11).map { Foundation.pow(2, Double($0 - 5)) },
            slabEdgesMM: edges)
    }

    public var bandCount: Int { bandEdgesNM.count - 1 }
    public var profileCount: Int { needleDepthsMM.count * DepositKind.allCases.count }
    public func bandCentreNM(_ b: Int) -> Double { 0.5 * (bandEdgesNM[b] + bandEdgesNM[b + 1]) }
    /// Profile index of a kind and needle-depth index.
    public func profileIndex(kind: DepositKind, depth: Int) -> Int {
        (kind == .needleTrack ? 0 : 1) * needleDepthsMM.count + depth
    }

    /// The deposit profiles ρ (mm⁻¹) on the slabs, in `profileIndex` order.
    public func profiles(constants c: SkinModelConstants) -> [[Double]] {
        DepositKind.allCases.flatMap { kind in
            needleDepthsMM.map { depositDensity(kind: kind, needleDepthMM: $0, constants: c) }
        }
    }

    /// The deposit's mass per slab over the slab's thickness: `DepositProfile`'s distribution
    /// (ρ(u) ∝ (1 − u)^p along the track, uniform in the deep band) integrated exactly.
    public func depositDensity(kind: DepositKind, needleDepthMM d: Double, constants c: SkinModelConstants) -> [Double] {
        let z0 = c.epidermisThicknessMM, pb = c.papillaryBottomMM
        let top: Double, p: Double
        switch kind {
        case .needleTrack: top = z0; p = c.deposit.trackShapeExponent
        case .deep:
            var t = max(z0, d - c.deposit.deepBandMM)
            if d > pb { t = max(t, pb) }
            top = t; p = 0
        }
        let span = d - top
        func massAbove(_ z: Double) -> Double {
            guard span > 0 else { return z >= d ? 1 : 0 }
            let u = min(1, max(0, (z - top) / span))
            return 1 - Foundation.pow(1 - u, p + 1)
        }
        return (0..<(slabEdgesMM.count - 1)).map { j in
            let a = slabEdgesMM[j], b = slabEdgesMM[j + 1]
            return (massAbove(b) - massAbove(a)) / (b - a)
        }
    }

    /// The bare skin's layers at the centre of band `b`, per mm, for `ColumnMonteCarlo`
    /// (μs = μs′/(1 − g) with each layer's Henyey–Greenstein g).
    public func layers(skin: SkinModel, band b: Int) -> [ColumnMonteCarlo.Layer] {
        let i = Int(((bandCentreNM(b) - WavelengthGrid.start) / WavelengthGrid.step).rounded())
        return Self.layers(skin: skin, wavelengthIndex: i)
    }

    public static func layers(skin: SkinModel, wavelengthIndex i: Int) -> [ColumnMonteCarlo.Layer] {
        let c = skin.basis.constants, p = skin.parameters, basis = skin.basis
        let muAMel = (1 - p.pheomelaninShare) * basis.melaninMuA[i] + p.pheomelaninShare * basis.pheomelaninMuA[i]
        let muAEpi = p.melaninFraction * muAMel + (1 - p.melaninFraction) * basis.baselineMuA[i]
        let muSEpi = p.scatteringScale * basis.dermisMuSPrime[i] * c.epidermisScatteringFactor
        return [
            .init(muA: muAEpi / 10, muS: muSEpi / 10 / (1 - c.epidermisAnisotropy), g: c.epidermisAnisotropy, thicknessMM: c.epidermisThicknessMM),
            .init(muA: skin.papillaryMuA[i] / 10, muS: skin.papillaryMuSPrime[i] / 10 / (1 - c.papillaryAnisotropy), g: c.papillaryAnisotropy,
                  thicknessMM: c.papillaryDermisThicknessMM),
            .init(muA: skin.reticularMuA[i] / 10, muS: skin.reticularMuSPrime[i] / 10 / (1 - c.reticularAnisotropy), g: c.reticularAnisotropy,
                  thicknessMM: .infinity),
        ]
    }

    /// The Monte Carlo's scoring for this grid, with the broad patch as the last diameter.
    public func scoring(constants c: SkinModelConstants) -> ColumnMonteCarlo.Scoring {
        .init(radiiMM: radiiMM, diametersMM: diametersMM + [.infinity], slabEdgesMM: slabEdgesMM,
              profiles: profiles(constants: c), opticalDepths: opticalDepths)
    }
}
