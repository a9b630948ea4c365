import Foundation
import ScalpModel
import Plans
@testable import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// Plans that differ only in shade, skin or fading share one placement (`PlacementCache`); the
/// shared dots must be exactly those a fresh engine places, and a change to anything placement
/// reads must place again.
@Suite("Placement cache: shade-only variants share dots, exactly as placing again would")
struct PlacementCacheTests {
    static func freshEngine() throws -> SimulationEngine {
        try SimulationEngine(data: DataLibrary(root: Fixtures.dataRoot))
    }

    /// The demo with a deeper, darker shade on another skin: where the dots fall is unchanged,
    /// their healed size and colour are not.
    static func shadeVariant(_ plan: Plan) throws -> Plan {
        var p = plan
        p.client.skin = try Fixtures.engine.colourLibrary.skins.preset(named: "monk-8")
        for i in p.sessions.indices {
            p.sessions[i].depthMM = 0.9
            p.sessions[i].dilution = 1
            p.sessions[i].needleMM = 0.30
        }
        p.fading.sunExposure = 1
        return p
    }

    @Test("a shade variant simulated after its base (a cache hit) equals it simulated by a fresh engine")
    func hitEqualsFreshPlacement() throws {
        let engine = try Self.freshEngine()
        let base = try Fixtures.plan("norwood-v-three-sessions.yaml")
        let variant = try Self.shadeVariant(base)
        let first = try engine.simulate(base, source: "base")
        #expect(engine.placements.placed(PlacementInputs(variant, cellSizeMM: engine.cellSizeMM)) != nil,
                "the variant reads the same placement inputs, so its dots are already placed")
        let cached = try engine.simulate(variant, source: "variant")
        let fresh = try Self.freshEngine().simulate(variant, source: "variant")
        #expect(cached.impressions == fresh.impressions)
        #expect(cached.sessions.map(\.metrics) == fresh.sessions.map(\.metrics))
        #expect(cached.sessions.map(\.expectedNewImpressions) == fresh.sessions.map(\.expectedNewImpressions))
        #expect(cached.outlook?.touchUp.suggestion?.day == fresh.outlook?.touchUp.suggestion?.day)
        #expect(cached.review == fresh.review)
        // The variant really is another plan: same centres, other sizes.
        #expect(cached.impressions.map { SIMD2($0.x, $0.y) } == first.impressions.map { SIMD2($0.x, $0.y) })
        #expect(cached.impressions.first?.diameterMM != first.impressions.first?.diameterMM)
    }

    @Test("a change to what placement reads (seed, density, a session's fraction, the stage) places again",
          arguments: ["seed", "density", "fraction", "stage"])
    func placementFieldsMiss(_ field: String) throws {
        let engine = try Self.freshEngine()
        let base = try Fixtures.plan("norwood-v-three-sessions.yaml")
        var other = base
        switch field {
        case "seed": other.seed += 1
        case "density": other.design.targetDensityPerCM2 += 5
        case "fraction": other.sessions[0].fractionOfTarget -= 0.05
        default: other.client.hairLoss = try #require(HairLossStage(scale: .norwood, parsing: "IV"))
        }
        let first = try engine.simulate(base, source: "base")
        #expect(engine.placements.placed(PlacementInputs(other, cellSizeMM: engine.cellSizeMM)) == nil)
        let second = try engine.simulate(other, source: field)
        #expect(second.impressions.map { SIMD2($0.x, $0.y) } != first.impressions.map { SIMD2($0.x, $0.y) })
        #expect(second.impressions == (try Self.freshEngine().simulate(other, source: field)).impressions)
    }
}
