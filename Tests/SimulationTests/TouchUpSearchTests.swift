import Fading
import Foundation
@testable import Plans
@testable import Simulation
import SimulationFixtures
import StippleTestSupport
import Support
import Testing

/// The touch-up search evaluates every 8th week and then weekly inside the interval where a
/// condition first holds (`FirstCrossingSearch`). It must answer exactly what the full weekly
/// scan answers; these tests compare the two on synthetic conditions, on every shipped plan and
/// template, and on extreme fade settings.
@Suite("Touch-up search: coarse weeks, then weekly, equals the weekly scan")
struct TouchUpSearchTests {
    // MARK: The search on synthetic conditions

    /// Conditions that start holding at `crossings[c]` (nil: never) and keep holding.
    static func monotone(_ crossings: [Int?]) -> (Int) -> [Bool] {
        { step in crossings.map { $0.map { step >= $0 } ?? false } }
    }

    @Test("monotone conditions: the coarse search finds the weekly scan's steps, for any stride and length")
    func monotoneAgrees() {
        var rng = SplitMix64(seed: 16)
        for steps in [0, 1, 2, 7, 8, 9, 16, 17, 100, 522] {
            for stride in [1, 2, 3, 8, 13, 600] {
                for _ in 0..<20 {
                    let crossings: [Int?] = (0..<6).map { _ in
                        let k = Int(rng.next() % UInt64(steps + 3))
                        return k < steps ? k : nil
                    }
                    let active = (0..<6).filter { _ in rng.next() % 4 != 0 }
                    let weekly = FirstCrossingSearch.weekly.firstSteps(steps: steps, conditions: 6, active: active, holds: Self.monotone(crossings))
                    let coarse = FirstCrossingSearch.coarse(stride: stride).firstSteps(steps: steps, conditions: 6, active: active,
                                                                                      holds: Self.monotone(crossings))
                    let expected = (0..<6).map { active.contains($0) ? crossings[$0] : nil }
                    #expect(weekly == expected, "steps \(steps)")
                    #expect(coarse == expected, "steps \(steps) stride \(stride) crossings \(crossings) active \(active)")
                }
            }
        }
    }

    @Test("crossings 300 weeks out cost about 300/8 coarse + a few weekly evaluations, each step evaluated once")
    func evaluationsSaved() {
        var evaluated: [Int] = []
        let holds = Self.monotone([300, 301, nil])
        let first = FirstCrossingSearch.coarse(stride: 8).firstSteps(steps: 522, conditions: 3, active: [0, 1]) { step in
            evaluated.append(step)
            return holds(step)
        }
        #expect(first == [300, 301, nil])
        #expect(Set(evaluated).count == evaluated.count, "a step is evaluated at most once")
        // Coarse 0, 8, …, 304 (39 steps), then inside (296, 304]: 297…300 for the first
        // condition, and only 301 more for the second (297…300 are remembered).
        #expect(evaluated.count == 39 + 5, "\(evaluated.count) evaluations")
        #expect(evaluated.suffix(5) == [297, 298, 299, 300, 301])
    }

    @Test("a condition that never holds is searched to the horizon (last step included)")
    func searchesToTheHorizon() {
        var evaluated: [Int] = []
        let first = FirstCrossingSearch.coarse(stride: 8).firstSteps(steps: 20, conditions: 2, active: [0, 1]) { step in
            evaluated.append(step)
            return [false, step == 19]
        }
        #expect(first == [nil, 19])
        #expect(evaluated == [0, 8, 16, 19, 17, 18])
    }

    @Test("non-monotone conditions (the documented limit): a blip between coarse steps is missed, a held crossing is still one")
    func transientBlip() {
        // Holds only at step 3 (between coarse steps 0 and 8), then from step 20 on.
        let holds: (Int) -> [Bool] = { [$0 == 3 || $0 >= 20] }
        #expect(FirstCrossingSearch.weekly.firstSteps(steps: 40, conditions: 1, active: [0], holds: holds) == [3])
        let coarse = FirstCrossingSearch.coarse(stride: 8).firstSteps(steps: 40, conditions: 1, active: [0], holds: holds)
        #expect(coarse == [20], "the answer is a step where the condition holds")
    }

    // MARK: The schedule on plans

    /// Both searches' schedules for `result`'s dots under `plan` (colours re-derived for it).
    static func schedules(_ base: SimulationResult, plan: Plan? = nil) throws -> (coarse: TouchUpSchedule, weekly: TouchUpSchedule) {
        let plan = plan ?? base.plan
        let colours = try Fixtures.engine.colourLibrary.colours(for: plan, file: "test")
        let result = SimulationResult(plan: plan, source: base.source, chart: base.chart, scalp: base.scalp, target: base.target,
                                      rule: base.rule, healing: base.healing, parallel: false, colours: colours, outlook: nil,
                                      impressions: base.impressions, sessions: base.sessions)
        var withHair = result
        withHair.hair = base.hair
        // Follow-ups are not computed here, so no spacing analyses are needed.
        let evaluator = try FadeEvaluator(result: withHair, engine: Fixtures.engine, spacing: [])
        return (try TouchUpSchedule(evaluator: evaluator), try TouchUpSchedule(evaluator: evaluator, search: .weekly))
    }

