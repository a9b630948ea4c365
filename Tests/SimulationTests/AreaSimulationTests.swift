import Foundation
import Impressions
@testable import Plans
import ScalpModel
@testable import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// Plans with `areas:`: dots confined to each area and its feathered edge, density reached
/// inside, the overlap rule, thinning shortfall, and scar tissue (paler, faster fade).
@Suite("Areas in simulation: confinement, density, overlap, scar colour and retention")
struct AreaSimulationTests {
    static let engine = Fixtures.engine

    static func simulate(_ areas: String, norwood: String = "I", seed: Int = 5, followUps: String = "[30, 365, 1825]") throws -> SimulationResult {
        let text = """
            client: {norwood: \(norwood), skin: monk-4, hair_colour: dark-brown}
            design: {target_density_per_cm2: 110}
            seed: \(seed)
            sessions:
              - {day: 0, fraction_of_target: 0.5, needle_mm: 0.25, depth_mm: 0.6, dilution: 0.6}
              - {day: 21, fraction_of_target: 1.0, needle_mm: 0.2, depth_mm: 0.6, dilution: 0.8}
            follow_up_days: \(followUps)
            areas:
            \(areas)
            """
        return try engine.simulate(engine.planReader.parse(text, file: "areas.yaml"), source: "areas.yaml")
    }

    static let patch = try! simulate("""
          - {kind: alopecia-patch, shape: circle, centre_mm: [30, 120], radius_mm: 12, transition_mm: 4}
          - {kind: alopecia-patch, shape: polygon, points_mm: [[-50, 150], [-28, 144], [-22, 165], [-38, 178], [-55, 168]]}
        """)

    @Test("every dot lies inside an area or its feathered edge, and only areas are treated")
    func confined() {
        let r = Self.patch
        #expect(r.impressions.count > 500)
        for dot in r.impressions {
            let inBand = r.plan.areas.contains { $0.shape.signedDistance(x: dot.x, y: dot.y) <= $0.transitionMM }
            #expect(inBand, "dot at \(dot.x), \(dot.y) outside every area + transition")
        }
        // The Norwood I pattern leaves the hairline region full of hair, but even without areas
        // a V would be treated everywhere: with areas only they are.
        #expect(r.target.values.allSatisfy { $0 == 0 } == false)
        let treatedCM2 = Double(r.target.values.filter { $0 > 0 }.count) * r.target.grid.cellAreaCM2
        let bandCM2 = r.plan.areas.reduce(0.0) { total, a in
            let grow = a.transitionMM
            switch a.shape {
            case .circle(_, let radius): return total + Double.pi * (radius + grow) * (radius + grow) / 100
            case .polygon: return total + a.shape.areaMM2 / 100 * 2    // generous bound for the pentagon + band
            }
        }
        #expect(treatedCM2 < bandCM2)
    }

    @Test("density inside each area reaches its target within 8 %")
    func densityReached() {
        for o in Self.patch.areaOutcomes {
            #expect(abs(o.targetInsidePerCM2 - 110) < 1e-6)
            #expect(abs(o.fractionOfTarget - 1) < 0.08, "area \(o.index): \(o.densityInsidePerCM2)/cm²")
            #expect(o.dotsInTransition > 0)     // the edge is feathered, not cut
        }
    }

    @Test("a feathered edge: density falls from the patch's target towards 0 across the transition")
    func featheredEdge() {
        let r = Self.patch
        let area = r.plan.areas[0]
        func density(_ lo: Double, _ hi: Double) -> Double {
            let n = r.impressions.filter { let d = area.shape.signedDistance(x: $0.x, y: $0.y); return d > lo && d <= hi }.count
            let ringCM2 = Double.pi * (pow(12 + hi, 2) - pow(12 + lo, 2)) / 100
            return Double(n) / ringCM2
        }
        let inner = density(0, 1.5), outer = density(1.5, 4)
        #expect(inner < 110 * 1.1 && inner > outer && outer > 0)
    }

