import Testing
@testable import ScalpModel

@Suite("Hairline design")
struct HairlineDesignTests {
    let chart = Fixtures.chart

    func curve(_ shape: HairlineDesign.Shape, irregularity: Double = 0, seed: UInt64 = 0, height: Double = 75) throws -> HairlineCurve {
        HairlineCurve(design: try HairlineDesign(heightAboveBrowMM: height, shape: shape, irregularity: irregularity, seed: seed), chart: chart)
    }

    @Test("same seed → identical curve and fields; different seeds → different curves")
    func determinism() throws {
        let d1 = try HairlineDesign(irregularity: 0.6, seed: 7)
        let a = try Fixtures.map(.iii, d1), b = try Fixtures.map(.iii, d1)
        #expect(a.hairline == b.hairline)
        #expect(a.treatment == b.treatment)
        let c = try Fixtures.map(.iii, try HairlineDesign(irregularity: 0.6, seed: 8))
        #expect(a.hairline != c.hairline)
        #expect(a.treatment != c.treatment)
        let maxDiff = zip(a.hairline, c.hairline).map { abs($0.y - $1.y) }.max() ?? 0
        #expect(maxDiff > 0.5)
    }

    @Test("widow's peak sits lower (nearer the brow) on the midline than rounded")
    func widowsPeak() throws {
        let peak = try curve(.widowsPeak), round = try curve(.rounded)
        #expect(peak.y(atX: 0) < round.y(atX: 0) - 3)
        #expect(abs(peak.y(atX: 40) - round.y(atX: 40)) < 0.5)
    }

    @Test("mature has the frontotemporal corners further back than rounded")
    func mature() throws {
        let m = try curve(.mature), r = try curve(.rounded)
        let x = 0.9 * HairlineCurve.frontalHalfWidth * chart.referenceScale
        #expect(m.y(atX: x) > r.y(atX: x) + 8)
        #expect(m.y(atX: -x) > r.y(atX: -x) + 8)
        #expect(abs(m.y(atX: 0) - r.y(atX: 0)) < 1e-9)
    }

    @Test("straight with zero irregularity is flat across the front; rounded arches; noise breaks straight edges")
    func shapes() throws {
        let s = try curve(.straight)
        #expect(abs(s.y(atX: -30) - s.y(atX: 0)) < 1e-9 && abs(s.y(atX: 30) - s.y(atX: 0)) < 1e-9)
        let r = try curve(.rounded)
        #expect(r.y(atX: 40) > r.y(atX: 0) + 2)
        let n = try curve(.straight, irregularity: 0.5, seed: 3)
        let ys = stride(from: -30.0, through: 30, by: 2).map { n.y(atX: $0) }
        #expect((ys.max()! - ys.min()!) > 0.5)
    }

    @Test("midline height follows the design height; temples rise behind the front")
    func heights() throws {
        let low = try curve(.rounded, height: 68), high = try curve(.rounded, height: 80)
        #expect(high.y(atX: 0) > low.y(atX: 0) + 5)
        #expect(abs(low.y(atX: 0) - chart.chartY(heightAboveBrowMM: 68)) < 1e-9)
        #expect(low.y(atX: 110) > low.y(atX: 0) + 20)
    }

    @Test("hairline points run left → right inside the chart and cross the midline")
    func points() throws {
        let map = try Fixtures.map(.i, try HairlineDesign(irregularity: 0.5, seed: 1))
        let pts = map.hairline
        #expect(pts.count > 150)
        #expect(zip(pts, pts.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(pts.allSatisfy { chart.contains(x: $0.x, y: $0.y) })
        #expect(pts.first!.x < -100 && pts.last!.x > 100)
    }

    @Test("implausible inputs are typed errors naming the field", arguments: [
        (40.0, 8.0, 0.4, "height_above_brow_mm"), (75, 0, 0.4, "transition_mm"), (75, -2, 0.4, "transition_mm"),
        (75, 8, 1.5, "irregularity"), (130, 8, 0.4, "height_above_brow_mm"),
    ])
    func invalid(height: Double, transition: Double, irregularity: Double, field: String) {
        do {
            _ = try HairlineDesign(heightAboveBrowMM: height, transitionMM: transition, irregularity: irregularity)
            Issue.record("expected error")
        } catch {
            #expect(error.description.contains(field))
        }
    }
}
