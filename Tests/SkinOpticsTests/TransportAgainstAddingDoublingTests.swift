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

    /// The presets the correction does not bring within 1 ΔE00 of adding–doubling (their own
    /// known-issue test, `monk8TransportGap`).
    static let transportUnreached: Set<String> = ["monk-8"]
    static let transportChecks = [("carbon-black", 0.0), ("carbon-black", 1.0), ("carbon-black", 0.25), ("warm-brown", 1.0), ("warm-brown", 0.25)]

    /// The run-time model as shipped (two-stream × `Data/skin/transport_correction.json`,
    /// `SkinOpticalBasis.appliesTransportCorrection` on): bare skin, carbon black and warm brown
    /// at full strength and a quarter are within 1 ΔE00 of adding–doubling on every preset but
    /// monk-8, what issue 25 item 2 asks of the run-time model.
    @Test("default model: every preset but monk-8 within 1 ΔE00 of adding–doubling (bare; carbon black and warm brown, full and a quarter)",
          arguments: skins.names.filter { !transportUnreached.contains($0) })
    func defaultWithinOne(preset: String) throws {
        #expect(SkinOpticalBasis.appliesTransportCorrection)
        for (pigment, dilution) in Self.transportChecks {
            let d = try Self.gap(preset, pigment: pigment, dilution: dilution)
            #expect(d <= 1, "\(preset) \(pigment) × \(dilution): ΔE00 \(d)")
        }
    }

    /// monk-8's fit (Wee et al.'s nose tip and upper lip, itself a known gap: `monk8Unreached`)
    /// ends with blood at its 2 % ceiling and scattering at its 0.75 floor, the corner of the
    /// preset set where the 10-term correction fits worst: bare skin 1.06 and warm brown at a
    /// quarter 1.03 ΔE00 from adding–doubling (every other preset and check ≤ 1). Before the fit
    /// tried several starts it ended in a worse basin (scattering at its 1.33 ceiling, 4.48 ΔE00
    /// from its target against 3.50 now) where the correction reached it. A cubic correction or
    /// colour-weighted fitting did not help (each broke monk-1 instead). What would close it: a
    /// scalp or forehead target for skin this dark (the site, not the transport, is the outlier),
    /// or a correction with a feature that tells blood-rich skin apart.
    @Test("known gap: monk-8 (blood at its ceiling, scattering at its floor) is just over 1 ΔE00 from adding–doubling")
    func monk8TransportGap() throws {
        var worst = 0.0
        for (pigment, dilution) in Self.transportChecks {
            worst = max(worst, try Self.gap("monk-8", pigment: pigment, dilution: dilution))
        }
        #expect(worst < 1.2, "monk-8 stays close: worst ΔE00 \(worst)")
        withKnownIssue("monk-8's fitted skin lies where the transport correction fits worst (Data/skin/README.md)") {
            #expect(worst <= 1, "monk-8 worst ΔE00 \(worst)")
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
    /// the presets are fitted with the correction on, so the two are regenerated together until
    /// they agree: correction, presets, correction, presets (two rounds reach it to 1 %;
    /// `refitReproduces` checks the presets' side). `correctionIsCurrent` sees only
    /// the model constants; this sees a preset added or refitted since the table was made (as the
    /// two forehead presets once were).
    @Test("the correction was fitted over exactly today's distinct preset skins, with their parameters")
    func correctionCoversThePresets() throws {
        let fitted = try #require(Self.correction.fittedSkins, "transport_correction.json records no fitted skins: run scripts/make_transport_correction.sh")
        let distinct = Self.skins.distinctSkins
        #expect(fitted.map(\.name) == distinct.map(\.name))
        // The presets are refitted with this correction after it was made (so their stored colours
        // are the model's), and agree with the skins it was fitted over as closely as a refit
        // reproduces them (`refitReproduces`: 1 % in melanin).
        for (f, d) in zip(fitted, distinct) {
            let a = f.parameters, b = d.parameters
            let ratios = [a.melaninFraction / b.melaninFraction, a.bloodFraction / b.bloodFraction,
                          a.scatteringScale / b.scatteringScale, a.pheomelaninShare / b.pheomelaninShare]
            #expect(ratios.allSatisfy { abs($0 - 1) < 0.01 },
                    "\(d.name): fitted over \(a), presets.json has \(b): regenerate in the order of Data/skin/README.md")
        }
        #expect(Self.correction.provenance.contains("over \(distinct.count) distinct preset skins"))
    }

    @Test("the identity correction leaves the two-stream bit for bit; the shipped basis carries the fitted one")
    func identityIsExact() throws {
        #expect(Self.skins.basis.transportCorrection.isIdentity == !SkinOpticalBasis.appliesTransportCorrection)
        #expect(TransportCorrection.none.factor(collimated: 0.1, diffuse: 0.3, logEpidermis: -3) == 1)
    }
}