    @Test("a thinning area gets the shortfall; overlapping areas take the highest target")
    func thinningAndOverlap() throws {
        let r = try Self.simulate("""
              - {kind: thinning, shape: circle, centre_mm: [0, 130], radius_mm: 18, remaining_hair_fraction: 0.5}
              - {kind: custom, shape: circle, centre_mm: [0, 130], radius_mm: 8, target_density_per_cm2: 150}
            """)
        let thinning = r.areaOutcomes[0], dense = r.areaOutcomes[1]
        // The core keeps the thinning area's hair (0.5), so it asks for 150 × 0.5 = 75.
        #expect(abs(dense.targetInsidePerCM2 - 75) < 1e-4)
        #expect(abs(dense.fractionOfTarget - 1) < 0.1, "\(dense.densityInsidePerCM2)")
        // Outside the dense core but inside the thinning circle: 110 × (1 − 0.5).
        let ringDots = r.impressions.filter { let d = hypot($0.x, $0.y - 130); return d > 12 && d <= 18 }.count
        let ring = Double(ringDots) / (Double.pi * (18 * 18 - 12 * 12) / 100)
        #expect(abs(ring / 55 - 1) < 0.12, "\(ring)/cm²")
        // The thinning area's mean target mixes 75 (core) and 55 (the rest).
        #expect(thinning.targetInsidePerCM2 > 55 && thinning.targetInsidePerCM2 < 75)
        // Hair is kept at the stated fraction inside (the previews draw it).
        #expect(abs(r.scalp.residualHair.value(x: 0.5, y: 145.5) - 0.5) < 1e-6)
    }

    static let strip = try! simulate("""
          - kind: scar-strip
            shape: polygon
            points_mm: [[-40, 250], [0, 256], [40, 250], [40, 244], [0, 250], [-40, 244]]
            transition_mm: 5
        """, norwood: "III")

    @Test("scar tissue is paler than the skin, within the range of measured scar mismatches")
    func scarColour() throws {
        let s = try #require(Self.strip.areaOutcomes[0].scar)
        #expect(s.scarLab.L > s.skinLab.L + 1)
        // Cheon et al. (2010): mature scars span ΔE ≈ 4 ("perfect match") to 29 ("gross").
        #expect(s.scarVsSkinDeltaE00 > 2 && s.scarVsSkinDeltaE00 < 17.8)
        // A dot on scar holds less pigment, so it is lighter than the same dot on skin.
        #expect(s.sessionsOnScar.last!.L > Self.strip.colours.sessions.last!.lab.L)
        #expect(s.dotOnScarVsSkinDeltaE00 > 0.5)
        // Camouflage brings the scar closer to its (hair-bearing) surroundings.
        #expect(s.camouflagedDeltaE00 < s.untreatedDeltaE00)
        #expect(s.dotsOnScar > 0 && s.dotsOnScar <= Self.strip.areaOutcomes[0].dotsInside)
    }

    @Test("scar retention: pigment on scar fades faster than on skin, and the gap grows with time")
    func scarRetention() throws {
        let s = try #require(Self.strip.areaOutcomes[0].scar)
        #expect(s.followUps.map(\.day) == [30, 365, 1825])
        var previousRatio = Double.infinity
        for f in s.followUps {
            #expect(f.retainedOnScar < f.retainedOnSkin)
            let ratio = f.retainedOnScar / f.retainedOnSkin
            #expect(ratio <= previousRatio + 1e-12)
            previousRatio = ratio
        }
        // At most the uptake fraction survives healing on scar.
        #expect(s.followUps[0].retainedOnScar <= s.tissue.pigmentUptake * s.followUps[0].retainedOnSkin + 1e-12)
        #expect(s.followUps.last!.retainedOnScar < s.tissue.pigmentUptake * s.followUps.last!.retainedOnSkin)
    }

    @Test("with a neutral scar file (no change), a scar would hold and match exactly like skin")
    func neutralScarIsSkin() throws {
        let skin = Self.strip.colours.skinModel
        let neutral = ScarTissue(melaninFactor: 1, bloodFactor: 1, scatteringFactor: 1, pigmentUptake: 1, uptakeVariation: 0, fadeRateFactor: 1)
        #expect(try neutral.skin(from: skin).lab == skin.lab)
        let evaluator = try FadeEvaluator(result: Self.strip, engine: Self.engine)
        let normal = try evaluator.look(1, age: 400)
        let onNeutral = try evaluator.look(1, age: 400, scar: (neutral, skin))
        #expect(normal.lab == onNeutral.lab && normal.retained == onNeutral.retained)
    }