    static func expectSame(_ s: (coarse: TouchUpSchedule, weekly: TouchUpSchedule), _ label: String) {
        #expect(s.coarse.regions.map(\.region) == s.weekly.regions.map(\.region), "\(label)")
        #expect(s.coarse.regions.map(\.deltaE00Day) == s.weekly.regions.map(\.deltaE00Day), "\(label)")
        #expect(s.coarse.regions.map(\.perceivedDensityDay) == s.weekly.regions.map(\.perceivedDensityDay), "\(label)")
        #expect(s.coarse.suggestion?.day == s.weekly.suggestion?.day, "\(label)")
        #expect(s.coarse.suggestion?.regions == s.weekly.suggestion?.regions, "\(label)")
    }

    /// Every plan in Data/plans, the whole-plan benchmark and every `stipple init` template.
    static func shippedPlans() throws -> [(String, Plan)] {
        let reader = Fixtures.engine.planReader
        let folder = Fixtures.dataRoot.appendingPathComponent("plans")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var plans = try files.map { ($0, try reader.read(contentsOf: folder.appendingPathComponent($0))) }
        let bench = Repository.root.appendingPathComponent("Benchmarks/plans/norwood-vi-three-sessions.yaml")
        plans.append(("benchmark", try reader.read(contentsOf: bench)))
        for template in PlanTemplate.allCases {
            plans.append(("template \(template.rawValue)", try reader.parse(template.text(stage: "IV", skin: "monk-7"), file: template.rawValue)))
        }
        return plans
    }

    @Test("every shipped plan and template: the same touch-up days as the weekly scan")
    func shippedPlansAgree() throws {
        var crossings = 0
        for (name, plan) in try Self.shippedPlans() {
            let result = try Fixtures.engine.simulate(plan, source: name)
            let s = try Self.schedules(result)
            Self.expectSame(s, name)
            crossings += s.weekly.regions.reduce(0) { $0 + ($1.deltaE00Day == nil ? 0 : 1) + ($1.perceivedDensityDay == nil ? 0 : 1) }
        }
        #expect(crossings > 20, "the plans must cross thresholds for the comparison to mean something (\(crossings))")
    }

    /// The demo plan with `change` applied to a copy.
    static func demo(_ change: (inout Plan) -> Void) -> Plan {
        var plan = Fixtures.demo.plan
        change(&plan)
        return plan
    }

    @Test("extreme fade settings on the demo's dots: every model, sun, depth, skin, pigment and threshold")
    func extremesAgree() throws {
        var variants: [(String, Plan)] = []
        for model in FadeModelKind.allCases {
            variants.append(("model \(model)", Self.demo { $0.fading.model = model }))
        }
        for sun in [0.0, 1.0] { variants.append(("sun \(sun)", Self.demo { $0.fading.sunExposure = sun })) }
        for depth in [0.35, 1.2] {
            variants.append(("depth \(depth)", Self.demo { p in for i in p.sessions.indices { p.sessions[i].depthMM = depth } }))
        }
        variants.append(("deep deposit", Self.demo { p in
            for i in p.sessions.indices { p.sessions[i].depthMM = 1.5; p.sessions[i].deposit = .deep }
        }))
        let colours = Fixtures.engine.colourLibrary
        for skin in ["monk-1", "monk-10"] {
            let preset = try colours.skins.preset(named: skin)
            variants.append(("skin \(skin)", Self.demo { $0.client.skin = preset }))
        }
        for name in ["warm-brown", "cool-neutral"] {
            let pigment = try colours.pigments.pigment(named: name)
            variants.append(("pigment \(name)", Self.demo { p in for i in p.sessions.indices { p.sessions[i].pigment = pigment } }))
        }
        for (delta, fraction) in [(0.5, 0.99), (8.0, 0.5), (20.0, 0.1), (3.0, 0.999)] {
            variants.append(("thresholds \(delta) \(fraction)", Self.demo { $0.touchUp.maxDeltaE00 = delta; $0.touchUp.minPerceivedFraction = fraction }))
        }
        var crossings = 0, never = 0
        for (name, plan) in variants {
            let s = try Self.schedules(Fixtures.demo, plan: plan)
            Self.expectSame(s, name)
            for r in s.weekly.regions {
                crossings += (r.deltaE00Day == nil ? 0 : 1) + (r.perceivedDensityDay == nil ? 0 : 1)
                never += (r.deltaE00Day == nil ? 1 : 0) + (r.perceivedDensityDay == nil ? 1 : 0)
            }
        }
        #expect(crossings > 50 && never > 5, "variants must both cross and never cross (\(crossings), \(never))")
    }
}
