import Foundation
import Testing
@testable import SkinOptics

@Suite("Pigment along the needle track: profile, discretisation, spectral sampling")
struct DepositTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)
    static let constants = try! SkinModelConstants(dataDirectory: dataDirectory)

    func slabs(_ kind: DepositKind, _ depth: Double, _ c: SkinModelConstants = DepositTests.constants) -> [(Double, Double, Double, Bool)] {
        var out: [(Double, Double, Double, Bool)] = []
        c.deposit.forEachSlab(kind: kind, needleDepthMM: depth, epidermisMM: c.epidermisThicknessMM, papillaryBottomMM: c.papillaryBottomMM) {
            out.append(($0, $1, $2, $3))
        }
        return out
    }

    @Test("the deposit holds the whole dose, tiles junction → needle depth without gaps, and is densest at the top",
          arguments: [0.1, 0.25, 0.27, 0.6, 1.0, 1.5, 2.0])
    func trackGeometry(depth: Double) {
        let c = Self.constants
        let s = slabs(.needleTrack, depth)
        #expect(abs(s.reduce(0) { $0 + $1.2 } - 1) < 1e-12)
        #expect(abs(s.first!.0 - c.epidermisThicknessMM) < 1e-12 && abs(s.last!.1 - depth) < 1e-12)
        for (a, b) in zip(s, s.dropFirst()) { #expect(abs(a.1 - b.0) < 1e-12) }
        let density = s.map { $0.2 / ($0.1 - $0.0) }
        for (a, b) in zip(density, density.dropFirst()) { #expect(a >= b * (1 - 1e-9), "density falls with depth") }
        for slab in s { #expect(slab.3 == (slab.1 <= c.papillaryBottomMM + 1e-12)) }
    }

    @Test("most of a 0.6 mm needle's pigment lies in the papillary dermis (61 %), and 26 % of a 1.5 mm one's")
    func papillaryShare() {
        let share = { (d: Double) in self.slabs(.needleTrack, d).filter(\.3).reduce(0) { $0 + $1.2 } }
        #expect(abs(share(0.6) - 0.612) < 0.005, "\(share(0.6))")
        #expect(abs(share(1.5) - 0.260) < 0.005, "\(share(1.5))")
    }

    @Test("a deep deposit lies only below the papillary dermis, within the band above the needle depth")
    func deepGeometry() {
        let c = Self.constants
        for depth in [0.5, 1.0, 1.5, 2.0] {
            let s = slabs(.deep, depth)
            #expect(abs(s.reduce(0) { $0 + $1.2 } - 1) < 1e-12)
            #expect(s.first!.0 >= max(c.papillaryBottomMM, depth - c.deposit.deepBandMM) - 1e-12)
            #expect(s.allSatisfy { !$0.3 })
        }
    }

    @Test("four equal-mass slabs are within 0.3 ΔE00 of 128 for every tone, pigment, deposit, depth and dose")
    func slabConvergence() throws {
        var fine = Self.constants
        fine.deposit.slabs = 128
        let fineBasis = SkinOpticalBasis(constants: fine, hemoglobin: try HemoglobinSpectra(dataDirectory: dataDirectory),
                                        transportCorrection: Self.skins.basis.transportCorrection)
        var worst = 0.0
        for tone in ["monk-1", "monk-4", "monk-7", "monk-10"] {
            let p = try Self.skins.preset(named: tone).parameters
            for pigment in ["carbon-black", "warm-brown"] {
                for kind in DepositKind.allCases {
                    let coarse = PigmentedSkinEvaluator(skin: try Self.skins.model(named: tone), pigment: try Self.pigments.pigment(named: pigment), deposit: kind)
                    let ref = PigmentedSkinEvaluator(skin: try SkinModel(parameters: p, basis: fineBasis), pigment: try Self.pigments.pigment(named: pigment), deposit: kind)
                    for d in [0.1, 0.3, 0.6, 1.0, 1.5, 2.0] {
                        for m in [0.2, 1.0, 2.53, 9.4] {
                            worst = max(worst, deltaE2000(coarse.labUnchecked(depthMM: d, effectiveDose: m), ref.labUnchecked(depthMM: d, effectiveDose: m)))
                        }
                    }
                }
            }
        }
        #expect(worst < 0.3, "worst ΔE00 \(worst)")
    }

    @Test("10 nm transport with interpolation is within 0.1 ΔE00 of the full 5 nm computation")
    func spectralSampling() throws {
        var worst = 0.0
        for tone in ["monk-1", "monk-5", "monk-8", "monk-10", "fitzpatrick-3"] {
            let skin = try Self.skins.model(named: tone)
            for pigment in ["carbon-black", "warm-brown", "cool-neutral"] {
                let pig = try Self.pigments.pigment(named: pigment)
                let fast = PigmentedSkinEvaluator(skin: skin, pigment: pig)
                let full = PigmentedSkinEvaluator(skin: skin, pigment: pig, deposit: .needleTrack, colorimetry: .standard, spectralStep: 1)
                worst = max(worst, deltaE2000(fast.skinLab, skin.lab), deltaE2000(full.skinLab, skin.lab))
                for d in [0.15, 0.6, 1.5] {
                    for m in [0.3, 2.53] {
                        worst = max(worst, deltaE2000(fast.labUnchecked(depthMM: d, effectiveDose: m), full.labUnchecked(depthMM: d, effectiveDose: m)))
                    }
                }
            }
        }
        #expect(worst < 0.1, "worst ΔE00 \(worst)")
    }

    @Test("zero dose is the bare skin, and the evaluator's spectrum integrates to its Lab")
    func zeroDoseAndSpectrum() throws {
        let ev = PigmentedSkinEvaluator(skin: try Self.skins.model(named: "monk-6"), pigment: try Self.pigments.pigment(named: "cool-neutral"))
        for d in [0.1, 0.6, 2.0] { #expect(deltaE2000(ev.labUnchecked(depthMM: d, effectiveDose: 0), ev.skinLab) < 1e-9) }
        for depth in [0.1, 0.5, 1.9] {
            let fast = ev.labUnchecked(depthMM: depth, effectiveDose: 1.7)
            let slow = Colorimetry.lab(of: ev.reflectance(depthMM: depth, effectiveDose: 1.7))
            #expect(deltaE2000(fast, slow) < 1e-9)
        }
    }
}