    @Test("FUE fields: each scar gets a dot at its centre in session 1, the spacing rule holds, dots stay in the band")
    func fueScarsDotted() throws {
        let r = try Self.simulate("""
              - {kind: scar-fue, shape: polygon, points_mm: [[-30, 225], [30, 225], [30, 245], [-30, 245]], count: 150, diameter_mm: 0.9, remaining_hair_fraction: 0.5}
            """, norwood: "III")
        let scars = try #require(r.scalp.areas?.fueScars[0])
        #expect(scars.count == 150)
        let first = r.impressions.filter { $0.session == 1 }
        for s in scars {
            #expect(first.contains { $0.x == s.centre.x && $0.y == s.centre.y })
        }
        #expect(SpacingChecker(result: r).violations() == 0)
        for dot in r.impressions { #expect(r.plan.areas[0].shape.signedDistance(x: dot.x, y: dot.y) <= r.plan.areas[0].transitionMM) }
        // The scar dots count towards the density: the field still lands on its shortfall target.
        #expect(abs(r.areaOutcomes[0].targetInsidePerCM2 - 55) < 1e-3)
        #expect(abs(r.areaOutcomes[0].fractionOfTarget - 1) < 0.1, "\(r.areaOutcomes[0].densityInsidePerCM2)")
        #expect(r.areaOutcomes[0].scar!.dotsOnScar >= 150)
    }

    @Test("review: scar work in fewer than 3 sessions warns; a camouflage still ΔE00 > 9.6 from the surroundings is noted")
    func scarReview() throws {
        let reviewer = PlanReviewer(rules: Self.engine.reviewRules, colours: Self.engine.colourLibrary)
        // Two sessions on a strip scar: the warning, with the count and the threshold.
        let strip = reviewer.scars(Self.strip)
        let sessions = try #require(strip.first { $0.rule == "scar.sessions" })
        #expect(sessions.severity == .warning && sessions.value == 2 && sessions.threshold == 3)
        // The strip's camouflage closes about half the gap. Since the presets were refitted
        // (issue 25) the assumed scar factors leave monk-4's scar ΔE00 ≈ 9.4 from the skin (was
        // 7.5), so two sessions end just above the 9.6 threshold: the note is there, and it is
        // the same rule and area the FUE case below gets.
        let scar = try #require(Self.strip.areaOutcomes[0].scar)
        #expect(scar.camouflagedDeltaE00 < 0.6 * scar.untreatedDeltaE00, "\(scar.camouflagedDeltaE00) of \(scar.untreatedDeltaE00)")
        #expect(strip.contains { $0.rule == "scar.camouflage" } == (scar.camouflagedDeltaE00 > 9.6))
        // One dot per FUE scar barely changes the mismatch: the note, on that area.
        let fue = try Self.simulate("  - {kind: scar-fue, shape: circle, centre_mm: [0, 235], radius_mm: 15, count: 60, remaining_hair_fraction: 0.6}", norwood: "III")
        let note = try #require(reviewer.scars(fue).first { $0.rule == "scar.camouflage" })
        #expect(note.severity == .note && note.region == "areas[0]" && note.value > 9.6)
        // Plans without scars get no scar findings.
        #expect(reviewer.scars(Self.patch).isEmpty)
    }

    @Test("same plan and seed give the same area outcomes and dots")
    func deterministic() throws {
        let a = try Self.simulate("  - {kind: scar-fue, shape: circle, centre_mm: [0, 235], radius_mm: 15, count: 60}", norwood: "III")
        let b = try Self.simulate("  - {kind: scar-fue, shape: circle, centre_mm: [0, 235], radius_mm: 15, count: 60}", norwood: "III")
        #expect(a.impressions == b.impressions)
        #expect(a.scalp.areas?.fueScars == b.scalp.areas?.fueScars)
        #expect(a.areaOutcomes[0].scar?.dotsOnScar == b.areaOutcomes[0].scar?.dotsOnScar)
        #expect(a.areaOutcomes[0].scar?.fueScarCount == 60)
    }
}
