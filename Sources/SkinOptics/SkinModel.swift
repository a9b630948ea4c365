import Foundation
import Support

/// Fixed constants of the skin model, read from `Data/skin/model.json` (sources and which
/// values are assumptions: Data/skin/README.md). This is the one home of the skin's layer
/// geometry and of the valid needle-depth range; plans, fading and the CLI read them from here.
public struct SkinModelConstants: Codable, Equatable, Sendable {
    /// Refractive index of the stratum corneum / epidermis for the surface correction.
    public var refractiveIndex: Double
    /// Scalp epidermis thickness (mm): the dermal–epidermal junction lies at this depth.
    public var epidermisThicknessMM: Double
    /// Papillary dermis thickness (mm), below the junction; the reticular dermis lies beneath.
    public var papillaryDermisThicknessMM: Double
    /// Reticular-dermis μs′ at 500 nm (cm⁻¹) and its wavelength power b: μs′ = a (λ/500)^−b.
    public var dermisScatteringA500PerCM: Double
    public var dermisScatteringPower: Double
    /// μs′ of the papillary dermis and of the epidermis relative to the reticular dermis.
    public var papillaryScatteringFactor: Double
    public var epidermisScatteringFactor: Double
    /// Henyey–Greenstein anisotropy g of each layer (δ-scaling uses it).
    public var epidermisAnisotropy: Double
    public var papillaryAnisotropy: Double
    public var reticularAnisotropy: Double
    /// Haemoglobin in whole blood (g/L) and its molar mass (g/mol).
    public var hemoglobinGramsPerLiter: Double
    public var hemoglobinMolarMass: Double
    /// Oxygen saturation of dermal blood (assumption: 0.75, mixed arterial/venous).
    public var oxygenSaturation: Double
    /// Deepest modelled needle depth (mm).
    public var maxPigmentDepthMM: Double
    /// The needle depths recommended for SMP (mm): the track stays in the papillary and upper
    /// reticular dermis (**assumption**, see Data/skin/README.md). `color solve` searches it.
    public var recommendedNeedleDepthMM: [Double]
    /// How the healed pigment of one impression lies along its needle track.
    public var deposit: DepositProfile

    /// Reads `skin/model.json` under the data folder.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("skin/model.json")
        self = try decodeJSON(SkinModelConstants.self, at: url)
        if let problem = validationProblem {
            throw .malformedData(path: url.path, line: nil, reason: problem)
        }
    }

    /// The limits these constants set (the needle depths, the epidermis): `PhysicalLimits`.
    public var limits: PhysicalLimits { PhysicalLimits(constants: self) }

    /// The needle depths the model accepts (mm): below the epidermis, at most `maxPigmentDepthMM`
    /// (`limits.needleDepthMM` as a closed range).
    public var needleDepthRange: ClosedRange<Double> { limits.needleDepthMM.closed }

    /// `recommendedNeedleDepthMM` as a range.
    public var recommendedNeedleDepthRange: ClosedRange<Double> { recommendedNeedleDepthMM[0]...recommendedNeedleDepthMM[1] }

    /// Depth of the papillary/reticular boundary below the surface (mm).
    public var papillaryBottomMM: Double { epidermisThicknessMM + papillaryDermisThicknessMM }

    var validationProblem: String? {
        let positive: [(String, Double)] = [
            ("refractiveIndex", refractiveIndex - 1), ("epidermisThicknessMM", epidermisThicknessMM),
            ("papillaryDermisThicknessMM", papillaryDermisThicknessMM), ("dermisScatteringA500PerCM", dermisScatteringA500PerCM),
            ("papillaryScatteringFactor", papillaryScatteringFactor), ("epidermisScatteringFactor", epidermisScatteringFactor),
            ("maxPigmentDepthMM", maxPigmentDepthMM - epidermisThicknessMM),
        ]
        for (name, v) in positive where !(v > 0 && v.isFinite) { return "\(name) out of range" }
        for (name, g) in [("epidermisAnisotropy", epidermisAnisotropy), ("papillaryAnisotropy", papillaryAnisotropy),
                          ("reticularAnisotropy", reticularAnisotropy)] where !(g >= 0 && g < 1) {
            return "\(name) \(g) outside [0, 1)"
        }
        if recommendedNeedleDepthMM.count != 2 || !(recommendedNeedleDepthMM[0] > epidermisThicknessMM)
            || !(recommendedNeedleDepthMM[0] < recommendedNeedleDepthMM[1]) || !(recommendedNeedleDepthMM[1] <= maxPigmentDepthMM) {
            return "recommendedNeedleDepthMM must be [low, high] with epidermis < low < high ≤ maxPigmentDepthMM"
        }
        return deposit.validationProblem
    }
}

