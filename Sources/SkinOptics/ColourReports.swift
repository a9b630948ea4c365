import Foundation

/// Everything `stipple color` reports for one pigment, dilution, dose and depth in one skin
/// preset (no formatting; the command line renders it).
public struct PigmentColourReport: Sendable {
    public let pigment: String
    /// Canonical preset name (`monk-5`).
    public let skin: String
    public let dilution: Double
    public let depthMM: Double
    public let doseMgPerCm2: Double
    public let deposit: DepositKind
    /// Pigmented skin and bare skin.
    public let lab: Lab
    public let skinLab: Lab
    public let rgb: RGB8
    public let clipped: Bool
    public let skinRGB: RGB8
    public let skinClipped: Bool
    public let deltaE00: Double
    /// L*(pigmented) − L*(skin): negative, the spot is darker.
    public let deltaL: Double
    public let undertone: Undertone
    public let blurRadiusMM: Double
    /// The needle depths the model accepts, mm (exclusive lower bound: the epidermis).
    public let depthRange: ClosedRange<Double>
    /// The patch's colour as seen: surface reflection included (`SurfaceReflection`).
    public let labAsSeen: Lab
    /// One healed dot of `columnDiameterMM` (nil when no diameter was given).
    public let dot: DotLook?

    /// Loads the skin and pigment libraries under `dataDirectory` and evaluates the model.
    /// Throws `SkinOpticsError` for unknown names (listing the known ones) and out-of-range
    /// depth, dilution or dose (stating the valid range).
    public init(dataDirectory: URL, pigment pigmentName: String, skin skinName: String,
                dilution: Double, depthMM: Double, doseMgPerCm2: Double = PigmentedSkin.meanDoseMgPerCm2,
                deposit: DepositKind = .needleTrack, columnDiameterMM: Double? = nil) throws(SkinOpticsError) {
        let skins = try SkinLibrary(dataDirectory: dataDirectory)
        let preset = try skins.preset(named: skinName)
        let pigment = try PigmentLibrary(dataDirectory: dataDirectory).pigment(named: pigmentName)
        let model = try SkinModel(parameters: preset.parameters, basis: skins.basis)
        let evaluator = PigmentedSkinEvaluator(skin: model, pigment: pigment, deposit: deposit)
        let spot = try PigmentedSkin(evaluator: evaluator, dilution: dilution, depthMM: depthMM, doseMgPerCm2: doseMgPerCm2)
        self.pigment = pigment.name
        skin = preset.name
        self.dilution = dilution
        self.depthMM = depthMM
        self.doseMgPerCm2 = doseMgPerCm2
        self.deposit = deposit
        lab = spot.lab
        skinLab = spot.skinLab
        (rgb, clipped) = spot.srgb
        (skinRGB, skinClipped) = Colorimetry.srgb(spot.skinLab)
        deltaE00 = spot.contrastDeltaE00
        deltaL = spot.lab.L - spot.skinLab.L
        undertone = spot.undertone
        blurRadiusMM = try apparentBlurRadiusMM(depthMM: depthMM, skin: model, deposit: deposit)
        depthRange = evaluator.depthRange
        labAsSeen = SurfaceReflection.asSeen(spot.lab)
        if let columnDiameterMM {
            let table = try DotPointSpreadTable(dataDirectory: dataDirectory)
            let range = table.header.grid.diametersMM.first!...table.header.grid.diametersMM.last!
            guard range.contains(columnDiameterMM) else { throw .columnOutOfRange(diameterMM: columnDiameterMM, validRange: range) }
            dot = try DotLook(table: table, evaluator: evaluator, depthMM: depthMM, effectiveDose: dilution * doseMgPerCm2,
                              diameterMM: columnDiameterMM)
        } else {
            dot = nil
        }
    }
}

/// Everything `stipple skin` reports for one preset.
public struct SkinPresetReport: Sendable {
    public let preset: SkinPreset
    public let modelRGB: RGB8
    public let targetRGB: RGB8
    public let modelITA: ITA
    public let targetITA: ITA

    public init(_ preset: SkinPreset) {
        self.preset = preset
        modelRGB = Colorimetry.srgb(preset.modelLab.lab).rgb
        targetRGB = Colorimetry.srgb(preset.target.lab).rgb
        modelITA = ITA(preset.modelLab.lab)
        targetITA = ITA(preset.target.lab)
    }

    /// The report for one preset name (any spelling `SkinLibrary.canonicalName` accepts).
    public init(dataDirectory: URL, tone: String) throws(SkinOpticsError) {
        self.init(try SkinLibrary(dataDirectory: dataDirectory).preset(named: tone))
    }

    /// Reports for every preset, in library order.
    public static func all(dataDirectory: URL) throws(SkinOpticsError) -> [SkinPresetReport] {
        try SkinLibrary(dataDirectory: dataDirectory).presets.map(SkinPresetReport.init)
    }
}
