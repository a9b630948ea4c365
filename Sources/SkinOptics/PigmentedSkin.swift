import Foundation

/// Precomputed optics of one skin with one pigment, for fast repeated evaluation of
/// (depth, dose) → CIELAB of the pigmented spot.
///
/// Geometry (all K–M layers, evaluated bottom-up with Kubelka's adding rule):
///
///     surface ── Saunderson (n = 1.4)
///     epidermis            thickness t_e                 (precomputed R, T)
///     dermis above         thickness d − t_e             (depends on depth)
///     pigment layer        thickness t_p, dermis + pigment K, S (depends on dose)
///     dermis below         semi-infinite                  (precomputed R∞)
///
/// `depthMM` is the depth of the top of the pigment layer below the skin surface. The pigment
/// layer's K and S add the dermis's own to the pigment's: with effective areal dose
/// m = dilution × dose (mg/cm²) spread over t_p, the volume density is m/t_p (mg/cm³) and
/// μa.pig = η·ε(λ)·10·m/t_p (ε in m²/g, 10 converts to cm²/mg, η the packing efficiency);
/// likewise μs′.pig from the mass scattering coefficient. K = 2μa, S = 0.75μs′ as for tissue.
///
/// Per wavelength an evaluation costs two exponentials, one square root and a few divisions on
/// flat arrays of 81 doubles; nothing is allocated.
public struct PigmentedSkinEvaluator: Sendable {
    public let skin: SkinModel
    public let pigment: Pigment
    public let layerThicknessMM: Double
    /// Valid depths: (epidermis thickness, maxPigmentDepthMM].
    public let depthRange: ClosedRange<Double>
    let epiR: [Double], epiT: [Double]
    let dermK: [Double], dermS: [Double], dermB: [Double], dermA: [Double], dermRInf: [Double]
    /// Pigment-layer K and S per (mg/cm²) of effective dose (already divided by t_p).
    let pigK: [Double], pigS: [Double]
    let wX: [Double], wY: [Double], wZ: [Double]
    let colorimetry: Colorimetry
    let k1: Double, k2: Double
    /// CIELAB of the bare skin.
    public let skinLab: Lab

    public init(skin: SkinModel, pigment: Pigment, layerThicknessMM: Double? = nil, colorimetry: Colorimetry = .standard) {
        let c = skin.basis.constants
        self.skin = skin
        self.pigment = pigment
        let tp = layerThicknessMM ?? c.pigmentLayerThicknessMM
        self.layerThicknessMM = tp
        depthRange = c.epidermisThicknessMM.nextUp...c.maxPigmentDepthMM
        epiR = skin.epidermisR; epiT = skin.epidermisT
        dermK = skin.dermisK; dermS = skin.dermisS; dermRInf = skin.dermisRInfinity
        dermA = (0..<WavelengthGrid.count).map { 1 + skin.dermisK[$0] / skin.dermisS[$0] }
        dermB = dermA.map { ($0 * $0 - 1).squareRoot() }
        let tpCM = tp / 10
        let eta = pigment.packingEfficiency
        pigK = pigment.massAbsorption.map { c.kPerMuA * eta * $0 * 10 / tpCM }
        pigS = pigment.massScattering.map { c.sPerMuSPrime * eta * $0 * 10 / tpCM }
        wX = colorimetry.weightX; wY = colorimetry.weightY; wZ = colorimetry.weightZ
        self.colorimetry = colorimetry
        k1 = skin.basis.saunderson.k1; k2 = skin.basis.saunderson.k2
        skinLab = colorimetry.lab(of: skin.reflectance())
    }

    /// Checks depth, dilution and dose and returns CIELAB of the pigmented spot.
    /// `doseMgPerCm2` is the undiluted ink dose; the effective pigment dose is `dilution × dose`.
    public func lab(depthMM: Double, dilution: Double, doseMgPerCm2: Double) throws(SkinOpticsError) -> Lab {
        try validate(depthMM: depthMM, dilution: dilution, dose: doseMgPerCm2)
        return labUnchecked(depthMM: depthMM, effectiveDose: dilution * doseMgPerCm2)
    }

