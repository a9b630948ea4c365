import Foundation

/// Fixed constants of the skin model, read from `Data/skin/model.json` (sources and which
/// values are assumptions: Data/skin/README.md).
public struct SkinModelConstants: Codable, Equatable, Sendable {
    /// Refractive index of the stratum corneum / epidermis for the Saunderson correction.
    public var refractiveIndex: Double
    /// Scalp epidermis thickness (mm); DOMAIN: 0.06–0.1 mm.
    public var epidermisThicknessMM: Double
    /// Dermal μs′ at 500 nm (cm⁻¹) and its wavelength power b: μs′ = a (λ/500)^−b.
    public var dermisScatteringA500PerCM: Double
    public var dermisScatteringPower: Double
    /// Epidermal μs′ relative to dermal (assumption: 1).
    public var epidermisScatteringFactor: Double
    /// Haemoglobin in whole blood (g/L) and its molar mass (g/mol).
    public var hemoglobinGramsPerLiter: Double
    public var hemoglobinMolarMass: Double
    /// Oxygen saturation of dermal blood (assumption: 0.75, mixed arterial/venous).
    public var oxygenSaturation: Double
    /// K = kPerMuA·μa and S = sPerMuSPrime·μs′ (DOMAIN.md: 2 and 0.75).
    public var kPerMuA: Double
    public var sPerMuSPrime: Double
    /// Thickness of the pigment-bearing layer of an impression (mm, assumption).
    public var pigmentLayerThicknessMM: Double
    /// Deepest modelled pigment depth (mm).
    public var maxPigmentDepthMM: Double

    /// Reads `skin/model.json` under the data folder.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        self = try decodeJSON(SkinModelConstants.self, at: dataDirectory.appendingPathComponent("skin/model.json"))
    }
}

/// The per-tone free parameters of the layered skin model.
public struct SkinParameters: Codable, Equatable, Sendable {
    /// Epidermal melanin volume fraction (DOMAIN: ≈0.01 very light … 0.4+ very dark).
    public var melaninFraction: Double
    /// Dermal blood volume fraction (DOMAIN: ≈0.002–0.02).
    public var bloodFraction: Double
    /// Multiplier on the dermal (and epidermal) reduced-scattering coefficient.
    public var scatteringScale: Double
    /// Share of pheomelanin in the epidermal melanin (0 = all eumelanin).
    public var pheomelaninShare: Double

    public init(melaninFraction: Double, bloodFraction: Double, scatteringScale: Double = 1, pheomelaninShare: Double = 0) {
        self.melaninFraction = melaninFraction
        self.bloodFraction = bloodFraction
        self.scatteringScale = scatteringScale
        self.pheomelaninShare = pheomelaninShare
    }

    /// Ranges accepted by `SkinModel` (and used as bounds by the preset fit).
    public static let melaninRange = 0.001...0.8
    public static let bloodRange = 0.0005...0.1
    public static let scatteringScaleRange = 0.2...10.0
    public static let pheomelaninShareRange = 0.0...1.0
}

/// Spectra shared by all skin tones: built once from the constants and the haemoglobin table.
public struct SkinOpticalBasis: Sendable {
    public let constants: SkinModelConstants
    public let saunderson: Saunderson
    /// μa (cm⁻¹) of melanosomes, bloodless tissue and whole blood; μs′ (cm⁻¹) of dermis.
    public let melaninMuA: [Double]
    public let pheomelaninMuA: [Double]
    public let baselineMuA: [Double]
    public let bloodMuA: [Double]
    public let dermisMuSPrime: [Double]

    public init(constants: SkinModelConstants, hemoglobin: HemoglobinSpectra) {
        self.constants = constants
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

    /// Loads `skin/model.json` and `skin/hemoglobin_prahl.csv` under the data folder.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        self.init(constants: try SkinModelConstants(dataDirectory: dataDirectory),
                  hemoglobin: try HemoglobinSpectra(dataDirectory: dataDirectory))
    }
}

/// A two-layer Kubelka–Munk skin: an epidermis (melanin + baseline absorption, thickness from the
/// constants) over a semi-infinite dermis (blood + baseline absorption), with Saunderson's
/// surface correction. Treating the dermis as semi-infinite is an **assumption**: scalp dermis
/// is 1–2 mm thick over scattering subcutaneous fat, so little light returns from below it.
///
/// All per-wavelength layer quantities are precomputed here, so pigmented-skin evaluations
/// only redo the layers that depend on depth and dose.
public struct SkinModel: Sendable {
    public let parameters: SkinParameters
    public let basis: SkinOpticalBasis
    /// Epidermis K–M reflectance and transmittance.
    public let epidermisR: [Double]
    public let epidermisT: [Double]
    /// Dermis K and S (cm⁻¹) and its infinite-thickness reflectance.
    public let dermisK: [Double]
    public let dermisS: [Double]
    public let dermisRInfinity: [Double]

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
        let epiX = c.epidermisThicknessMM / 10  // cm
        var eR = [Double](repeating: 0, count: n), eT = eR, dK = eR, dS = eR, dR = eR
        for i in 0..<n {
            let muAMel = (1 - p.pheomelaninShare) * basis.melaninMuA[i] + p.pheomelaninShare * basis.pheomelaninMuA[i]
            let muAEpi = p.melaninFraction * muAMel + (1 - p.melaninFraction) * basis.baselineMuA[i]
            let muADerm = p.bloodFraction * basis.bloodMuA[i] + (1 - p.bloodFraction) * basis.baselineMuA[i]
            let muS = p.scatteringScale * basis.dermisMuSPrime[i]
            let layer = KubelkaMunk.layer(K: c.kPerMuA * muAEpi, S: c.sPerMuSPrime * muS * c.epidermisScatteringFactor, thickness: epiX)
            eR[i] = layer.R; eT[i] = layer.T
            dK[i] = c.kPerMuA * muADerm
            dS[i] = c.sPerMuSPrime * muS
            dR[i] = KubelkaMunk.infiniteReflectance(K: dK[i], S: dS[i])
        }
        epidermisR = eR; epidermisT = eT; dermisK = dK; dermisS = dS; dermisRInfinity = dR
    }

    /// Measured (specular-excluded) diffuse reflectance of the bare skin.
    public func reflectance() -> Spectrum {
        let s = basis.saunderson
        let values = (0..<WavelengthGrid.count).map { i in
            s.measured(KubelkaMunk.reflectance(layerR: epidermisR[i], layerT: epidermisT[i], over: dermisRInfinity[i]))
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
    do { return try JSONDecoder().decode(T.self, from: data) } catch {
        throw .malformedData(path: url.path, line: nil, reason: "JSON does not match the expected schema: \(error)")
    }
}
