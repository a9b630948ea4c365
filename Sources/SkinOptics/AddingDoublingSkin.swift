import Foundation

/// One homogeneous layer of the skin stack as the transport sees it: μa and μs′ (cm⁻¹),
/// Henyey–Greenstein g and thickness (cm; `.infinity` for the reticular half-space).
public struct TransportLayer: Equatable, Sendable {
    public var muA: Double, muSPrime: Double, g: Double, thicknessCM: Double
    public init(muA: Double, muSPrime: Double, g: Double, thicknessCM: Double) {
        self.muA = muA; self.muSPrime = muSPrime; self.g = g; self.thicknessCM = thicknessCM
    }
}

extension PigmentedSkinEvaluator {
    /// The layers the run-time transport adds at wavelength sample `i`, surface first, the last
    /// one the semi-infinite reticular dermis. It states the stack of `forEachWavelength` as data
    /// (the same slab cuts, gaps and host layers), so that a reference solver can be given the
    /// *same* problem; a test checks that two-stream transport over this list reproduces the
    /// evaluator's reflectance exactly.
    public func transportLayers(depthMM d: Double, effectiveDose m: Double, wavelengthIndex i: Int) -> [TransportLayer] {
        let c = skin.basis.constants, s = skin
        let pb = c.papillaryBottomMM, z0 = c.epidermisThicknessMM
        let gE = c.epidermisAnisotropy, gP = c.papillaryAnisotropy, gR = c.reticularAnisotropy
        var slabs: [TransportLayer] = []
        var depositTop = d
        c.deposit.forEachSlab(kind: deposit, needleDepthMM: d, epidermisMM: z0, papillaryBottomMM: pb) { top, bottom, f, pap in
            let h = (bottom - top) / 10, density = m * f / h
            if slabs.isEmpty { depositTop = top }
            slabs.append(pap
                ? TransportLayer(muA: s.papillaryMuA[i] + density * pigMuA[i], muSPrime: s.papillaryMuSPrime[i] + density * pigMuS[i], g: gP, thicknessCM: h)
                : TransportLayer(muA: s.reticularMuA[i] + density * pigMuA[i], muSPrime: s.reticularMuSPrime[i] + density * pigMuS[i], g: gR, thicknessCM: h))
        }
        let papillaryRestCM = max(0, pb - d) / 10
        let reticularGapCM = max(0, depositTop - max(pb, z0)) / 10
        let papillaryGapCM = max(0, min(depositTop, pb) - z0) / 10
        let p = s.parameters
        let muAMel = (1 - p.pheomelaninShare) * s.basis.melaninMuA[i] + p.pheomelaninShare * s.basis.pheomelaninMuA[i]
        let muAEpi = p.melaninFraction * muAMel + (1 - p.melaninFraction) * s.basis.baselineMuA[i]
        let muSEpi = p.scatteringScale * s.basis.dermisMuSPrime[i] * c.epidermisScatteringFactor
        var out = [TransportLayer(muA: muAEpi, muSPrime: muSEpi, g: gE, thicknessCM: z0 / 10)]
        if papillaryGapCM > 0 { out.append(.init(muA: s.papillaryMuA[i], muSPrime: s.papillaryMuSPrime[i], g: gP, thicknessCM: papillaryGapCM)) }
        if reticularGapCM > 0 { out.append(.init(muA: s.reticularMuA[i], muSPrime: s.reticularMuSPrime[i], g: gR, thicknessCM: reticularGapCM)) }
        out += slabs
        if papillaryRestCM > 0 { out.append(.init(muA: s.papillaryMuA[i], muSPrime: s.papillaryMuSPrime[i], g: gP, thicknessCM: papillaryRestCM)) }
        out.append(.init(muA: s.reticularMuA[i], muSPrime: s.reticularMuSPrime[i], g: gR, thicknessCM: .infinity))
        return out
    }

    /// The wavelength samples the evaluator transports (every 10 nm by default).
    public var transportedWavelengths: StrideTo<Int> { stride(from: 0, to: WavelengthGrid.count, by: spectralStep) }

    /// CIELAB of a per-sample measured reflectance through the evaluator's own spectral path
    /// (the same folded weights), so that two transports are compared like with like.
    public func lab(measured r: (Int) -> Double) -> Lab {
        var x = 0.0, y = 0.0, z = 0.0
        for i in transportedWavelengths {
            let v = r(i)
            x += wX[i] * v; y += wY[i] * v; z += wZ[i] * v
        }
        return colorimetry.lab(XYZ(X: x, Y: y, Z: z))
    }
}