/// The per-tone free parameters of the layered skin model.
public struct SkinParameters: Codable, Equatable, Sendable {
    /// Epidermal melanosome volume fraction (Jacques: light 1.3–6.3 %, moderate 11–16 %, dark 18–43 %).
    public var melaninFraction: Double
    /// Dermal blood volume fraction (≈0.002–0.02, Jacques 2013; Data/SOURCES.md).
    public var bloodFraction: Double
    /// Multiplier on every layer's reduced-scattering coefficient.
    public var scatteringScale: Double
    /// Share of pheomelanin in the epidermal melanin (0 = all eumelanin).
    public var pheomelaninShare: Double

    public init(melaninFraction: Double, bloodFraction: Double, scatteringScale: Double = 1, pheomelaninShare: Double = 0) {
        self.melaninFraction = melaninFraction
        self.bloodFraction = bloodFraction
        self.scatteringScale = scatteringScale
        self.pheomelaninShare = pheomelaninShare
    }

    /// Ranges accepted by `SkinModel` (the preset fit uses narrower, published bounds).
    public static let melaninRange = 0.001...0.8
    public static let bloodRange = 0.0005...0.1
    public static let scatteringScaleRange = 0.2...10.0
    public static let pheomelaninShareRange = 0.0...1.0
}

/// Spectra shared by all skin tones: built once from the constants and the haemoglobin table.
public struct SkinOpticalBasis: Sendable {
    public let constants: SkinModelConstants
    public let saunderson: Saunderson
    /// μa (cm⁻¹) of melanosomes, bloodless tissue and whole blood; reticular-dermis μs′ (cm⁻¹).
    public let melaninMuA: [Double]
    public let pheomelaninMuA: [Double]
    public let baselineMuA: [Double]
    public let bloodMuA: [Double]
    public let dermisMuSPrime: [Double]
    /// The offline-fitted correction of the two-stream toward adding–doubling (`TransportCorrection`);
    /// `.none` when the basis is built from constants alone.
    public let transportCorrection: TransportCorrection
    /// Share of the surface's reflection a colour-measuring instrument reads along with the
    /// diffuse colour (`skin/tones.json` `instrumentSurfaceShare`, an assumption): the skin
    /// targets and the hair colours are such readings, so the model's colours are compared with
    /// them as read (`asRead`). 0 when the basis is built from constants alone.
    public let instrumentSurfaceShare: Double

    public init(constants: SkinModelConstants, hemoglobin: HemoglobinSpectra, transportCorrection: TransportCorrection = .none,
                instrumentSurfaceShare: Double = 0) {
        self.constants = constants
        self.transportCorrection = transportCorrection
        self.instrumentSurfaceShare = instrumentSurfaceShare
        saunderson = Saunderson(refractiveIndex: constants.refractiveIndex)
        let w = WavelengthGrid.wavelengths
        melaninMuA = w.map(SkinAbsorbers.melanin)
        pheomelaninMuA = w.map(SkinAbsorbers.pheomelanin)
        baselineMuA = w.map(SkinAbsorbers.baseline)
        bloodMuA = hemoglobin.wholeBloodAbsorption(saturation: constants.oxygenSaturation,
                                                   gramsPerLiter: constants.hemoglobinGramsPerLiter,
                                                   molarMass: constants.hemoglobinMolarMass)
        dermisMuSPrime = w.map { SkinAbsorbers.reducedScattering($0, a: constants.dermisScatteringA500PerCM, b: constants.dermisScatteringPower) }
    }

