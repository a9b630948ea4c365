import Foundation
import Testing
@testable import SkinOptics

/// The run-time transport (δ-Eddington two-stream + Saunderson surface) held to the
/// adding–doubling reference on the *same* layered problem: every preset, bare and with
/// carbon black at the default needle depth (0.6 mm) and mean dose, full strength and a quarter.
/// Issue 25 asks for ≤ 1 ΔE00; the run-time model meets it through the correction fitted offline to
/// adding–doubling (`TransportCorrection`).
@Suite("Run-time transport against adding–doubling")
struct TransportAgainstAddingDoublingTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)
    static let reference = AddingDoubling.SkinReference(refractiveIndex: skins.basis.constants.refractiveIndex)
    static let depthMM = 0.6

    static func evaluator(_ preset: String, _ pigment: String = "carbon-black") throws -> PigmentedSkinEvaluator {
        PigmentedSkinEvaluator(skin: try skins.model(named: preset), pigment: try pigments.pigment(named: pigment))
    }

    /// ΔE00 between the run-time colour and the adding–doubling colour of one patch.
    static func gap(_ preset: String, pigment: String = "carbon-black", dilution: Double) throws -> Double {
        let e = try evaluator(preset, pigment)
        let m = dilution * PigmentedSkin.meanDoseMgPerCm2
        return deltaE2000(e.labUnchecked(depthMM: depthMM, effectiveDose: m), reference.lab(e, depthMM: depthMM, effectiveDose: m))
    }

    @Test("transportLayers states the evaluator's stack exactly (two-stream over the list = the evaluator)",
          arguments: [(0.3, 0.0), (0.6, 1.0), (0.6, 0.25), (1.5, 1.0), (2.0, 0.5)])
    func layersAreTheModel(depth: Double, dilution: Double) throws {
        for kind in DepositKind.allCases {
            let skin = try Self.skins.model(named: "monk-6")
            let e = PigmentedSkinEvaluator(skin: skin, pigment: try Self.pigments.pigment(named: "warm-brown"), deposit: kind)
            let m = dilution * PigmentedSkin.meanDoseMgPerCm2
            let r = e.reflectance(depthMM: depth, effectiveDose: m).values
            for i in e.transportedWavelengths {
                let fromList = AddingDoubling.SkinReference.twoStreamMeasured(
                    e.transportLayers(depthMM: depth, effectiveDose: m, wavelengthIndex: i), saunderson: skin.basis.saunderson,
                    correction: skin.basis.transportCorrection)
                #expect(abs(fromList - r[i]) < 1e-12, "\(kind) depth \(depth) sample \(i): \(fromList) vs \(r[i])")
            }
        }
    }

    @Test("adding–doubling has converged in angle on the skin: 16 and 32 directions agree within 0.1 ΔE00")
    func angularConvergence() throws {
        let fine = AddingDoubling.SkinReference(refractiveIndex: Self.skins.basis.constants.refractiveIndex, points: 32)
        for (preset, dilution) in [("monk-2", 1.0), ("monk-9", 0.0)] {
            let e = try Self.evaluator(preset)
            let m = dilution * PigmentedSkin.meanDoseMgPerCm2
            let d = deltaE2000(Self.reference.lab(e, depthMM: Self.depthMM, effectiveDose: m), fine.lab(e, depthMM: Self.depthMM, effectiveDose: m))
            #expect(d < 0.1, "\(preset) × \(dilution): \(d)")
        }
    }

    /// The default model (uncorrected δ-Eddington + Saunderson, `SkinOpticalBasis.appliesTransportCorrection`
    /// off): bare skin within 1 ΔE00 for the light and medium presets (monk-8 only just: 0.9996).
    @Test("default model: bare skin within 1 ΔE00 of adding–doubling (light and medium presets)",
          arguments: ["monk-1", "monk-2", "monk-3", "monk-4", "monk-5", "monk-6", "monk-8",
                      "fitzpatrick-1", "fitzpatrick-2", "fitzpatrick-3", "fitzpatrick-4"])
    func bareLight(preset: String) throws {
        let d = try Self.gap(preset, dilution: 0)
        #expect(d <= 1, "\(preset): ΔE00 \(d)")
    }

    /// Dark presets are off by 1.2–2.0: the δ-Eddington + Saunderson stack returns too much blue
    /// (+35 % at 400 nm) and too little red (−15 % at 620–700 nm) through a melanin-dense 0.07 mm
    /// epidermis.
    @Test("known gap (default model): bare dark skin is 1.2–2.0 ΔE00 off adding–doubling (thin absorbing epidermis)",
          arguments: ["monk-7", "monk-9", "monk-10", "fitzpatrick-5", "fitzpatrick-6"])
    func bareDark(preset: String) throws {
        let d = try Self.gap(preset, dilution: 0)
        withKnownIssue("δ-Eddington + Saunderson through a melanin-dense epidermis; closed by TransportCorrection once switched on") {
            #expect(d <= 1, "\(preset): ΔE00 \(d)")
        }
    }

    /// Carbon black, full strength and a quarter: the default model's patch is 15–37 % too bright
    /// in reflectance on every preset. The light that returns from above a dark deposit is
    /// backscattered once or twice by thin forward-scattering layers, so it travels obliquely and
    /// much of it is totally reflected at the surface; Saunderson's k₂ assumes a Lambertian upward
    /// field and lets too much of it out.
    @Test("known gap (default model): carbon black at full strength is 1.7–2.0 ΔE00 off adding–doubling (oblique backscatter escapes too easily)",
          arguments: skins.names)
    func carbonFull(preset: String) throws {
        let d = try Self.gap(preset, dilution: 1)
        withKnownIssue("Saunderson escape of single-scattered oblique light; closed by TransportCorrection once switched on") {
            #expect(d <= 1, "\(preset): ΔE00 \(d)")
        }
    }

    @Test("known gap (default model): carbon black at a quarter is 1.4–2.3 ΔE00 off adding–doubling (oblique backscatter escapes too easily)",
          arguments: skins.names)
    func carbonQuarter(preset: String) throws {
        let d = try Self.gap(preset, dilution: 0.25)
        withKnownIssue("Saunderson escape of single-scattered oblique light; closed by TransportCorrection once switched on") {
            #expect(d <= 1, "\(preset): ΔE00 \(d)")
        }
    }

    static let correction = try! TransportCorrection(dataDirectory: dataDirectory)

    /// With `Data/skin/transport_correction.json` applied (two-stream × the offline fit), bare
    /// skin, carbon black and warm brown at full strength and a quarter are within 1 ΔE00 of
    /// adding–doubling on every preset: what issue 25 item 2 asks of the run-time model.
    @Test("corrected model: every preset within 1 ΔE00 of adding–doubling (bare; carbon black and warm brown, full and a quarter)",
          arguments: skins.names)
    func correctedWithinOne(preset: String) throws {
        let basis = SkinOpticalBasis(constants: Self.skins.basis.constants, hemoglobin: try HemoglobinSpectra(dataDirectory: dataDirectory),
                                     transportCorrection: Self.correction)
        let skin = try SkinModel(parameters: try Self.skins.preset(named: preset).parameters, basis: basis)
        for (pigment, dilution) in [("carbon-black", 0.0), ("carbon-black", 1.0), ("carbon-black", 0.25), ("warm-brown", 1.0), ("warm-brown", 0.25)] {
            let e = PigmentedSkinEvaluator(skin: skin, pigment: try Self.pigments.pigment(named: pigment))
            let m = dilution * PigmentedSkin.meanDoseMgPerCm2
            let d = deltaE2000(e.labUnchecked(depthMM: Self.depthMM, effectiveDose: m), Self.reference.lab(e, depthMM: Self.depthMM, effectiveDose: m))
            #expect(d <= 1, "\(preset) \(pigment) × \(dilution): ΔE00 \(d)")
        }
    }

    @Test("the transport correction was fitted for the current skin-model constants (else: scripts/make_transport_correction.sh)")
    func correctionIsCurrent() {
        #expect(!Self.correction.isIdentity)
        #expect(Self.correction.constants == Self.skins.basis.constants,
                "Data/skin/transport_correction.json is stale: run scripts/make_transport_correction.sh")
    }

    @Test("with the correction off the evaluator is the bare two-stream, bit for bit")
    func identityIsExact() throws {
        #expect(Self.skins.basis.transportCorrection.isIdentity == !SkinOpticalBasis.appliesTransportCorrection)
        #expect(TransportCorrection.none.factor(collimated: 0.1, diffuse: 0.3, logEpidermis: -3) == 1)
    }
}
