import Testing
@testable import ScalpModel

@Suite("Treatment weight")
struct TreatmentWeightTests {
    @Test("0 in front of the line, 1 behind, strictly between inside the transition zone (centred on the line)",
          arguments: [4.0, 8.0, 10.0])
    func profile(transition: Double) throws {
        let design = try HairlineDesign(heightAboveBrowMM: 75, shape: .rounded, transitionMM: transition, irregularity: 0)
        let map = try Fixtures.map(.v, design)
        let lineY = HairlineCurve(design: design, chart: Fixtures.chart).y(atX: 0.5)
        let t = map.treatment
        #expect(t.value(x: 0.5, y: lineY - transition / 2 - 2) == 0)
        #expect(t.value(x: 0.5, y: lineY + transition / 2 + 2) == 1)
        let inside = t.value(x: 0.5, y: lineY + transition / 4)
        #expect(inside > 0.5 && inside < 1)
        let before = t.value(x: 0.5, y: lineY - transition / 4)
        #expect(before > 0 && before < 0.5)
        // Monotone along the midline.
        var last: Float = -1
        var y = lineY - transition
        while y < lineY + transition { let v = t.value(x: 0.5, y: y); #expect(v >= last); last = v; y += 0.5 }
    }

    @Test("treatment and residual are 0 off the chart and on the forehead")
    func offChart() throws {
        let map = try Fixtures.map(.i)
        let b = Fixtures.chart.bounds
        #expect(map.treatment.value(x: b.maxX - 0.5, y: b.minY + 0.5) == 0)  // outside the outline corner
        #expect(map.residualHair.value(x: 0, y: 10) == 0)                  // forehead
        #expect(map.treatment.value(x: 0, y: 10) == 0)
        for i in 0..<map.grid.count where map.regions.labels[i] != 0 { #expect(map.scalp.values[i] >= 0.5) }
    }
}
