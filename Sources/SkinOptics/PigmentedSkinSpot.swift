import Foundation

/// How a healed impression's colour leans relative to the surrounding skin.
public enum Undertone: String, Sendable, CaseIterable {
    case cool, neutral, warm
}

/// One pigment, dilution, dose and depth in one skin: the spot's colour, its contrast to the
/// skin, its undertone and its blur.
public struct PigmentedSkin: Sendable {
    public let evaluator: PigmentedSkinEvaluator
    public let dilution: Double
    public let depthMM: Double
    /// Undiluted ink dose, mg/cm² (Engel et al. 2008: 0.6–9.4, mean 2.53).
    public let doseMgPerCm2: Double
    /// CIELAB of the pigmented spot and of the surrounding skin.
    public let lab: Lab
    public var skinLab: Lab { evaluator.skinLab }

    /// Mean tattoo ink dose in skin, Engel et al. (2008), measured in skin excised right after
    /// tattooing: the **injected** dose. About one third of it is gone once the skin has healed
    /// (Bäumler 2015); the plan pipeline renders the healed dose (`ColourLibrary.healedDoseMgPerCm2`,
    /// the early loss in `Data/fade/models.json`), while this module's defaults keep the measured one.
    public static let meanDoseMgPerCm2 = 2.53
    /// Doses the model accepts (mg/cm²): up to twice the highest published tattoo dose
    /// (9.4 mg/cm², Engel et al. 2008).
    public static let doseRange = 0.0...20.0

    public init(skin: SkinModel, pigment: Pigment, dilution: Double, depthMM: Double,
                doseMgPerCm2: Double = PigmentedSkin.meanDoseMgPerCm2, deposit: DepositKind = .needleTrack) throws(SkinOpticsError) {
        try self.init(evaluator: PigmentedSkinEvaluator(skin: skin, pigment: pigment, deposit: deposit),
                      dilution: dilution, depthMM: depthMM, doseMgPerCm2: doseMgPerCm2)
    }

    public init(evaluator: PigmentedSkinEvaluator, dilution: Double, depthMM: Double, doseMgPerCm2: Double = PigmentedSkin.meanDoseMgPerCm2) throws(SkinOpticsError) {
        self.evaluator = evaluator
        self.dilution = dilution
        self.depthMM = depthMM
        self.doseMgPerCm2 = doseMgPerCm2
        lab = try evaluator.lab(depthMM: depthMM, dilution: dilution, doseMgPerCm2: doseMgPerCm2)
    }

    /// ΔE00 between the spot and the surrounding skin (visibility of the impression).
    public var contrastDeltaE00: Double { deltaE2000(lab, skinLab) }

    /// 8-bit sRGB of the spot and whether it had to be clipped into the sRGB gamut.
    public var srgb: (rgb: RGB8, clipped: Bool) { Colorimetry.srgb(lab) }

    /// Undertone rule (documented **assumption**). A pigmented spot is always darker than the
    /// skin; what matters for its undertone is the colour cast beyond plain darkening. So the
    /// spot is compared with the *same skin darkened neutrally to the spot's lightness* (skin XYZ
    /// scaled by Y_spot/Y_skin, as if seen through a grey filter). The cast vector
    /// d = (a*_spot − a*_ref, b*_spot − b*_ref) decides:
    /// * **neutral** if |d| < `neutralCast` (1.5 CIELAB units, about one to two JNDs);
    /// * **warm** if d points to red–orange–yellow: hue angle of d in [−30°, 100°];
    /// * **cool** otherwise (green, cyan, blue, violet): the blue-grey / steel-blue of deep
    ///   carbon (practitioners' descriptions, Data/SOURCES.md) and the green of faded blends.
    public var undertone: Undertone { Self.undertone(spot: lab, skin: skinLab) }

    public static let neutralCast = 1.5

    /// The cast of `spot` relative to `skin` darkened neutrally to the spot's lightness.
    public static func cast(spot: Lab, skin: Lab) -> (da: Double, db: Double) {
        let s = Colorimetry.xyz(skin), p = Colorimetry.xyz(spot)
        let k = p.Y / s.Y
        let ref = Colorimetry.lab(XYZ(X: k * s.X, Y: k * s.Y, Z: k * s.Z))
        return (spot.a - ref.a, spot.b - ref.b)
    }

    public static func undertone(spot: Lab, skin: Lab) -> Undertone {
        let (da, db) = cast(spot: spot, skin: skin)
        if (da * da + db * db).squareRoot() < neutralCast { return .neutral }
        let h = Foundation.atan2(db, da) * 180 / Double.pi
        return (h >= -30 && h <= 100) ? .warm : .cool
    }

    /// Apparent blur radius (mm) of this deposit in this skin; see `apparentBlurRadiusMM(depthMM:skin:deposit:)`.
    public var blurRadiusMM: Double { (try? apparentBlurRadiusMM(depthMM: depthMM, skin: evaluator.skin, deposit: evaluator.deposit)) ?? .nan }
}
