import Testing
@testable import ScalpModel

@Suite("Target density")
struct TargetDensityTests {
    @Test("fully bald, treated cell gets exactly the design density; covered and forehead cells get 0")
    func closedForm() throws {
        let vii = try Fixtures.map(.vii)
        let vertexY = Fixtures.chart.glabellaRadius
        #expect(vii.residualHair.value(x: 0, y: vertexY) == 0)
        #expect(vii.treatment.value(x: 0, y: vertexY) == 1)
        let target = vii.targetDensity(designPerCM2: 110)
        #expect(target.value(x: 0, y: vertexY) == 110)
        #expect(target.value(x: 0, y: 5) == 0)
        let full = try Fixtures.map(.i).targetDensity(designPerCM2: 110)
        #expect(full.value(x: 0, y: vertexY) == 0)
    }

    @Test("every cell equals design × (1 − residual) × treatment, and the field stays within [0, design]")
    func formula() throws {
        let map = try Fixtures.map(.iv, try HairlineDesign(irregularity: 0.3, seed: 5))
        let t = map.targetDensity(designPerCM2: 80)
        for i in stride(from: 0, to: map.grid.count, by: 7) {
            let expected = 80 * (1 - map.residualHair.values[i]) * map.treatment.values[i]
            #expect(abs(t.values[i] - expected) < 1e-4)
        }
        #expect(t.values.allSatisfy { $0 >= 0 && $0 <= 80 })
        #expect(t.maximum == 80)
    }

    @Test("a lower design hairline than the native line is treated at full design density")
    func loweredHairline() throws {
        let map = try Fixtures.map(.i, try HairlineDesign(heightAboveBrowMM: 60, irregularity: 0))
        let native = Fixtures.chart.chartY(heightAboveBrowMM: Fixtures.atlas.nativeHairline.heightAboveBrowMM)
        let between = (Fixtures.chart.chartY(heightAboveBrowMM: 60) + native) / 2
        #expect(map.targetDensity(designPerCM2: 100).value(x: 0, y: between) > 90)
    }
}