    /// Whether the skin model of the data folder applies `skin/transport_correction.json`.
    ///
    /// On since the preset refit (issue 25 item 1): with it the run-time colours are within 1 ΔE00
    /// of adding–doubling on every preset bare, at full strength and at a quarter
    /// (`TransportAgainstAddingDoublingTests`). The presets, the correction and the dot
    /// point-spread table are generated in that order (Data/skin/README.md, "Regenerating").
    public static let appliesTransportCorrection = true

    /// Loads `skin/model.json` and `skin/hemoglobin_prahl.csv` under the data folder, and
    /// `skin/transport_correction.json` when `appliesTransportCorrection`.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        self.init(constants: try SkinModelConstants(dataDirectory: dataDirectory),
                  hemoglobin: try HemoglobinSpectra(dataDirectory: dataDirectory),
                  transportCorrection: Self.appliesTransportCorrection ? try TransportCorrection(dataDirectory: dataDirectory) : .none,
                  instrumentSurfaceShare: try SkinToneTargets(dataDirectory: dataDirectory).instrumentSurfaceShare.value)
    }

    /// A model colour (specular excluded) as the instruments behind the skin targets and hair
    /// colours read it: `instrumentSurfaceShare` × white added. What is compared with hair.
    public func asRead(_ lab: Lab) -> Lab { SurfaceReflection.adding(share: instrumentSurfaceShare, to: lab) }
}

/// Layered skin under δ-scaled two-stream transport (`TwoStream`): a melanin epidermis over a
/// papillary dermis (less scattering) over a semi-infinite reticular dermis, both dermal layers
/// with blood and baseline absorption, under the refractive-index step of the surface.
///
///     surface ── n = 1.4: beam enters with 1 − k₁, diffuse light leaves with 1 − k₂
///     epidermis            t_e                 melanin + baseline; μs′ × epidermis factor
///     papillary dermis     t_p                 blood + baseline;   μs′ × papillary factor
///     reticular dermis     semi-infinite       blood + baseline;   μs′
///
/// Treating the reticular dermis as semi-infinite is an **assumption**: scalp dermis is 1–2 mm
/// thick over scattering fat, so little light returns from below it. Everything that does not
/// depend on pigment is precomputed here per wavelength.
public struct SkinModel: Sendable {
    public let parameters: SkinParameters
    public let basis: SkinOpticalBasis
    /// The epidermis as a two-stream layer, per wavelength.
    public let epidermis: [TwoStream.Layer]
    /// μa and μs′ (cm⁻¹) of the papillary and reticular dermis, per wavelength.
    public let papillaryMuA: [Double], papillaryMuSPrime: [Double]
    public let reticularMuA: [Double], reticularMuSPrime: [Double]
    /// Reflectances (collimated, diffuse) of the semi-infinite reticular dermis, per wavelength.
    public let reticularCollimatedR: [Double], reticularDiffuseR: [Double]
    /// Reflectances (collimated, diffuse) of the dermis seen from the junction, per wavelength.
    public let dermisCollimatedR: [Double], dermisDiffuseR: [Double]
    /// ln of the epidermis' own collimated reflectance, per wavelength: a feature of `TransportCorrection`.
    public let epidermisLogCollimatedR: [Double]