    func validate(depthMM: Double, dilution: Double, dose: Double) throws(SkinOpticsError) {
        guard depthMM.isFinite, depthRange.contains(depthMM) else {
            throw .depthOutOfRange(depthMM: depthMM, validRange: depthRange, epidermisMM: skin.basis.constants.epidermisThicknessMM)
        }
        guard dilution > 0, dilution <= 1 else { throw .dilutionOutOfRange(dilution) }
        guard dose > 0, dose.isFinite else { throw .concentrationOutOfRange(dose) }
    }

    /// The hot path: no checks, no allocation. `effectiveDose` in mg/cm² (dilution applied).
    public func labUnchecked(depthMM: Double, effectiveDose m: Double) -> Lab {
        let above = (depthMM - skin.basis.constants.epidermisThicknessMM) / 10  // cm
        let tp = layerThicknessMM / 10
        var x = 0.0, y = 0.0, z = 0.0
        epiR.withUnsafeBufferPointer { eR in epiT.withUnsafeBufferPointer { eT in
        dermK.withUnsafeBufferPointer { dK in dermS.withUnsafeBufferPointer { dS in
        dermA.withUnsafeBufferPointer { dA in dermB.withUnsafeBufferPointer { dB in dermRInf.withUnsafeBufferPointer { dR in
        pigK.withUnsafeBufferPointer { pK in pigS.withUnsafeBufferPointer { pS in
        wX.withUnsafeBufferPointer { wx in wY.withUnsafeBufferPointer { wy in wZ.withUnsafeBufferPointer { wz in
            for i in 0..<WavelengthGrid.count {
                // Pigment layer over semi-infinite dermis.
                let kp = dK[i] + m * pK[i], sp = dS[i] + m * pS[i]
                let ap = 1 + kp / sp
                let bp = (ap * ap - 1).squareRoot()
                let ep = Foundation.exp(-bp * sp * tp), ep2 = ep * ep
                let dp = 1 / (ap * (1 - ep2) + bp * (1 + ep2))
                let rp = (1 - ep2) * dp, tpT = 2 * bp * ep * dp
                var r = rp + tpT * tpT * dR[i] / (1 - rp * dR[i])
                // Dermis above the pigment.
                let ed = Foundation.exp(-dB[i] * dS[i] * above), ed2 = ed * ed
                let dd = 1 / (dA[i] * (1 - ed2) + dB[i] * (1 + ed2))
                let rd = (1 - ed2) * dd, td = 2 * dB[i] * ed * dd
                r = rd + td * td * r / (1 - rd * r)
                // Epidermis, then the surface.
                r = eR[i] + eT[i] * eT[i] * r / (1 - eR[i] * r)
                let rm = (1 - k1) * (1 - k2) * r / (1 - k2 * r)
                x += wx[i] * rm; y += wy[i] * rm; z += wz[i] * rm
            }
        } } } } } } } } } } } }
        return colorimetry.lab(XYZ(X: x, Y: y, Z: z))
    }

    /// Measured reflectance spectrum of the pigmented spot (allocates; for plots and tests).
    public func reflectance(depthMM: Double, effectiveDose m: Double) -> Spectrum {
        let above = (depthMM - skin.basis.constants.epidermisThicknessMM) / 10
        let values = (0..<WavelengthGrid.count).map { i -> Double in
            let p = KubelkaMunk.layer(K: dermK[i] + m * pigK[i], S: dermS[i] + m * pigS[i], thickness: layerThicknessMM / 10)
            var r = KubelkaMunk.reflectance(layerR: p.R, layerT: p.T, over: dermRInf[i])
            let d = KubelkaMunk.layer(K: dermK[i], S: dermS[i], thickness: above)
            r = KubelkaMunk.reflectance(layerR: d.R, layerT: d.T, over: r)
            r = KubelkaMunk.reflectance(layerR: epiR[i], layerT: epiT[i], over: r)
            return skin.basis.saunderson.measured(r)
        }
        return try! Spectrum(values)
    }
}
