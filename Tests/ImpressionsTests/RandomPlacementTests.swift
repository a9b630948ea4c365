import Foundation
import Testing
import ScalpModel
@testable import Impressions

/// `placement: random` (`spreadEvenly = false`): sequential inhibition. The same hard guarantees
/// as the even sampler (checked pair by pair), each block's count, and the statistical property
/// that makes it "random": beyond the rule the dots are as clustered as a Poisson pattern, no
/// more (the saturated-then-thinned fill it replaced had an excess of near pairs).
@Suite("random placement (sequential inhibition)")
struct RandomPlacementTests {
    static var random: PoissonDiskOptions {
        var o = PoissonDiskOptions()
        o.spreadEvenly = false
        return o
    }

    @Test("layered sessions keep the rule on uniform, graded and vanishing targets", arguments: [0, 1, 2])
    func invariant(field: Int) {
        var target: ScalarField
        switch field {
        case 0: target = Fixtures.uniform(side: 25, perCM2: 150)
        case 1: target = Fixtures.ramp(width: 40, height: 15, low: 5, high: 150, cell: 0.5)
        default:
            target = Fixtures.uniform(side: 30, perCM2: 110, cell: 1)
            for r in 0..<30 { for c in 15..<30 { target.values[r * 30 + c] = 110 * Float(pow(10, -Double(c - 14) / 2)) } }
        }
        for rule in [SpacingRule(factor: 0.2), SpacingRule(factor: 0.7), SpacingRule(factor: 0.3, floorMM: 0.5)] {
            let (dots, _) = layeredSessions(target, fractions: [0.5, 1.0], rule: rule, seed: 40 + UInt64(field), options: Self.random)
            #expect(dots.count > 300, "field \(field), factor \(rule.factor): \(dots.count) dots")
            #expect(SpacingCheck.orderedViolations(dots, target: target, rule: rule) == 0, "field \(field), factor \(rule.factor)")
            #expect(dots.allSatisfy { target.value(x: $0.x, y: $0.y) > 0 })
        }
    }

    @Test("each 5 mm block gets its expected count, stochastically rounded, after the earlier session's dots")
    func blockCounts() {
        let target = Fixtures.uniform(side: 30, perCM2: 110)
        let rule = SpacingRule(factor: 0.3)
        let first = placeSessionDetailed(finalTarget: target, fractionOfTarget: 0.4, existing: [], rule: rule, seed: 3, options: Self.random)
        let second = placeSessionDetailed(finalTarget: target, fractionOfTarget: 1, existing: first.positions, rule: rule, seed: 4, options: Self.random)
        // 5 × 5 mm blocks of 110/cm²: 27.5 dots each; 11 after session 1, 27.5 − 11(±1) added.
        let blocks = BlockThinning(grid: target.grid, blockMM: 5)
        for (dots, expected) in [(first.positions, 11.0), (first.positions + second.positions, 27.5)] {
            var count = [Int](repeating: 0, count: blocks.blocksX * blocks.blocksY)
            for p in dots { count[blocks.block(of: p)!] += 1 }
            #expect(count.allSatisfy { Double($0) >= expected.rounded(.down) - 1 && Double($0) <= expected.rounded(.up) + 1 }, "\(count)")
        }
        #expect(abs(first.expectedNew - 0.4 * 990) < 1e-6)
        #expect(abs(Double(first.positions.count + second.positions.count) - 990) < 20)
    }

