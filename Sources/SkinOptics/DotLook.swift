import Foundation

/// How one healed dot looks from the surface: its colour at each distance from its axis, from
/// the tabulated column point-spread (`DotPointSpreadTable`).
///
/// Per wavelength band b the table gives the column's reflectance relative to the bare skin's,
/// T_b(r) = R(r)/R_bare; the dot's spectrum is the skin's times it,
///
///     R(λ, r) = R_skin(λ) · T_b(λ)(r),
///
/// and its colour follows through the CIE tables. So a dot's darkness, width and hue come from
/// the Monte Carlo of its column alone: pigment deeper in the dermis is seen through more
/// scattering tissue, which returns blue light before it reaches the pigment, so a deep track
/// reads lighter, wider and bluer with no special case. Pictures draw each dot by its
/// per-channel transmission in linear sRGB (`transmissionR/G/B`); overlapping dots multiply
/// (add in absorbance).
public struct DotLook: Sendable, Equatable {
    /// Distances from the dot's axis (mm) at which the look is given (the table's radii).
    public let radiiMM: [Double]
    /// The dot's linear-sRGB colour over the bare skin's at each radius, per channel (≤ 1 for
    /// a darkening pigment).
    public let transmissionR: [Double], transmissionG: [Double], transmissionB: [Double]
    /// CIELAB at each radius (specular excluded, like every `lab` Stipple reports).
    public let labs: [Lab]
    /// The broad patch of the same column's pigment: by the same Monte Carlo (`patchLab`) and by
    /// the 1-D transport the reports print (`patchLab1D`).
    public let patchLab: Lab, patchLab1D: Lab
    /// Healed physical column diameter (mm).
    public let diameterMM: Double
    /// Full width at half maximum of the dot's luminance contrast (mm).
    public let apparentFWHMMM: Double
    /// Colour at the centre, and its CIEDE2000 difference to the skin.
    public let centreLab: Lab
    public let centreDeltaE00: Double
    /// The radius (mm) beyond which the dot comes within ΔE00 1 of the skin.
    public let extentMM: Double

    /// Computes the look of a column of `diameterMM` of `evaluator`'s pigment along a needle track
    /// to `depthMM`, at `effectiveDose` (dilution × dose, mg/cm²).
    public init(table: DotPointSpreadTable, evaluator: PigmentedSkinEvaluator, depthMM: Double, effectiveDose: Double,
                diameterMM: Double, colorimetry: Colorimetry = .standard) throws(SkinOpticsError) {
        guard table.header.constants == evaluator.skin.basis.constants else {
            throw .malformedData(path: "skin/dot_psf.json", line: nil,
                                 reason: "was made for other skin-model constants than skin/model.json; regenerate it with scripts/make_dot_psf.sh")
        }
        guard let s = table.skinIndex(parameters: evaluator.skin.parameters) else {
            throw .malformedData(path: "skin/dot_psf.json", line: nil,
                                 reason: "has no point-spread for this skin (parameters \(evaluator.skin.parameters)); regenerate it with scripts/make_dot_psf.sh after changing the skin presets")
        }
        let grid = table.header.grid
        let n = WavelengthGrid.count
        // Optical depth τ of the patch's pigment per band, at the band's centre (η·ε·10·m).
        let tauPerMass = evaluator.pigMuA
        let profiles = table.profile(skin: s, diameterMM: diameterMM, needleDepthMM: depthMM, kind: evaluator.deposit) { b in
            let i = min(n - 1, Int(((grid.bandCentreNM(b) - WavelengthGrid.start) / WavelengthGrid.step).rounded()))
            return tauPerMass[i] * effectiveDose
        }
        let bare = evaluator.reflectance(depthMM: evaluator.depthRange.upperBound, effectiveDose: 0).values
        let patch = evaluator.reflectance(depthMM: depthMM, effectiveDose: effectiveDose).values
        let band: [Int] = (0..<n).map { i in
            let l = WavelengthGrid.wavelength(i)
            return grid.bandEdgesNM.lastIndex(where: { $0 <= l }).map { min($0, grid.bandCount - 1) } ?? 0
        }
        // Each spectrum through the CIE weights (`Colorimetry.xyz`), one scratch buffer reused.
        var spectrum = [Double](repeating: 0, count: n)
        func xyz(_ r: (Int) -> Double) -> XYZ {
            for i in 0..<n { spectrum[i] = r(i) }
            return spectrum.withUnsafeBufferPointer { colorimetry.xyz(reflectance: $0) }
        }
        let linear = SRGB.linear
        let skinXYZ = xyz { bare[$0] }
        let skinRGB = linear(skinXYZ)
        let skinLab = colorimetry.lab(skinXYZ)
        var labs: [Lab] = [], ys: [Double] = []
        var tR: [Double] = [], tG: [Double] = [], tB: [Double] = []
        func ratio(_ dot: Double, _ skin: Double) -> Double { skin > 1e-9 ? max(0, dot / skin) : 1 }
        for r in grid.radiiMM.indices {
            let c = xyz { i in bare[i] * profiles[band[i]].dot[r] }
            labs.append(colorimetry.lab(c)); ys.append(c.Y)
            let rgb = linear(c)
            tR.append(ratio(rgb.0, skinRGB.0)); tG.append(ratio(rgb.1, skinRGB.1)); tB.append(ratio(rgb.2, skinRGB.2))
        }
        patchLab = colorimetry.lab(xyz { i in bare[i] * profiles[band[i]].patch })
        patchLab1D = colorimetry.lab(xyz { patch[$0] })
        radiiMM = grid.radiiMM
        transmissionR = tR; transmissionG = tG; transmissionB = tB
        self.labs = labs
        self.diameterMM = diameterMM
        centreLab = labs[0]
        centreDeltaE00 = deltaE2000(labs[0], skinLab)
        // Half maximum of the luminance contrast, by linear interpolation between radii.
        let contrast = ys.map { skinXYZ.Y - $0 }
        apparentFWHMMM = 2 * Self.crossing(radii: grid.radiiMM, values: contrast, level: 0.5 * contrast[0])
        extentMM = Self.crossing(radii: grid.radiiMM, values: labs.map { deltaE2000($0, skinLab) }, level: 1)
    }

    /// The first radius at which `values` (falling from the centre) drops to `level`, by linear
    /// interpolation; 0 when the centre is already below it, the last radius when it never is.
    static func crossing(radii: [Double], values: [Double], level: Double) -> Double {
        guard values[0] > level else { return 0 }
        for i in 1..<values.count where values[i] <= level {
            let f = (values[i - 1] - level) / (values[i - 1] - values[i])
            return radii[i - 1] + f * (radii[i] - radii[i - 1])
        }
        return radii[radii.count - 1]
    }
}
