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

    static let correction = try! TransportCorrection(dataDirectory: dataDirectory)

    /// The run-time model as shipped (two-stream × `Data/skin/transport_correction.json`,
    /// `SkinOpticalBasis.appliesTransportCorrection` on): bare skin, carbon black and warm brown
    /// at full strength and a quarter are within 1 ΔE00 of adding–doubling on every preset, what
    /// issue 25 item 2 asks of the run-time model.
    @Test("default model: every preset within 1 ΔE00 of adding–doubling (bare; carbon black and warm brown, full and a quarter)",
          arguments: skins.names)
    func defaultWithinOne(preset: String) throws {
        #expect(SkinOpticalBasis.appliesTransportCorrection)
        for (pigment, dilution) in [("carbon-black", 0.0), ("carbon-black", 1.0), ("carbon-black", 0.25), ("warm-brown", 1.0), ("warm-brown", 0.25)] {
            let d = try Self.gap(preset, pigment: pigment, dilution: dilution)
            #expect(d <= 1, "\(preset) \(pigment) × \(dilution): ΔE00 \(d)")
        }
    }

    /// Why the correction exists: the bare δ-Eddington + Saunderson stack is well over 1 ΔE00 off
    /// adding–doubling somewhere on the presets (patches over a dark deposit too bright, because
    /// obliquely backscattered light escapes too easily under Saunderson's Lambertian k₂; dark
    /// bare skin with the wrong spectral shape through a melanin-dense epidermis). If this stops
    /// failing the correction may no longer be needed.
    @Test("without the correction the two-stream is more than 1.2 ΔE00 off adding–doubling on some preset")
    func uncorrectedIsOff() throws {
        let basis = SkinOpticalBasis(constants: Self.skins.basis.constants, hemoglobin: try HemoglobinSpectra(dataDirectory: dataDirectory))
        var worst = 0.0
        for preset in ["monk-2", "monk-6", "monk-10"] {
            let skin = try SkinModel(parameters: try Self.skins.preset(named: preset).parameters, basis: basis)
            let e = PigmentedSkinEvaluator(skin: skin, pigment: try Self.pigments.pigment(named: "carbon-black"))
            for dilution in [0.0, 1.0] {
                let m = dilution * PigmentedSkin.meanDoseMgPerCm2
                worst = max(worst, deltaE2000(e.labUnchecked(depthMM: Self.depthMM, effectiveDose: m), Self.reference.lab(e, depthMM: Self.depthMM, effectiveDose: m)))
            }
        }
        #expect(worst > 1.2, "uncorrected worst ΔE00 \(worst)")
    }

    @Test("the transport correction was fitted for the current skin-model constants (else: scripts/make_transport_correction.sh)")
    func correctionIsCurrent() {
        #expect(!Self.correction.isIdentity)
        #expect(Self.correction.constants == Self.skins.basis.constants,
                "Data/skin/transport_correction.json is stale: run scripts/make_transport_correction.sh")
    }

    /// The correction is fitted over the distinct preset skins (`make-transport-correction`), and
    /// the presets are fitted with the correction on, so the two are regenerated together. The
    /// shipped table was fitted before the two forehead presets existed (11 skins; 13 today), which
    /// `correctionIsCurrent` cannot see. Every preset is still within 1 ΔE00 of adding–doubling
    /// (`defaultWithinOne`). What would close it: iterate correction and preset fit to a fixed
    /// point, then regenerate `dot_psf`, golden and the docs; and have the generator record a hash
    /// of the fitted skins instead of this count read from its provenance text.
    @Test("known gap: the correction was fitted over fewer distinct preset skins than ship today (the forehead presets came later)")
    func correctionCoversThePresets() throws {
        let match = try #require(Self.correction.provenance.firstMatch(of: /over (\d+) distinct preset skins/))
        let fitted = try #require(Int(match.1))
        let distinct = Self.skins.distinctSkins.count
        withKnownIssue("transport_correction.json predates the forehead presets: fitted over \(fitted) skins, \(distinct) ship") {
            #expect(fitted == distinct)
        }
    }

    @Test("the identity correction leaves the two-stream bit for bit; the shipped basis carries the fitted one")
    func identityIsExact() throws {
        #expect(Self.skins.basis.transportCorrection.isIdentity == !SkinOpticalBasis.appliesTransportCorrection)
        #expect(TransportCorrection.none.factor(collimated: 0.1, diffuse: 0.3, logEpidermis: -3) == 1)
    }
}
