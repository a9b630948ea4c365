import Testing
@testable import Impressions

@Suite("Healing spread model")
struct HealingModelTests {
    let model = HealingModel()

    @Test("closed-form value: 0.25 mm needle, 0.9 mm deep, oily skin")
    func closedForm() {
        // 0.5 · 0.25 · (1 + 0.75 · 0.3/0.6) · 1.2 = 0.125 · 1.375 · 1.2 = 0.20625 mm
        let d = model.healedDiameterMM(needleMM: 0.25, depthMM: 0.9, skin: .oily)
        #expect(abs(d - 0.20625) < 1e-12)
    }

    @Test("well-done work heals to 90–150 µm across the 0.18–0.30 mm needle range")
    func typicalRange() {
        #expect(abs(model.healedDiameterMM(needleMM: 0.18, depthMM: 0.6, skin: .normal) - 0.09) < 1e-12)
        #expect(abs(model.healedDiameterMM(needleMM: 0.30, depthMM: 0.5, skin: .normal) - 0.15) < 1e-12)
    }

    @Test("monotone in needle, depth and oiliness")
    func monotone() {
        let depths = stride(from: 0.2, through: 1.5, by: 0.05).map { $0 }
        for skin in SkinOiliness.allCases {
            let ds = depths.map { model.healedDiameterMM(needleMM: 0.2, depthMM: $0, skin: skin) }
            #expect(zip(ds, ds.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(ds.last! > ds.first!)  // deep dots do spread
        }
        let byNeedle = [0.18, 0.2, 0.25, 0.3].map { model.healedDiameterMM(needleMM: $0, depthMM: 0.8, skin: .normal) }
        #expect(zip(byNeedle, byNeedle.dropFirst()).allSatisfy { $0 < $1 })
        let bySkin = SkinOiliness.allCases.map { model.healedDiameterMM(needleMM: 0.2, depthMM: 0.8, skin: $0) }
        #expect(bySkin[0] < bySkin[1] && bySkin[1] < bySkin[2])
    }

    @Test("impressions carry the healed diameter, depth and session")
    func impressions() {
        let dots = model.impressions(at: [SIMD2(1, 2)], needleMM: 0.2, depthMM: 0.6, skin: .normal, session: 3)
        #expect(dots == [Impression(x: 1, y: 2, diameterMM: 0.1, depthMM: 0.6, session: 3)])
        #expect(MemoryLayout<Impression>.stride <= 64)
    }
}
