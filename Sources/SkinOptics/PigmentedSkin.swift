import Foundation

/// Precomputed optics of one skin with one pigment, for fast repeated evaluation of
/// (needle depth, dose) → CIELAB of a broad pigmented patch.
///
/// Geometry (δ-scaled two-stream layers, `TwoStream`, added bottom-up):
///
///     surface ── n = 1.4 (collimated in with 1 − k₁, diffuse out with 1 − k₂)
///     epidermis                   t_e                       (precomputed per skin)
///     deposit slabs               junction … needle depth   (dermis + pigment, equal mass each)
///     papillary rest (if any)     needle depth … t_e + t_p  (depends on depth)
///     reticular dermis            semi-infinite             (precomputed per skin)
///
/// The dose lies along the needle track as `DepositProfile` describes. A slab holding a mass
/// fraction f of the effective areal dose m = dilution × dose (mg/cm²) over thickness h has
/// pigment density m·f/h (mg/cm³) and adds μa = η·ε(λ)·10·m·f/h to its host dermis (ε in m²/g,
/// ×10 → cm²/mg; η the packing factor of `Pigment`), and likewise μs′ from the pigment's mass
/// scattering; the pigment takes the host layer's anisotropy (**assumption**).
///
/// **Spectral sampling.** Transport is computed every 10 nm (41 wavelengths, like the ASTM E308
/// 10 nm tables) and the 5 nm samples between are linearly interpolated, which halves the cost;
/// skin and pigment spectra are smooth on that scale (tests bound the colour error against the
/// full 5 nm computation at ΔE00 < 0.1). Integrating the interpolated spectrum against the 5 nm
/// weights is the same as one pass over the 10 nm samples with each weight plus half of each
/// neighbour's, which is what the hot path does. The bare-skin colour is computed the same way,
/// so a vanishing dose has exactly zero contrast.
///
/// The measured reflectance is then multiplied by the basis' `TransportCorrection` (fitted
/// offline to adding–doubling; one log and one exp per wavelength).
///
/// Per wavelength an evaluation costs two exponentials and a square root per slab, on flat
/// arrays; nothing is allocated.
public struct PigmentedSkinEvaluator: Sendable {
    public let skin: SkinModel
    public let pigment: Pigment
    public let deposit: DepositKind
    /// Valid needle depths: (epidermis thickness, maxPigmentDepthMM].
    public let depthRange: ClosedRange<Double>
    /// Pigment μa and μs′ (cm⁻¹) per mg/cm³ of pigment in the tissue: η·ε·10.
    let pigMuA: [Double], pigMuS: [Double]
    let wX: [Double], wY: [Double], wZ: [Double]
    let colorimetry: Colorimetry
    /// CIELAB of the bare skin (through the same 10 nm path as the pigmented patch).
    public private(set) var skinLab: Lab

    /// 2: transport every 10 nm with interpolation (the default); 1: every 5 nm (tests' reference).
    let spectralStep: Int

    public init(skin: SkinModel, pigment: Pigment, deposit: DepositKind = .needleTrack, colorimetry: Colorimetry = .standard) {
        self.init(skin: skin, pigment: pigment, deposit: deposit, colorimetry: colorimetry, spectralStep: 2)
    }

    init(skin: SkinModel, pigment: Pigment, deposit: DepositKind, colorimetry: Colorimetry, spectralStep: Int) {
        self.spectralStep = spectralStep
        let c = skin.basis.constants
        self.skin = skin
        self.pigment = pigment
        self.deposit = deposit
        depthRange = c.needleDepthRange
        let eta = pigment.packingEfficiency
        pigMuA = pigment.massAbsorption.map { eta * $0 * 10 }
        pigMuS = pigment.massScattering.map { eta * $0 * 10 }
        func folded(_ w: [Double]) -> [Double] {
            (0..<w.count).map { i in
                guard i % 2 == 0 else { return 0 }
                return w[i] + 0.5 * ((i > 0 ? w[i - 1] : 0) + (i + 1 < w.count ? w[i + 1] : 0))
            }
        }
        if spectralStep == 1 {
            wX = colorimetry.weightX; wY = colorimetry.weightY; wZ = colorimetry.weightZ
        } else {
            wX = folded(colorimetry.weightX); wY = folded(colorimetry.weightY); wZ = folded(colorimetry.weightZ)
        }
        self.colorimetry = colorimetry
        skinLab = Lab(L: 0, a: 0, b: 0)
        skinLab = labUnchecked(depthMM: c.maxPigmentDepthMM, effectiveDose: 0)
    }

