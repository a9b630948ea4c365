import Testing
@testable import ScalpModel

/// Targets from Bernstein & Rassman (Data/SOURCES.md): scalp ≈ 500 cm², frontal third ≈ 70 cm², crown 60–100 cm².
@Suite("Region areas")
struct RegionAreaTests {
    @Test("hair-bearing scalp of Norwood I ≈ 500 cm² (±6 %)")
    func scalpArea() throws {
        let map = try Fixtures.map(.i)
        #expect(abs(map.scalpAreaCM2 - 500) <= 30, "scalp \(map.scalpAreaCM2) cm²")
    }

    @Test("frontal ≈ 70 cm² (±10 %), crown within 60–100 cm², all eight regions present")
    func namedRegions() throws {
        let areas = try Fixtures.map(.i).regionAreasCM2
        #expect(Set(areas.keys) == ["frontal", "mid-scalp", "crown", "left-temple", "right-temple", "left-side", "right-side", "back"])
        #expect(abs(areas["frontal"]! - 70) <= 7, "frontal \(areas["frontal"]!)")
        #expect((60...100).contains(areas["crown"]!), "crown \(areas["crown"]!)")
        for (name, a) in areas { #expect(a > 10, "\(name) \(a)") }
    }

    @Test("regions partition the hair-bearing scalp: labelled area = scalp area (±1 %), left/right symmetric (±2 %)")
    func partition() throws {
        let map = try Fixtures.map(.i)
        let areas = map.regionAreasCM2
        let total = areas.values.reduce(0, +)
        #expect(abs(total / map.scalpAreaCM2 - 1) < 0.01)
        #expect(abs(areas["left-side"]! / areas["right-side"]! - 1) < 0.02)
        #expect(abs(areas["left-temple"]! / areas["right-temple"]! - 1) < 0.02)
        // Left is the client's left: negative x.
        #expect(map.regions.name(x: -100, y: 150) == "left-side")
    }

    @Test("region areas scale with circumference squared, and a coarser grid agrees (±3 %)")
    func scaling() throws {
        let small = try HeadChart(circumferenceMM: 540)
        let a570 = try Fixtures.map(.i).regionAreasCM2
        let a540 = try ScalpMap(chart: small, atlas: Fixtures.atlas, stage: .i, hairline: HairlineDesign()).regionAreasCM2
        let k2 = (540.0 / 570) * (540.0 / 570)
        #expect(abs(a540["crown"]! / (a570["crown"]! * k2) - 1) < 0.03)
        let coarse = try ScalpMap(chart: Fixtures.chart, atlas: Fixtures.atlas, stage: .i, hairline: HairlineDesign(), cellSizeMM: 2)
        #expect(abs(coarse.regionAreasCM2["frontal"]! / a570["frontal"]! - 1) < 0.03)
    }
}
