import Testing
@testable import Impressions

@Suite("Healing spread model")
struct HealingModelTests {
    let model = HealingModel()

    @Test("closed-form value: 0.25 mm needle in a 3RL group, oily skin")
    func closedForm() {
        // 0.8 · 0.25 · (1 + 1/sin(π/3)) · 1.2 = 0.2 · 2.1547 · 1.2 = 0.51713 mm
        let d = model.healedDiameterMM(needleMM: 0.25, grouping: .rl3, depthMM: 0.9, skin: .oily)
        #expect(abs(d - 0.2 * (1 + 2 / 3.0.squareRoot()) * 1.2) < 1e-12)
        // With a depth spread s the excess depth widens it: (1 + s · 0.3/0.6).
        let spreading = HealingModel(depthSpread: 0.75)
        #expect(abs(spreading.healedDiameterMM(needleMM: 0.25, depthMM: 0.9, skin: .oily) - 0.2 * 1.375 * 1.2) < 1e-12)
    }

    @Test("1RL columns 0.14–0.24 mm across the 0.18–0.30 mm needle range, inside the 0.1–0.3 mm sources allow")
    func typicalRange() {
        #expect(abs(model.healedDiameterMM(needleMM: 0.18, depthMM: 0.6, skin: .normal) - 0.144) < 1e-12)
        #expect(abs(model.healedDiameterMM(needleMM: 0.30, depthMM: 0.5, skin: .normal) - 0.24) < 1e-12)
        for needle in [0.18, 0.2, 0.25, 0.3] {
            let d = model.healedDiameterMM(needleMM: needle, depthMM: 0.6, skin: .normal)
            #expect(d >= 0.1 && d <= 0.3)
        }
    }

    @Test("groupings: a 3RL footprint is about twice a single needle's, 5RL wider still")
    func groupings() {
        let one = model.healedDiameterMM(needleMM: 0.2, grouping: .rl1, depthMM: 0.6, skin: .normal)
        let three = model.healedDiameterMM(needleMM: 0.2, grouping: .rl3, depthMM: 0.6, skin: .normal)
        let five = model.healedDiameterMM(needleMM: 0.2, grouping: .rl5, depthMM: 0.6, skin: .normal)
        #expect(three / one > 2 && three / one < 2.2)
        #expect(five > three)
    }

    @Test("monotone in needle, depth and oiliness")
    func monotone() {
        let depths = stride(from: 0.2, through: 1.5, by: 0.05).map { $0 }
        for skin in SkinOiliness.allCases {
            let ds = depths.map { model.healedDiameterMM(needleMM: 0.2, depthMM: $0, skin: skin) }
            #expect(zip(ds, ds.dropFirst()).allSatisfy { $0 <= $1 })
            // The column itself does not widen with depth by default: a deep track reads wider
            // through its light transport (SkinOptics DotLook), not by a special case here.
            #expect(ds.last! == ds.first!)
        }
        let byNeedle = [0.18, 0.2, 0.25, 0.3].map { model.healedDiameterMM(needleMM: $0, depthMM: 0.8, skin: .normal) }
        #expect(zip(byNeedle, byNeedle.dropFirst()).allSatisfy { $0 < $1 })
        let bySkin = SkinOiliness.allCases.map { model.healedDiameterMM(needleMM: 0.2, depthMM: 0.8, skin: $0) }
        #expect(bySkin[0] < bySkin[1] && bySkin[1] < bySkin[2])
    }

    @Test("impressions carry the healed diameter, depth and session")
    func impressions() {
        let dots = model.impressions(at: [SIMD2(1, 2)], needleMM: 0.2, depthMM: 0.6, skin: .normal, session: 3)
        #expect(dots == [Impression(x: 1, y: 2, diameterMM: Float(0.8 * 0.2), depthMM: 0.6, session: 3)])
        #expect(MemoryLayout<Impression>.stride <= 64)
    }
}