    /// The same skin, deposit and colorimetry with another pigment (e.g. the session's pigment
    /// partly faded): the colour-matching weights and the bare-skin colour are reused, since
    /// neither depends on the pigment (at zero dose a pigment adds exactly 0 to every layer), so
    /// a follow-up's look costs one transport evaluation instead of two. Bit-identical to
    /// `PigmentedSkinEvaluator(skin:pigment:deposit:colorimetry:)` (tests).
    public func replacingPigment(_ pigment: Pigment) -> PigmentedSkinEvaluator {
        let eta = pigment.packingEfficiency
        return PigmentedSkinEvaluator(replacingPigmentOf: self, with: pigment,
                                      muA: pigment.massAbsorption.map { eta * $0 * 10 }, muS: pigment.massScattering.map { eta * $0 * 10 })
    }

    /// `base` with `pigment`, whose μa and μs′ per mg/cm³ (η·ε·10, `pigMuA`/`pigMuS`) the caller
    /// has computed.
    init(replacingPigmentOf base: PigmentedSkinEvaluator, with pigment: Pigment, muA: [Double], muS: [Double]) {
        skin = base.skin
        self.pigment = pigment
        deposit = base.deposit
        depthRange = base.depthRange
        pigMuA = muA
        pigMuS = muS
        wX = base.wX; wY = base.wY; wZ = base.wZ
        colorimetry = base.colorimetry
        skinLab = base.skinLab
        spectralStep = base.spectralStep
    }

    /// Checks depth, dilution and dose and returns CIELAB of the pigmented patch.
    /// `doseMgPerCm2` is the undiluted ink dose; the effective pigment dose is `dilution × dose`.
    public func lab(depthMM: Double, dilution: Double, doseMgPerCm2: Double) throws(SkinOpticsError) -> Lab {
        try validate(depthMM: depthMM, dilution: dilution, dose: doseMgPerCm2)
        return labUnchecked(depthMM: depthMM, effectiveDose: dilution * doseMgPerCm2)
    }

    func validate(depthMM: Double, dilution: Double, dose: Double) throws(SkinOpticsError) {
        guard depthMM.isFinite, depthRange.contains(depthMM) else {
            throw .depthOutOfRange(depthMM: depthMM, validRange: depthRange, epidermisMM: skin.basis.constants.epidermisThicknessMM)
        }
        guard PhysicalLimits.dilution.contains(dilution) else { throw .dilutionOutOfRange(dilution) }
        guard dose > 0, dose <= PigmentedSkin.doseRange.upperBound, dose.isFinite else { throw .concentrationOutOfRange(dose) }
    }

    /// The hot path: no checks, no allocation. `effectiveDose` in mg/cm² (dilution applied).
    public func labUnchecked(depthMM: Double, effectiveDose m: Double) -> Lab {
        var x = 0.0, y = 0.0, z = 0.0
        forEachWavelength(depthMM: depthMM, effectiveDose: m) { i, rm in
            x += wX[i] * rm; y += wY[i] * rm; z += wZ[i] * rm
        }
        return colorimetry.lab(XYZ(X: x, Y: y, Z: z))
    }

    /// Measured reflectance spectrum of the pigmented patch (allocates; for plots and tests).
    public func reflectance(depthMM: Double, effectiveDose m: Double) -> Spectrum {
        var values = [Double](repeating: 0, count: WavelengthGrid.count)
        forEachWavelength(depthMM: depthMM, effectiveDose: m) { i, rm in values[i] = rm }
        if spectralStep == 2 {
            for i in stride(from: 1, to: values.count - 1, by: 2) { values[i] = 0.5 * (values[i - 1] + values[i + 1]) }
        }
        return try! Spectrum(values)
    }

