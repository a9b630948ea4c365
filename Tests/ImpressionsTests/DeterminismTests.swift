import Testing
import ScalpModel
@testable import Impressions

@Suite("Deterministic placement")
struct DeterminismTests {
    @Test("same seed gives identical dots; different seeds give different dots")
    func seeds() {
        let target = Fixtures.ramp(width: 30, height: 20, low: 30, high: 120)
        let existing = placeSession(finalTarget: target, fractionOfTarget: 0.3, existing: [SIMD2<Double>](),
                                    rule: SpacingRule(), seed: 100)
        let a = placeSession(finalTarget: target, fractionOfTarget: 0.7, existing: existing, rule: SpacingRule(), seed: 7)
        let b = placeSession(finalTarget: target, fractionOfTarget: 0.7, existing: existing, rule: SpacingRule(), seed: 7)
        let c = placeSession(finalTarget: target, fractionOfTarget: 0.7, existing: existing, rule: SpacingRule(), seed: 8)
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("Impression and position inputs give the same placement")
    func impressionOverload() {
        let target = Fixtures.uniform(side: 15, perCM2: 90)
        let first = placeSession(finalTarget: target, fractionOfTarget: 0.4, existing: [SIMD2<Double>](),
                                 rule: SpacingRule(), seed: 1)
        let asImpressions = first.map { Impression(x: $0.x, y: $0.y, diameterMM: 0.1, depthMM: 0.6, session: 1) }
        let a = placeSession(finalTarget: target, fractionOfTarget: 1, existing: first, rule: SpacingRule(), seed: 2)
        let b = placeSession(finalTarget: target, fractionOfTarget: 1, existing: asImpressions, rule: SpacingRule(), seed: 2)
        #expect(a == b)
    }
}
