import Foundation
import Testing
@testable import SkinOptics

/// Follow-ups evaluate each session's faded pigment with `replacingPigment`, which keeps the
/// base evaluator's colour-matching weights and bare-skin colour. It must give exactly (bit for
/// bit) what a freshly built evaluator gives, or report figures would move.
@Suite("PigmentedSkinEvaluator.replacingPigment and FadingPigmentEvaluator")
struct ReplacingPigmentTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)

    @Test("a faded pigment swapped in = a fresh evaluator of it, for every deposit kind", arguments: DepositKind.allCases)
    func replacingEqualsFresh(deposit: DepositKind) throws {
        for skinName in ["monk-2", "monk-6", "monk-10"] {
            let skin = try Self.skins.model(named: skinName)
            for pigmentName in Self.pigments.names {
                let pigment = try Self.pigments.pigment(named: pigmentName)
                let base = PigmentedSkinEvaluator(skin: skin, pigment: pigment, deposit: deposit)
                // Fade every component by a different amount, as the fade model does.
                var remaining: [String: Double] = [:]
                for (k, c) in pigment.components.enumerated() { remaining[c.component.name] = 0.9 - 0.2 * Double(k) }
                let faded = pigment.scaled(remaining: remaining)
                let fresh = PigmentedSkinEvaluator(skin: skin, pigment: faded, deposit: deposit)
                let swapped = base.replacingPigment(faded)
                let reweighted = FadingPigmentEvaluator(base).faded(remaining: remaining)
                #expect(swapped.skinLab == fresh.skinLab && reweighted.skinLab == fresh.skinLab)
                #expect(reweighted.pigMuA == fresh.pigMuA && reweighted.pigMuS == fresh.pigMuS)
                #expect(reweighted.pigment == faded)
                for depth in [0.3, 0.6, 1.2] where fresh.depthRange.contains(depth) {
                    let a = try swapped.lab(depthMM: depth, dilution: 0.7, doseMgPerCm2: 2.53)
                    let b = try fresh.lab(depthMM: depth, dilution: 0.7, doseMgPerCm2: 2.53)
                    #expect(a == b, "\(skinName) \(pigmentName) \(deposit) \(depth) mm")
                    #expect(try reweighted.lab(depthMM: depth, dilution: 0.7, doseMgPerCm2: 2.53) == b)
                    // and fading did change the colour, so the test is not comparing equal inputs
                    #expect(a != (try base.lab(depthMM: depth, dilution: 0.7, doseMgPerCm2: 2.53)))
                }
            }
        }
    }
}