    @inline(__always)
    private func forEachWavelength(depthMM d: Double, effectiveDose m: Double, _ body: (Int, Double) -> Void) {
        let c = skin.basis.constants
        let pb = c.papillaryBottomMM
        let capacity = c.deposit.maximumSlabCount
        let gP = c.papillaryAnisotropy, gR = c.reticularAnisotropy
        let saunderson = skin.basis.saunderson, correction = skin.basis.transportCorrection
        withUnsafeTemporaryAllocation(of: (thicknessCM: Double, density: Double, papillary: Bool).self, capacity: capacity) { slabs in
            var count = 0
            var depositTop = d
            c.deposit.forEachSlab(kind: deposit, needleDepthMM: d, epidermisMM: c.epidermisThicknessMM, papillaryBottomMM: pb) { top, bottom, f, pap in
                let h = (bottom - top) / 10
                slabs[count] = (h, m * f / h, pap)
                if count == 0 { depositTop = top }
                count += 1
            }
            // Pigment-free dermis below the deposit (papillary rest) and above it (a deep deposit).
            let z0 = c.epidermisThicknessMM
            let papillaryRestCM = max(0, pb - d) / 10
            let reticularGapCM = max(0, depositTop - max(pb, z0)) / 10
            let papillaryGapCM = max(0, min(depositTop, pb) - z0) / 10
            skin.epidermis.withUnsafeBufferPointer { epi in skin.epidermisLogCollimatedR.withUnsafeBufferPointer { epiLog in
            skin.papillaryMuA.withUnsafeBufferPointer { pA in skin.papillaryMuSPrime.withUnsafeBufferPointer { pS in
            skin.reticularMuA.withUnsafeBufferPointer { rA in skin.reticularMuSPrime.withUnsafeBufferPointer { rS in
            skin.reticularCollimatedR.withUnsafeBufferPointer { rC in skin.reticularDiffuseR.withUnsafeBufferPointer { rD in
            pigMuA.withUnsafeBufferPointer { gA in pigMuS.withUnsafeBufferPointer { gS in
                for i in stride(from: 0, to: WavelengthGrid.count, by: spectralStep) {
                    var sub = (collimated: rC[i], diffuse: rD[i])
                    if papillaryRestCM > 0 {
                        sub = TwoStream.reflectance(of: TwoStream.layer(muA: pA[i], muSPrime: pS[i], g: gP, thickness: papillaryRestCM), over: sub)
                    }
                    var j = count - 1
                    while j >= 0 {
                        let s = slabs[j]
                        let layer = s.papillary
                            ? TwoStream.layer(muA: pA[i] + s.density * gA[i], muSPrime: pS[i] + s.density * gS[i], g: gP, thickness: s.thicknessCM)
                            : TwoStream.layer(muA: rA[i] + s.density * gA[i], muSPrime: rS[i] + s.density * gS[i], g: gR, thickness: s.thicknessCM)
                        sub = TwoStream.reflectance(of: layer, over: sub)
                        j -= 1
                    }
                    if reticularGapCM > 0 {
                        sub = TwoStream.reflectance(of: TwoStream.layer(muA: rA[i], muSPrime: rS[i], g: gR, thickness: reticularGapCM), over: sub)
                    }
                    if papillaryGapCM > 0 {
                        sub = TwoStream.reflectance(of: TwoStream.layer(muA: pA[i], muSPrime: pS[i], g: gP, thickness: papillaryGapCM), over: sub)
                    }
                    sub = TwoStream.reflectance(of: epi[i], over: sub)
                    let rm = saunderson.measured(collimated: sub.collimated, diffuse: sub.diffuse)
                        * correction.factor(collimated: sub.collimated, diffuse: sub.diffuse, logEpidermis: epiLog[i])
                    body(i, max(0, rm))
                }
            } } } } } } } } } }
        }
    }
}