    public init(parameters p: SkinParameters, basis: SkinOpticalBasis) throws(SkinOpticsError) {
        guard SkinParameters.melaninRange.contains(p.melaninFraction) else {
            throw .parameterOutOfRange(name: "melaninFraction", value: p.melaninFraction, expected: "\(SkinParameters.melaninRange)")
        }
        guard SkinParameters.bloodRange.contains(p.bloodFraction) else {
            throw .parameterOutOfRange(name: "bloodFraction", value: p.bloodFraction, expected: "\(SkinParameters.bloodRange)")
        }
        guard SkinParameters.scatteringScaleRange.contains(p.scatteringScale) else {
            throw .parameterOutOfRange(name: "scatteringScale", value: p.scatteringScale, expected: "\(SkinParameters.scatteringScaleRange)")
        }
        guard SkinParameters.pheomelaninShareRange.contains(p.pheomelaninShare) else {
            throw .parameterOutOfRange(name: "pheomelaninShare", value: p.pheomelaninShare, expected: "\(SkinParameters.pheomelaninShareRange)")
        }
        parameters = p
        self.basis = basis
        let c = basis.constants
        let n = WavelengthGrid.count
        let epiCM = c.epidermisThicknessMM / 10, papCM = c.papillaryDermisThicknessMM / 10
        var epi: [TwoStream.Layer] = []
        epi.reserveCapacity(n)
        var pA = [Double](repeating: 0, count: n), pS = pA, rA = pA, rS = pA, rC = pA, rD = pA, dC = pA, dD = pA
        for i in 0..<n {
            let muAMel = (1 - p.pheomelaninShare) * basis.melaninMuA[i] + p.pheomelaninShare * basis.pheomelaninMuA[i]
            let muAEpi = p.melaninFraction * muAMel + (1 - p.melaninFraction) * basis.baselineMuA[i]
            let muADerm = p.bloodFraction * basis.bloodMuA[i] + (1 - p.bloodFraction) * basis.baselineMuA[i]
            let muS = p.scatteringScale * basis.dermisMuSPrime[i]
            epi.append(TwoStream.layer(muA: muAEpi, muSPrime: muS * c.epidermisScatteringFactor, g: c.epidermisAnisotropy, thickness: epiCM))
            pA[i] = muADerm; pS[i] = muS * c.papillaryScatteringFactor
            rA[i] = muADerm; rS[i] = muS
            let half = TwoStream.halfSpace(muA: rA[i], muSPrime: rS[i], g: c.reticularAnisotropy)
            rC[i] = half.collimated; rD[i] = half.diffuse
            let pap = TwoStream.layer(muA: pA[i], muSPrime: pS[i], g: c.papillaryAnisotropy, thickness: papCM)
            let dermis = TwoStream.reflectance(of: pap, over: half)
            dC[i] = dermis.collimated; dD[i] = dermis.diffuse
        }
        epidermis = epi
        epidermisLogCollimatedR = epi.map { Foundation.log(max($0.collimatedReflectance, 1e-300)) }
        papillaryMuA = pA; papillaryMuSPrime = pS; reticularMuA = rA; reticularMuSPrime = rS
        reticularCollimatedR = rC; reticularDiffuseR = rD; dermisCollimatedR = dC; dermisDiffuseR = dD
    }

    /// Measured (specular-excluded) diffuse reflectance of the bare skin, with the transport
    /// correction of the basis.
    public func reflectance() -> Spectrum {
        let s = basis.saunderson, corr = basis.transportCorrection
        let values = (0..<WavelengthGrid.count).map { i in
            let r = TwoStream.reflectance(of: epidermis[i], over: (dermisCollimatedR[i], dermisDiffuseR[i]))
            return s.measured(collimated: r.collimated, diffuse: r.diffuse)
                * corr.factor(collimated: r.collimated, diffuse: r.diffuse, logEpidermis: epidermisLogCollimatedR[i])
        }
        return try! Spectrum(values)
    }

    /// CIELAB of the bare skin under D65.
    public var lab: Lab { Colorimetry.lab(of: reflectance()) }
}

/// Decodes a JSON file, turning IO and decoding failures into `SkinOpticsError`s that name the file.
func decodeJSON<T: Decodable>(_ type: T.Type, at url: URL) throws(SkinOpticsError) -> T {
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw .missingFile(path: url.path) }
    do { return try StippleJSON.decoder().decode(T.self, from: data) } catch {
        throw .malformedData(path: url.path, line: nil, reason: "JSON does not match the expected schema: \(error)")
    }
}