extension AddingDoubling {
    /// Adding–doubling reference for the skin model: the same layers as `PigmentedSkinEvaluator`
    /// (via `transportLayers`), the same refractive-index step at the surface (air above, the
    /// model's n below, all tissue layers at that n), a normal collimated beam, and the same
    /// quantity: diffuse reflectance leaving into air with the specular reflection of the surface
    /// removed (UR1 − R_F(0)), i.e. what the run-time model's Saunderson step reports.
    public struct SkinReference: Sendable {
        public let quadrature: Quadrature
        let boundary: Operators

        /// 16 directions per hemisphere by default: δ-M with g = 0.9 keeps g¹⁶ ≈ 0.19 of the
        /// peak as unscattered, and a test checks 16 against 32 directions.
        public init(refractiveIndex n: Double, points: Int = 16) {
            quadrature = Quadrature(points: points, refractiveIndex: n)
            boundary = AddingDoubling.airBoundary(quadrature)
        }

        /// Measured (specular-excluded) reflectance of a stack of layers for a normal beam.
        public func measuredReflectance(_ layers: [TransportLayer]) -> Double {
            precondition(layers.last?.thicknessCM == .infinity, "the last layer must be the half-space")
            var sub = AddingDoubling.slab(Slab(muA: layers[layers.count - 1].muA, muSPrime: layers[layers.count - 1].muSPrime,
                                               g: layers[layers.count - 1].g, thickness: .infinity), quadrature).reflection
            for l in layers.dropLast().reversed() {
                let op = AddingDoubling.slab(Slab(muA: l.muA, muSPrime: l.muSPrime, g: l.g, thickness: l.thicknessCM), quadrature)
                sub = AddingDoubling.reflection(of: op, over: sub)
            }
            let top = AddingDoubling.reflection(of: boundary, over: sub)
            let q = quadrature, last = q.count - 1
            let ur1 = top.columnSum(last, rows: q.firstEscaping..<q.count)
            return ur1 - AddingDoubling.fresnelFromInside(cosine: 1, n: q.refractiveIndex)
        }

        /// CIELAB of the pigmented patch as adding–doubling sees it, through the evaluator's
        /// spectral path.
        public func lab(_ e: PigmentedSkinEvaluator, depthMM: Double, effectiveDose m: Double) -> Lab {
            e.lab { measuredReflectance(e.transportLayers(depthMM: depthMM, effectiveDose: m, wavelengthIndex: $0)) }
        }

        /// The run-time transport's internal reflectances (collimated, diffuse) under the surface
        /// for the same layer list, before the surface and any correction.
        public static func twoStreamInternal(_ layers: [TransportLayer]) -> (collimated: Double, diffuse: Double) {
            let h = layers[layers.count - 1]
            var sub = TwoStream.halfSpace(muA: h.muA, muSPrime: h.muSPrime, g: h.g)
            for l in layers.dropLast().reversed() {
                sub = TwoStream.reflectance(of: TwoStream.layer(muA: l.muA, muSPrime: l.muSPrime, g: l.g, thickness: l.thicknessCM), over: sub)
            }
            return sub
        }

        /// ln of the collimated reflectance of the top layer alone (the epidermis): the third
        /// feature of `TransportCorrection`.
        public static func logEpidermisReflectance(_ layers: [TransportLayer]) -> Double {
            let e = layers[0]
            return Foundation.log(max(TwoStream.layer(muA: e.muA, muSPrime: e.muSPrime, g: e.g, thickness: e.thicknessCM).collimatedReflectance, 1e-300))
        }

        /// The run-time model over the same layer list: the measured reflectance the evaluator
        /// reports, with `correction` applied (for the check that the list is faithful, and the
        /// uncorrected value the correction is fitted to).
        public static func twoStreamMeasured(_ layers: [TransportLayer], saunderson: Saunderson, correction: TransportCorrection = .none) -> Double {
            let sub = twoStreamInternal(layers)
            let rm = saunderson.measured(collimated: sub.collimated, diffuse: sub.diffuse)
                * correction.factor(collimated: sub.collimated, diffuse: sub.diffuse, logEpidermis: logEpidermisReflectance(layers))
            return max(0, rm)
        }
    }
}
