import Foundation
import Testing
@testable import SkinOptics

/// Held-out measured skin: the sun-exposed forehead of the cohorts whose inner forearms the light
/// presets are fitted to (Xiao et al. 2017; `Data/skin/tones.json` `heldOut`). Nothing was tuned
/// to these colours. A bald scalp is sun exposed, so they check whether the model, inside the
/// same bounds and priors, reaches such skin, and how it differs from the forearm preset.
@Suite("Held-out sun-exposed skin: foreheads of the forearm targets' cohorts")
struct SunExposedTargetTests {
    static let targets = try! SkinToneTargets(dataDirectory: dataDirectory)
    static let library = try! SkinLibrary(dataDirectory: dataDirectory)

    struct Fit { let name: String; let forehead: SkinPresetFitter.Result; let atBound: [String]; let forearm: SkinPreset }

    static let fits: [Fit] = (targets.heldOut ?? []).map { h in
        let fitter = targets.fitter(basis: library.basis, melaninClass: h.melaninClass)
        let r = try! fitter.fit(target: h.target.lab, name: h.name)
        return Fit(name: h.name, forehead: r, atBound: fitter.parametersAtBound(r.parameters), forearm: try! library.preset(named: h.pairedWith))
    }

    @Test("both foreheads are held out and reached within 3 ΔE00 inside the presets' bounds")
    func reached() {
        #expect(Self.fits.map(\.name) == ["caucasian-forehead", "chinese-forehead"])
        for f in Self.fits {
            #expect(f.forehead.residualDeltaE00 < 3, "\(f.name): ΔE00 \(f.forehead.residualDeltaE00)")
            let p = f.forehead.parameters
            #expect(SkinPresetFitter.literatureBloodBounds.contains(p.bloodFraction), "\(f.name): blood \(p.bloodFraction)")
            #expect((0.05...0.6).contains(p.pheomelaninShare))
        }
    }

    @Test("the sun-exposed forehead takes more blood and more melanin than its cohort's forearm (redder and darker)")
    func moreBloodAndMelanin() {
        for f in Self.fits {
            let head = f.forehead.parameters, arm = f.forearm.parameters
            #expect(head.bloodFraction > arm.bloodFraction, "\(f.name): blood \(head.bloodFraction) vs forearm \(arm.bloodFraction)")
            #expect(head.melaninFraction > arm.melaninFraction, "\(f.name): melanin \(head.melaninFraction) vs forearm \(arm.melaninFraction)")
        }
    }
}
