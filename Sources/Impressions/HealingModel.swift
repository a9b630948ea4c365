import Foundation

/// How oily the client's scalp skin is; oily skin lets pigment spread further as it heals.
public enum SkinOiliness: String, CaseIterable, Sendable, Codable {
    case dry, normal, oily
}

/// How many needles an impression is made with: round liners (`1RL` one needle, `3RL` three in
/// a round group, …). A group punctures a footprint as wide as the circle enclosing its needles:
/// 1 + 1/sin(π/n) needle diameters for n ≥ 3 needles in a ring, i.e. 2.15× the single needle
/// for 3RL ("about 2×", practitioners' description) and 2.70× for 5RL. Wider groups are shading
/// tools, not impressions, and are not modelled.
public enum NeedleGrouping: String, CaseIterable, Sendable, Codable {
    case rl1 = "1RL", rl3 = "3RL", rl5 = "5RL"

    /// Footprint diameter in single-needle diameters.
    public var footprintFactor: Double {
        switch self {
        case .rl1: 1
        case .rl3: 1 + 1 / Foundation.sin(Double.pi / 3)
        case .rl5: 1 + 1 / Foundation.sin(Double.pi / 5)
        }
    }
}

/// A deliberately simple model of the healed pigment column's diameter:
///
///     d_healed = k · needle · footprint(grouping) · (1 + s · max(0, depth − d0) / d0) · oil(skin)
///
/// This is the *physical* column; how wide and dark the dot looks follows from it by the
/// column's light transport (SkinOptics `DotLook`): a 0.16 mm column reads as a dot about
/// 0.23 mm across with under half the contrast of a broad patch. All coefficients are
/// **assumptions**, chosen inside what sources support; none is fitted to measured data yet:
/// - `needleRatio` k = 0.8 — *assumption*: the healed 1RL column is about 0.1–0.3 mm across
///   (practitioners' healed figures of 0.1–0.15 mm describe what the eye sees; trichoscopy of
///   healed SMP shows grey-to-black dots a little larger than follicles, Nguyen et al. 2022,
///   which the column's point-spread gives only for columns of ≈ 0.15–0.2 mm or more). k = 0.8
///   puts 0.18–0.30 mm needles at 0.14–0.24 mm columns: slightly narrower than the needle, as
///   the puncture closes over the deposit.
/// - `spreadOnsetDepthMM` d0 = 0.6 mm — *assumption*: upper-dermis placement (≈ 0.5–1 mm) holds
///   its shape; practitioners report blur ("blow-out") when going deeper, so spread starts here.
/// - `depthSpread` s = 0.75 — *assumption*: a dot placed 1.0 mm deep (0.4 mm past d0) heals 50 %
///   wider, in line with the visibly blurred, bluish deep dots practitioners describe (Data/SOURCES.md).
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

    public init(needleRatio: Double = 0.8, spreadOnsetDepthMM: Double = 0.6, depthSpread: Double = 0,
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

    /// Needle diameters plans and `stipple color` accept, mm (0.18–0.30 typical).
    public static let needleRangeMM = 0.1...0.6

    public func oilFactor(_ skin: SkinOiliness) -> Double {
        switch skin {
        case .dry: dryFactor
        case .normal: normalFactor
        case .oily: oilyFactor
        }
    }

    /// Healed column diameter, mm. Monotone non-decreasing in needle diameter, grouping, depth
    /// and oiliness.
    public func healedDiameterMM(needleMM: Double, grouping: NeedleGrouping = .rl1, depthMM: Double, skin: SkinOiliness) -> Double {
        let excess = max(0, depthMM - spreadOnsetDepthMM) / spreadOnsetDepthMM
        return needleRatio * needleMM * grouping.footprintFactor * (1 + depthSpread * excess) * oilFactor(skin)
    }

    /// Impressions for one session's positions, all with the same needle, depth and skin.
    public func impressions(at positions: [SIMD2<Double>], needleMM: Double, grouping: NeedleGrouping = .rl1, depthMM: Double,
                            skin: SkinOiliness, session: UInt16) -> [Impression] {
        let d = Float(healedDiameterMM(needleMM: needleMM, grouping: grouping, depthMM: depthMM, skin: skin))
        return positions.map { Impression(x: $0.x, y: $0.y, diameterMM: d, depthMM: Float(depthMM), session: session) }
    }
}
