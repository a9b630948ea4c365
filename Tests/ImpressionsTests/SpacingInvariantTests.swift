import Foundation
import Testing
import ScalpModel
@testable import Impressions

/// The spacing rule is a hard guarantee, so these tests check every pair by brute force.
@Suite("Poisson-disk spacing invariant")
struct SpacingInvariantTests {
    @Test("single session on uniform fields never violates the rule", arguments: [
        (UInt64(1), Float(60)), (2, 110), (3, 160), (4, 30),
    ])
    func uniformSingle(seed: UInt64, perCM2: Float) {
        let target = Fixtures.uniform(side: 30, perCM2: perCM2)
        let rule = SpacingRule()
        let dots = placeSession(finalTarget: target, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                                rule: rule, seed: seed)
        #expect(dots.count > 100)
        #expect(SpacingCheck.orderedViolations(dots, target: target, rule: rule) == 0)
    }

    @Test("layered 30 → 70 → 100 % sessions never violate the rule", arguments: [UInt64(11), 12, 13])
    func layeredUniform(seed: UInt64) {
        let target = Fixtures.uniform(side: 30, perCM2: 110)
        let rule = SpacingRule()
        let (dots, _) = layeredSessions(target, fractions: [0.3, 0.7, 1.0], rule: rule, seed: seed)
        #expect(SpacingCheck.orderedViolations(dots, target: target, rule: rule) == 0)
        #expect(SpacingCheck.symmetricViolations(dots, target: target, rule: rule) == 0)
    }

    @Test("graded fields (ramp, with a floor) keep the rule across layered sessions", arguments: [
        (UInt64(21), 0.0), (22, 0.8),
    ])
    func layeredGraded(seed: UInt64, floorMM: Double) {
        let target = Fixtures.ramp(width: 50, height: 20, low: 5, high: 150, cell: 0.5)
        let rule = SpacingRule(factor: 0.7, floorMM: floorMM)
        let (dots, _) = layeredSessions(target, fractions: [0.3, 0.7, 1.0], rule: rule, seed: seed)
        #expect(dots.count > 300)
        #expect(SpacingCheck.orderedViolations(dots, target: target, rule: rule) == 0)
    }

    @Test("a target tapering to nearly 0 (a feathered edge) gives radii far beyond the grid padding: rule kept, no trap")
    func vanishingTarget() {
        // Left to right: 110/cm² falling by ×10 per 2 mm column pair to 1e-9/cm², where the rule
        // radius (0.7 / √(t/100) mm) is kilometres, far wider than BackgroundGrid.maxPad.
        var target = Fixtures.uniform(side: 40, perCM2: 110, cell: 1)
        for r in 0..<40 { for c in 20..<40 { target.values[r * 40 + c] = 110 * Float(pow(10, -Double(c - 19) / 2)) } }
        let rule = SpacingRule()
        #expect(rule.radiusMM(targetPerCM2: 1e-9) > 1000 * Double(BackgroundGrid.maxPad))
        let (dots, _) = layeredSessions(target, fractions: [0.5, 1.0], rule: rule, seed: 31)
        #expect(dots.count > 500)
        #expect(SpacingCheck.orderedViolations(dots, target: target, rule: rule) == 0)
        #expect(SpacingCheck.symmetricViolations(dots, target: target, rule: rule) == 0)
    }

    @Test("dots land only where the target is positive")
    func onlyTreated() {
        var target = Fixtures.uniform(side: 20, perCM2: 110)
        for r in 0..<20 { for c in 0..<10 { target.values[r * 20 + c] = 0 } }  // left half untreated
        let dots = placeSession(finalTarget: target, fractionOfTarget: 1, existing: [SIMD2<Double>](),
                                rule: SpacingRule(), seed: 5)
        #expect(!dots.isEmpty)
        #expect(dots.allSatisfy { target.value(x: $0.x, y: $0.y) > 0 })
    }

    @Test("existing dots that break the rule are tolerated and never approached by new ones")
    func crowdedExisting() {
        let target = Fixtures.uniform(side: 10, perCM2: 110)
        // A hand-placed cluster 0.1 mm apart (far below the 0.67 mm rule): overflow path.
        let cluster = (0..<5).map { SIMD2(5 + 0.1 * Double($0), 5.0) }
        let rule = SpacingRule()
        let new = placeSession(finalTarget: target, fractionOfTarget: 1, existing: cluster, rule: rule, seed: 8)
        #expect(!new.isEmpty)
        #expect(SpacingCheck.orderedViolations(cluster + new, target: target, rule: rule) == 5 * 4 / 2)
    }

    @Test("a floor larger than the target allows stops with a shortfall but keeps the rule")
    func unreachableFloor() {
        let target = Fixtures.uniform(side: 20, perCM2: 110)
        let rule = SpacingRule(floorMM: 2)  // ≤ ~0.15 dots/mm² fit, target asks 1.1
        let result = placeSessionDetailed(finalTarget: target, fractionOfTarget: 1, existing: [],
                                          rule: rule, seed: 4)
        #expect(Double(result.positions.count) < 0.3 * result.expectedNew)
        #expect(result.positions.count > 40)
        #expect(SpacingCheck.orderedViolations(result.positions, target: target, rule: rule) == 0)
    }
}