    /// Pairs between `inner` and `outer` rule radii over those a Poisson pattern of the same
    /// count would have (complete spatial randomness, less the pairs the square's edge cuts off:
    /// a share ≈ 4 d / (π side) at distance d).
    static func pairRatio(perCM2: Float, factor: Double, fraction: Double, outer: Double, seed: UInt64) -> (ratio: Double, pairs: Int, inside: Int) {
        let side = 50.0
        let target = Fixtures.uniform(side: side, perCM2: perCM2)
        let rule = SpacingRule(factor: factor)
        let r = rule.radiusMM(targetPerCM2: Double(perCM2))
        let dots = placeSession(finalTarget: target, fractionOfTarget: fraction, existing: [SIMD2<Double>](), rule: rule, seed: seed, options: random)
        var pairs = 0, inside = 0
        let r2 = r * r, o2 = outer * outer * r2
        for j in dots.indices {
            for i in 0..<j {
                let d = dots[i] - dots[j], d2 = d.x * d.x + d.y * d.y
                if d2 < r2 { inside += 1 } else if d2 < o2 { pairs += 1 }
            }
        }
        let n = Double(dots.count), lambda = n / (side * side), meanReach = (1 + outer) / 2 * r
        let poisson = n / 2 * lambda * Double.pi * (o2 - r2) * (1 - 4 * meanReach / (Double.pi * side))
        return (Double(pairs) / poisson, pairs, inside)
    }

    @Test("beyond the rule the pattern is Poisson: pairs between 1 and 4 rule radii within 8 % of random (too-close's setting)",
          arguments: [UInt64(9), 10])
    func poissonBeyondTheRule(seed: UInt64) {
        // 150/cm², factor 0.2, half the target in one session: ≈ 860 pairs (Poisson noise ≈ 3.4 %);
        // measured 0.99 and 0.98.
        let m = Self.pairRatio(perCM2: 150, factor: 0.2, fraction: 0.5, outer: 4, seed: seed)
        #expect(m.inside == 0)
        #expect(abs(m.ratio - 1) < 0.08, "seed \(seed): \(m.pairs) pairs, \(m.ratio) × Poisson")
    }

    @Test("no pile-up just beyond the rule: pairs between 1 and 1.25 rule radii under 1.35 × Poisson (the thinned saturated fill: 1.6–1.8 ×)",
          arguments: [UInt64(10), 11])
    func noPileUpAtTheRule(seed: UInt64) {
        // A trainee's one-session plan: 134/cm², factor 0.32 (the shipped too-much-too-fast plan).
        // Measured 1.13 and 1.10 here (1.01–1.02 on 60 mm squares); hard discs at this packing
        // (η ≈ 0.08) touch about 1.1 × as often as Poisson points come that close. The fill this
        // replaced, saturated at the rule and then thinned, kept its packing's pile-up at contact:
        // 1.73 and 1.83 × for these seeds on 60 mm squares, the near pairs that read as merges.
        // ≈ 330 pairs (noise ≈ 6 %).
        let m = Self.pairRatio(perCM2: 134, factor: 0.32, fraction: 1, outer: 1.25, seed: seed)
        #expect(m.inside == 0)
        #expect(m.ratio > 0.85 && m.ratio < 1.35, "seed \(seed): \(m.pairs) pairs, \(m.ratio) × Poisson")
    }

    @Test("a floor larger than the target allows: as many as fit, the rule kept, and it ends")
    func full() {
        let target = Fixtures.uniform(side: 20, perCM2: 110)
        let rule = SpacingRule(factor: 0.2, floorMM: 2)
        let result = placeSessionDetailed(finalTarget: target, fractionOfTarget: 1, existing: [], rule: rule, seed: 4, options: Self.random)
        #expect(Double(result.positions.count) < 0.3 * result.expectedNew)
        #expect(result.positions.count > 40)
        #expect(SpacingCheck.orderedViolations(result.positions, target: target, rule: rule) == 0)
    }

    @Test("the same seed gives the same dots; another seed, others")
    func deterministic() {
        let target = Fixtures.ramp(width: 30, height: 20, low: 10, high: 150)
        let rule = SpacingRule(factor: 0.2)
        func run(_ seed: UInt64) -> [SIMD2<Double>] {
            placeSession(finalTarget: target, fractionOfTarget: 0.7, existing: [SIMD2<Double>](), rule: rule, seed: seed, options: Self.random)
        }
        #expect(run(5) == run(5))
        #expect(run(5) != run(6))
    }
}
