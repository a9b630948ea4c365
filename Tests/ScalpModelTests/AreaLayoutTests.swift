import Foundation
@testable import ScalpModel
import Support
import Testing

/// Treatment areas: shape geometry against closed forms, shape validation, the feathered
/// target field, the overlap rule, and seeded FUE scar generation.
@Suite("Treatment areas: geometry, validation, fields, overlap, FUE scars")
struct AreaLayoutTests {
    static let square = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 20, y: 100), .init(x: 20, y: 120), .init(x: 0, y: 120)])

    @Test("signed distance and area match closed forms for a circle and a square")
    func geometry() {
        let circle = TreatmentArea.Shape.circle(centre: .init(x: 10, y: 120), radiusMM: 5)
        #expect(abs(circle.signedDistance(x: 10, y: 120) + 5) < 1e-12)
        #expect(abs(circle.signedDistance(x: 18, y: 120) - 3) < 1e-12)
        #expect(abs(circle.areaMM2 - 25 * Double.pi) < 1e-9)
        let sq = Self.square
        #expect(abs(sq.areaMM2 - 400) < 1e-9)
        #expect(abs(sq.signedDistance(x: 10, y: 110) + 10) < 1e-12)   // centre: 10 mm from every side
        #expect(abs(sq.signedDistance(x: 23, y: 110) - 3) < 1e-12)
        #expect(abs(sq.signedDistance(x: 23, y: 124) - 5) < 1e-12)    // corner: 3-4-5
        #expect(sq.contains(x: 1, y: 101) && !sq.contains(x: -1, y: 101))
        let c = sq.centroid
        #expect(abs(c.x - 10) < 1e-9 && abs(c.y - 110) < 1e-9)
    }

    @Test("bad shapes are rejected with the field that is wrong")
    func validation() {
        let twoPoints = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 10, y: 100)])
        #expect(twoPoints.validationProblem?.field == "points_mm")
        #expect(twoPoints.validationProblem?.message.contains("at least 3 points") == true)
        let bowTie = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 10, y: 110), .init(x: 10, y: 100), .init(x: 0, y: 110)])
        #expect(bowTie.validationProblem?.message.contains("crosses itself") == true)
        let line = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 5, y: 100), .init(x: 10, y: 100)])
        #expect(line.validationProblem?.message.contains("no area") == true)
        let repeated = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 0, y: 100), .init(x: 10, y: 110), .init(x: 0, y: 110)])
        #expect(repeated.validationProblem?.message.contains("same point") == true)
        #expect(TreatmentArea.Shape.circle(centre: .init(x: 0, y: 100), radiusMM: 0).validationProblem?.field == "radius_mm")
        #expect(TreatmentArea.Shape.circle(centre: .init(x: 0, y: 100), radiusMM: -3).validationProblem?.field == "radius_mm")
        #expect(Self.square.validationProblem == nil)
        // A concave (but simple) polygon is fine: an L shape.
        let ell = TreatmentArea.Shape.polygon([.init(x: 0, y: 100), .init(x: 20, y: 100), .init(x: 20, y: 105),
                                               .init(x: 5, y: 105), .init(x: 5, y: 120), .init(x: 0, y: 120)])
        #expect(ell.validationProblem == nil)
        #expect(!ell.contains(x: 10, y: 110))
    }

    @Test("an area off the scalp chart is an error naming the shape field and the chart's extent")
    func offChart() {
        let area = TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: .init(x: 140, y: 130), radiusMM: 20))
        #expect {
            try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 1)
        } throws: { error in
            guard let e = error as? AreaError else { return false }
            return e.index == 0 && e.field == "centre_mm" && e.message.contains("leaves the scalp chart")
        }
    }

    static func fields(_ areas: [TreatmentArea], baseHair: Float = 1, design: Double = 110)
        throws -> (layout: AreaLayout, grid: ChartGrid, target: ScalarField, residual: ScalarField) {
        let layout = try AreaLayout(areas: areas, chart: Fixtures.chart, seed: 7)
        let grid = ChartGrid(covering: -60, 60, 60, 180, cellSize: 1)
        let f = layout.fields(grid: grid, baseResidual: ScalarField(grid: grid, repeating: baseHair), designPerCM2: design)
        return (layout, grid, f.target, f.residual)
    }

    @Test("a patch is bald and at full target inside, feathered outside, untouched beyond its transition")
    func patchField() throws {
        let area = TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: .init(x: 0, y: 120), radiusMM: 10), transitionMM: 4)
        let (_, grid, target, residual) = try Self.fields([area])
        var previous = Float.infinity
        for k in 0..<30 {
            let x = 0.5 + Double(k)    // cell centres along the radius
            let t = target.value(x: x, y: 120.5), h = residual.value(x: x, y: 120.5)
            let d = hypot(x, 0.5) - 10
            if d <= 0 { #expect(abs(t - 110) < 1e-4); #expect(h == 0) }
            // No cell whose far corner is beyond the band is treated.
            if d + grid.cellSize * 0.5.squareRoot() > 4 { #expect(t == 0); #expect(h == 1) }
            #expect(t <= previous)
            previous = t
        }
        // The taper is soft: some cell in the band has a target strictly between 0 and full.
        let band = (11...13).map { target.value(x: Double($0) + 0.5, y: 120.5) }
        #expect(band.contains { $0 > 5 && $0 < 105 })
    }

    @Test("a thinning area's target is the shortfall against its stated remaining hair")
    func thinningShortfall() throws {
        let area = TreatmentArea(kind: .thinning, shape: Self.square, remainingHairFraction: 0.4)
        let (_, _, target, residual) = try Self.fields([area], baseHair: 1)
        #expect(abs(Double(target.value(x: 10, y: 110)) - 110 * 0.6) < 1e-3)
        #expect(abs(residual.value(x: 10, y: 110) - 0.4) < 1e-6)
        // Without a stated fraction it keeps the pattern's hair (all of it here: nothing to do).
        let plain = TreatmentArea(kind: .thinning, shape: Self.square)
        #expect(try Self.fields([plain], baseHair: 1).target.value(x: 10, y: 110) == 0)
        #expect(abs(Double(try Self.fields([plain], baseHair: 0.25).target.value(x: 10, y: 110)) - 110 * 0.75) < 1e-3)
    }

    @Test("where areas overlap the highest target applies and the lowest stated hair (bald wins)")
    func overlapRule() throws {
        let low = TreatmentArea(kind: .custom, shape: .circle(centre: .init(x: 0, y: 120), radiusMM: 10), targetDensityPerCM2: 60)
        let high = TreatmentArea(kind: .custom, shape: .circle(centre: .init(x: 8, y: 120), radiusMM: 10), targetDensityPerCM2: 140)
        let (_, _, target, _) = try Self.fields([low, high], baseHair: 0)
        #expect(abs(target.value(x: 4.5, y: 120.5) - 140) < 1e-3)        // in both
        #expect(abs(target.value(x: -8.5, y: 120.5) - 60) < 1e-3)        // only in the low one
        // Order does not matter.
        let (_, _, swapped, _) = try Self.fields([high, low], baseHair: 0)
        #expect(swapped == target)
        // A patch inside a thinning area stays bald, and gets the full design there.
        let thinning = TreatmentArea(kind: .thinning, shape: .circle(centre: .init(x: 0, y: 120), radiusMM: 20), remainingHairFraction: 0.5)
        let patch = TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: .init(x: 0, y: 120), radiusMM: 5))
        let (_, _, t2, h2) = try Self.fields([thinning, patch], baseHair: 1)
        #expect(h2.value(x: 0.5, y: 120.5) == 0)
        #expect(abs(t2.value(x: 0.5, y: 120.5) - 110) < 1e-3)
        #expect(abs(h2.value(x: 15.5, y: 120.5) - 0.5) < 1e-6)
        #expect(abs(t2.value(x: 15.5, y: 120.5) - 55) < 1e-3)
    }

    static let fueBand = TreatmentArea.Shape.polygon([.init(x: -40, y: 220), .init(x: 40, y: 220), .init(x: 40, y: 245), .init(x: -40, y: 245)])

    @Test("FUE scars: exact count, whole discs inside the shape, never closer than 1.5 diameters, seeded")
    func fueGeneration() throws {
        let area = TreatmentArea(kind: .scarFUE, shape: Self.fueBand, fueScars: .init(count: 400, diameterMM: 0.9))
        let a = try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 11)
        let b = try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 11)
        let c = try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 12)
        let scars = a.fueScars[0]
        #expect(scars.count == 400)
        #expect(scars == b.fueScars[0])
        #expect(scars != c.fueScars[0])
        for s in scars { #expect(Self.fueBand.signedDistance(x: s.centre.x, y: s.centre.y) <= -s.radiusMM) }
        var closest = Double.infinity
        for i in scars.indices { for j in scars.indices where j > i {
            closest = min(closest, hypot(scars[i].centre.x - scars[j].centre.x, scars[i].centre.y - scars[j].centre.y))
        } }
        #expect(closest >= 0.9 * AreaLayout.fueSpacingDiameters)
        // Spread over the band, not bunched: every 20 mm quarter holds 25 % ± 8 % of them.
        for q in 0..<4 {
            let n = scars.filter { $0.centre.x >= -40 + Double(q) * 20 && $0.centre.x < -20 + Double(q) * 20 }.count
            #expect(abs(Double(n) / 400 - 0.25) < 0.08)
        }
        // Scar tissue lookup: a scar's centre is scar, a point far from every scar is not.
        #expect(a.scarArea(x: scars[0].centre.x, y: scars[0].centre.y) == 0)
        #expect(abs(a.scarTissueMM2(0) - 400 * Double.pi * 0.45 * 0.45) < 1e-9)
        // Adding an area in front does not move these scars (one seed stream per area index is
        // documented; the same index keeps the same stream).
        let patch = TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: .init(x: 0, y: 120), radiusMM: 5))
        let withPatch = try AreaLayout(areas: [area, patch], chart: Fixtures.chart, seed: 11)
        #expect(withPatch.fueScars[0] == scars)
    }

    @Test("asking for more FUE scars than the shape holds is an error on count: beyond lattice packing at once, else after the search")
    func fueTooMany() {
        let shape = TreatmentArea.Shape.circle(centre: .init(x: 0, y: 230), radiusMM: 10)
        // Centres 1.5 mm apart: a perfect hexagonal lattice holds 314 / (1.5² · √3/2) ≈ 161.
        let limit = shape.areaMM2 / (1.5 * 1.5 * 3.0.squareRoot() / 2)
        #expect(Int(limit) == 161)
        for (count, message) in [(170, "cannot fit"), (140, "could fit only")] {
            let area = TreatmentArea(kind: .scarFUE, shape: shape, fueScars: .init(count: count, diameterMM: 1))
            #expect {
                try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 1)
            } throws: { error in
                (error as? AreaError)?.field == "count" && "\(error)".contains(message)
            }
        }
        // Random placement fills well short of the lattice: 60 of them fit.
        let fits = TreatmentArea(kind: .scarFUE, shape: shape, fueScars: .init(count: 60, diameterMM: 1))
        #expect(throws: Never.self) { try AreaLayout(areas: [fits], chart: Fixtures.chart, seed: 1) }
    }

    @Test("the bucketed scar lookup agrees with checking every scar")
    func scarLookup() throws {
        let area = TreatmentArea(kind: .scarFUE, shape: Self.fueBand, fueScars: .init(count: 300, diameterMM: 0.8))
        let layout = try AreaLayout(areas: [area], chart: Fixtures.chart, seed: 3)
        var rng = SplitMix64(seed: 9)
        var hits = 0
        for _ in 0..<20_000 {
            let x = -45 + 90 * rng.nextUnit(), y = 215 + 35 * rng.nextUnit()
            let brute = layout.fueScars[0].contains { hypot(x - $0.centre.x, y - $0.centre.y) <= $0.radiusMM }
            #expect((layout.scarArea(x: x, y: y) == 0) == brute)
            if brute { hits += 1 }
        }
        #expect(hits > 100)    // the check saw scars, not only misses
    }

    @Test("the close-up centre of an arc-shaped band lies inside it")
    func interiorPoint() {
        let p = TreatmentArea.Shape.polygon([.init(x: -60, y: 240), .init(x: 0, y: 258), .init(x: 60, y: 240),
                                             .init(x: 58, y: 234), .init(x: 0, y: 251), .init(x: -58, y: 234)])
        let c = p.centroid
        #expect(!p.contains(x: c.x, y: c.y))
        let q = p.interiorPoint
        #expect(p.signedDistance(x: q.x, y: q.y) < -1)
        #expect(abs(q.x) < 10)     // the middle of the strip, not an end
    }
}
