import Fading
import Foundation
@testable import Plans
@testable import Simulation
import SimulationFixtures
import SkinOptics
import Testing

@Suite("Plans over time: fading, spread and touch-ups")
struct FadeOutlookTests {
    @Test("every follow-up day is reported; colour drifts away from healed monotonically under pure fading")
    func monotoneFading() throws {
        let outlook = try #require(Fixtures.demo.outlook)
        #expect(outlook.followUps.map(\.day) == Fixtures.demo.plan.followUpDays)
        for (i, curve) in outlook.curves.enumerated() {
            #expect(curve.first!.deltaE00ToHealed < 1e-9, "session \(i + 1) starts at its healed colour")
            for (a, b) in zip(curve, curve.dropFirst()) {
                #expect(b.retained <= a.retained + 1e-12)
                #expect(b.deltaE00ToHealed >= a.deltaE00ToHealed - 1e-9, "ΔE00 must not fall back at day \(b.ageDays)")
                #expect(b.diameterScale >= a.diameterScale - 1e-12)
            }
        }
        let perceived = outlook.followUps.filter { $0.sessions.count == 3 }.map { $0.perceivedFraction.last! }
        #expect(perceived == perceived.sorted(by: >))
    }

    @Test("dots spread over years, so a tightly packed plan merges more later than at healing")
    func spreadMergesLater() throws {
        let outlook = try #require(Fixtures.tooFast.outlook)
        let first = outlook.followUps.first!.metrics.all, last = outlook.followUps.last!.metrics.all
        #expect(last.mergePairs > first.mergePairs)
        #expect(last.meanHealedDiameterMM! > first.meanHealedDiameterMM!)
        #expect(last.coveredFraction > first.coveredFraction)
    }

    @Test("the touch-up schedule respects its thresholds and suggests the earliest crossing")
    func touchUp() throws {
        let outlook = try #require(Fixtures.demo.outlook)
        let schedule = outlook.touchUp
        let suggestion = try #require(schedule.suggestion)
        let firstDays = schedule.regions.dropLast().compactMap(\.firstDay)
        #expect(suggestion.day == firstDays.min())
        // With the default model and thresholds the first touch-up falls 3–6 years out (practitioners' figures, Data/SOURCES.md).
        #expect(suggestion.day > 3 * 365 && suggestion.day < 6 * 365, "\(suggestion.day)")
        // Before the crossing the whole scalp is still above the perceived-density threshold.
        let before = outlook.followUps.filter { $0.day < (schedule.regions.last!.perceivedDensityDay ?? .infinity) && $0.sessions.count == 3 }
        for f in before { #expect(f.perceivedFraction.last! > schedule.minPerceivedFraction) }
    }

    @Test("a warm blend drifts cooler than uniform fading would make it: iron oxide fades faster than carbon")
    func blendDrifts() throws {
        let library = Fixtures.engine.colourLibrary
        let blend = try #require(library.pigments.pigments.first { p in
            Set(p.components.map(\.component.fadeGroup)).count > 1
        }, "a blend of fade groups ships in Data/pigments")
        let skin = try library.skins.model(named: "monk-4")
        let setup = try Fixtures.engine.fadeLibrary.setup(model: .bi)
        let state = try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [1825])[0]
        let remaining = state.remaining(for: blend)
        let mass = blend.components.reduce(0) { $0 + $1.massFraction }
        let total = blend.components.reduce(0) { $0 + $1.massFraction * remaining[$1.component.name]! } / mass
        let uniform = blend.scaled(remaining: Dictionary(uniqueKeysWithValues: blend.components.map { ($0.component.name, total) }))
        let perGroup = state.faded(blend)
        let a = try PigmentedSkin(skin: skin, pigment: perGroup, dilution: 0.7, depthMM: 0.6)
        let b = try PigmentedSkin(skin: skin, pigment: uniform, dilution: 0.7, depthMM: 0.6)
        let castA = PigmentedSkin.cast(spot: a.lab, skin: a.skinLab), castB = PigmentedSkin.cast(spot: b.lab, skin: b.skinLab)
        #expect(Set(remaining.values).count > 1, "groups must fade at different rates")
        #expect(castA.db < castB.db, "cast b* per group \(castA.db) vs uniform \(castB.db)")
    }
}
