import Foundation
import Impressions
@testable import Plans
import ScalpModel
@testable import Simulation
import SimulationFixtures
import Testing

/// Density among remaining hair (Ludwig/Savin plans): the shortfall against the design density
/// is filled, dots keep the spacing rule from every follicle, and hair counts in the metrics.
@Suite("Density among existing hair")
struct HairAmongDotsTests {
    static let ludwig = try! Fixtures.engine.simulate(Fixtures.plan("ludwig-ii-diffuse-thinning.yaml"), source: "ludwig")

    /// Dots closer to a follicle than the dot's rule radius, or to another dot than the smaller
    /// of their radii; radii from the perceived target (hair + shortfall) at each dot.
    static func violations(dots: [SIMD2<Double>], follicles: [SIMD2<Double>], result: SimulationResult) -> Int {
        let target = result.spacingTarget
        let radii = dots.map { result.rule.radiusMM(x: $0.x, y: $0.y, finalTarget: target) ?? 0 }
        let points = follicles + dots   // index ≥ follicles.count: a dot
        let size = 1.0, grid = target.grid
        let columns = Int((Double(grid.width) * grid.cellSize / size).rounded(.up)) + 1
        func key(_ p: SIMD2<Double>) -> Int { Int((p.y - grid.minY) / size) * columns + Int((p.x - grid.minX) / size) }
        var buckets: [Int: [Int]] = [:]
        for (i, p) in points.enumerated() { buckets[key(p), default: []].append(i) }
        var bad = 0
        for (d, q) in dots.enumerated() {
            let reach = Int((radii[d] / size).rounded(.up))
            let c = Int((q.x - grid.minX) / size), r = Int((q.y - grid.minY) / size)
            for rr in (r - reach)...(r + reach) {
                for cc in (c - reach)...(c + reach) {
                    for j in buckets[rr * columns + cc] ?? [] where j != follicles.count + d {
                        let delta = points[j] - q
                        let limit = j < follicles.count ? radii[d] : min(radii[d], radii[j - follicles.count])
                        if (delta * delta).sum() < limit * limit * (1 - 1e-12) { bad += 1 }
                    }
                }
            }
        }
        return bad
    }

    static func positions(_ dots: [Impression]) -> [SIMD2<Double>] { dots.map { SIMD2($0.x, $0.y) } }

    @Test("no dot is closer to a follicle (or another dot) than the spacing rule")
    func dotsKeepClearOfHair() throws {
        let r = Self.ludwig
        let hair = try #require(r.hair)
        #expect(hair.follicles.count > 3000, "follicles: \(hair.follicles.count)")
        #expect(Self.violations(dots: Self.positions(r.impressions), follicles: hair.follicles, result: r) == 0)
    }

    @Test("the checker catches a dot planted next to a follicle")
    func checkerCatchesDotOnHair() throws {
        let r = Self.ludwig
        let hair = try #require(r.hair)
        let follicle = hair.follicles[hair.follicles.count / 2]
        let planted = Self.positions(r.impressions) + [follicle + SIMD2(0.05, 0)]
        #expect(Self.violations(dots: planted, follicles: hair.follicles, result: r) >= 1)
    }

    @Test("hair + dots reach the design density where the region is fully treated (within 4 %)")
    func shortfallReached() throws {
        let r = Self.ludwig
        let hair = try #require(r.hair)
        let design = r.plan.design.targetDensityPerCM2
        // Core: fully inside the thinning region, where the perceived target is the design density.
        let core = hair.perceived(dots: r.impressions, within: { r.scalp.treatment.values[$0] >= 0.999 })
        #expect(core.treatedAreaCM2 > 30)
        #expect(abs(core.targetPerCM2 - design) < 1e-3)
        #expect(abs(core.perceivedPerCM2 / design - 1) < 0.04, "core: hair \(core.hairPerCM2) + dots \(core.dotsPerCM2)")
        // Hair really is partial there (Ludwig II is thinning, not bald).
        #expect(core.hairPerCM2 > 0.2 * design && core.hairPerCM2 < 0.8 * design)
        // And over the whole treated area, the reported perceived density is on target.
        let all = try #require(r.sessions.last?.perceived)
        #expect(abs(all.fractionOfTarget - 1) < 0.03, "\(all)")
    }

    @Test("hair is counted: perceived = hair + dots, and each session adds its share of the shortfall")
    func hairCountedPerSession() throws {
        let r = Self.ludwig
        let hair = try #require(r.hair)
        let first = try #require(r.sessions.first?.perceived)
        for s in r.sessions {
            let p = try #require(s.perceived)
            #expect(p.hairPerCM2 == first.hairPerCM2)            // hair does not change between sessions
            #expect(abs(p.perceivedPerCM2 - (p.hairPerCM2 + p.dotsPerCM2)) < 1e-9)
            let dotsInArea = Double(s.metrics.all.impressions) / s.metrics.all.treatedAreaCM2
            #expect(abs(p.dotsPerCM2 - dotsInArea) < 1e-9)      // same dots, same area as the spacing metrics
            // hair + fraction × shortfall, within 5 % of the target.
            let expected = p.hairPerCM2 + s.plan.fractionOfTarget * (p.targetPerCM2 - p.hairPerCM2)
            #expect(abs(p.perceivedPerCM2 / expected - 1) < 0.05, "session \(s.number): \(p.perceivedPerCM2) vs \(expected)")
        }
        // Hair counts match the follicles generated from the residual density (±3 %).
        var expectedFollicles = 0.0
        for v in hair.hairDensity.values { expectedFollicles += Double(v) * hair.hairDensity.grid.cellAreaCM2 }
        #expect(abs(Double(hair.follicles.count) / expectedFollicles - 1) < 0.03)
    }

    @Test("follow-ups count the hair at full strength and the dots by their visibility")
    func followUpsCountHair() throws {
        let r = Self.ludwig
        let outlook = try #require(r.outlook)
        let final = try #require(r.sessions.last?.perceived)
        #expect(!outlook.followUps.isEmpty)
        for f in outlook.followUps {
            let seen = try #require(f.perceivedDensity.last), fraction = try #require(f.perceivedFraction.last)
            let placed = f.sessions.count
            let dots = try #require(r.sessions[placed - 1].perceived).dotsPerCM2
            let visibility = f.sessions.map(\.visibility).max() ?? 0
            // Hair never fades; dots count at most at their best visibility.
            #expect(seen >= final.hairPerCM2 - 1e-9, "day \(f.day)")
            #expect(seen <= final.hairPerCM2 + dots * visibility + 1e-9, "day \(f.day)")
            #expect(abs(fraction - seen / final.targetPerCM2) < 1e-9)
        }
    }

    @Test("follicles and dots are deterministic in the seed, and another seed moves them")
    func deterministic() throws {
        var plan = try Fixtures.plan("ludwig-ii-diffuse-thinning.yaml")
        let again = try Fixtures.engine.simulate(plan, source: "again")
        #expect(again.hair?.follicles == Self.ludwig.hair?.follicles)
        #expect(again.impressions == Self.ludwig.impressions)
        plan.seed += 1
        let other = try Fixtures.engine.simulate(plan, source: "other")
        #expect(other.hair?.follicles != Self.ludwig.hair?.follicles)
    }

    @Test("Norwood plans have no follicle model and report no perceived block")
    func norwoodUnchanged() {
        #expect(Fixtures.demo.hair == nil)
        #expect(Fixtures.demo.sessions.allSatisfy { $0.perceived == nil })
    }
}
