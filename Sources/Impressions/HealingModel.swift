/// How oily the client's scalp skin is; oily skin lets pigment spread further as it heals.
public enum SkinOiliness: String, CaseIterable, Sendable, Codable {
    case dry, normal, oily
}

/// A deliberately simple model of the healed dot diameter (first refinement target later):
///
///     d_healed = k · needle · (1 + s · max(0, depth − d0) / d0) · oil(skin)
///
/// All coefficients are **assumptions**, chosen to reproduce the figures in DOMAIN.md; none is
/// fitted to measured data yet:
/// - `needleRatio` k = 0.5 — *assumption*: well-executed SMP with 0.18–0.30 mm needles heals to
///   dots of about 90–150 µm (practitioner figures; Rassman ~0.1 mm). k = 0.5 maps that needle
///   range exactly onto that dot range at normal depth and skin. The needle punctures a hole wider
///   than the pigment deposit, which shrinks as the epidermis closes over it.
/// - `spreadOnsetDepthMM` d0 = 0.6 mm — *assumption*: upper-dermis placement (≈ 0.5–1 mm) holds
///   its shape; practitioners report blur ("blow-out") when going deeper, so spread starts here.
/// - `depthSpread` s = 0.75 — *assumption*: a dot placed 1.0 mm deep (0.4 mm past d0) heals 50 %
///   wider, in line with the visibly blurred, bluish deep dots described in DOMAIN.md.
///   Shallower than d0 gives no shrinkage: shallow dots fade (retention), they do not get smaller.
/// - `oilFactor` dry 0.95, normal 1.0, oily 1.2 — *assumption*: oily skin is widely reported to
///   blur dots; a 20 % wider healed dot is a moderate, testable guess, dry skin slightly crisper.
public struct HealingModel: Sendable, Hashable, Codable {
    public var needleRatio: Double
    public var spreadOnsetDepthMM: Double
    public var depthSpread: Double
    public var dryFactor: Double
    public var normalFactor: Double
    public var oilyFactor: Double

    public init(needleRatio: Double = 0.5, spreadOnsetDepthMM: Double = 0.6, depthSpread: Double = 0.75,
                dryFactor: Double = 0.95, normalFactor: Double = 1.0, oilyFactor: Double = 1.2) {
        precondition(needleRatio > 0 && spreadOnsetDepthMM > 0 && depthSpread >= 0)
        precondition(dryFactor > 0 && normalFactor > 0 && oilyFactor > 0)
        self.needleRatio = needleRatio
        self.spreadOnsetDepthMM = spreadOnsetDepthMM
        self.depthSpread = depthSpread
        self.dryFactor = dryFactor
        self.normalFactor = normalFactor
        self.oilyFactor = oilyFactor
    }

    public func oilFactor(_ skin: SkinOiliness) -> Double {
        switch skin {
        case .dry: dryFactor
        case .normal: normalFactor
        case .oily: oilyFactor
        }
    }

    /// Healed dot diameter, mm. Monotone non-decreasing in needle diameter, depth and oiliness.
    public func healedDiameterMM(needleMM: Double, depthMM: Double, skin: SkinOiliness) -> Double {
        let excess = max(0, depthMM - spreadOnsetDepthMM) / spreadOnsetDepthMM
        return needleRatio * needleMM * (1 + depthSpread * excess) * oilFactor(skin)
    }

    /// Impressions for one session's positions, all with the same needle, depth and skin.
    public func impressions(at positions: [SIMD2<Double>], needleMM: Double, depthMM: Double,
                            skin: SkinOiliness, session: UInt16) -> [Impression] {
        let d = Float(healedDiameterMM(needleMM: needleMM, depthMM: depthMM, skin: skin))
        return positions.map { Impression(x: $0.x, y: $0.y, diameterMM: d, depthMM: Float(depthMM), session: session) }
    }
}
