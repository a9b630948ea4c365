import Fading
import Foundation
@testable import Plans
@testable import Reports
@testable import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// Issue 25, items 3 and 4: the dose a plan shows and fades is the healed one, and the plan's
/// sun exposure acts with the default fade model.
@Suite("Healed dose and sun in the default fade model")
struct HealedDoseAndSunTests {
    @Test("injected × (1 − early loss) = healed: the shipped early loss is Bäumler's one third, and the colours use the healed dose")
    func doseAccounting() throws {
        let engine = Fixtures.engine
        let healing = engine.fadeLibrary.healing
        #expect(healing.earlyLoss == 0.33, "Data/fade/models.json healing.earlyLoss (Bäumler 2015: about one third)")
        let injected = PigmentedSkin.meanDoseMgPerCm2
        #expect(abs(engine.colourLibrary.healedDoseMgPerCm2 - injected * (1 - healing.earlyLoss)) < 1e-12)
        #expect(abs(healing.healed(injected: injected) - 1.6951) < 1e-12)
        // The healed colour of each demo session is the optics at the healed dose, not the injected one.
        let plan = Fixtures.demo.plan
        let skin = Fixtures.demo.colours.skinModel
        for (i, s) in plan.sessions.enumerated() {
            let pigment = Fixtures.demo.colours.pigments[i]
            let healed = try PigmentedSkin(skin: skin, pigment: pigment, dilution: s.dilution, depthMM: s.depthMM,
                                           doseMgPerCm2: engine.colourLibrary.healedDoseMgPerCm2, deposit: s.deposit)
            let fresh = try PigmentedSkin(skin: skin, pigment: pigment, dilution: s.dilution, depthMM: s.depthMM, deposit: s.deposit)
            #expect(deltaE2000(healed.lab, Fixtures.demo.colours.sessions[i].lab) < 1e-9)
            #expect(fresh.lab.L < healed.lab.L - 0.5, "session \(i + 1): the injected dose would read darker than the healed one")
        }
    }

    @Test("fade curves start from the healed dose: retained 1 at day 0 and retained_of_injected = retained × healed share on every row")
    func curvesAccounting() throws {
        let outlook = try #require(Fixtures.demo.outlook)
        let share = Fixtures.engine.fadeLibrary.healing.healedShare
        for curve in outlook.curves {
            #expect(curve.first!.retained == 1)
            #expect(abs(curve.first!.retainedOfInjected - share) < 1e-12)
            for look in curve { #expect(abs(look.retainedOfInjected - look.retained * share) < 1e-12) }
        }
        // The CSV keeps its columns and adds retained_of_injected last.
        let csv = String(decoding: FadeReportFiles.curvesCSV(Fixtures.demo, outlook), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header == FadeReportFiles.sessionsHeader.split(separator: ",").map(String.init))
        #expect(header.last == "retained_of_injected")
        #expect(Array(header.prefix(14)) == ["day", "session", "age_days", "retained", "L", "a", "b", "hex", "delta_e00_to_healed",
                                             "delta_e00_to_hair", "delta_e00_to_skin", "undertone", "diameter_scale", "depth_mm"])
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let retained = try #require(Double(f[3])), ofInjected = try #require(Double(f[14]))
            #expect(abs(ofInjected - retained * share) <= 1e-4, "\(line)")
        }
    }

    @Test("the demo's touch-up comes strictly sooner with more sun (0 → 0.5 → 1), each within practitioners' 18 months – 8 years")
    func sunOrdering() throws {
        var days: [Double] = []
        for sun in [0.0, 0.5, 1.0] {
            var plan = try Fixtures.plan("norwood-v-three-sessions.yaml")
            #expect(plan.fading.model == .bi, "the demo runs the default model")
            plan.fading.sunExposure = sun
            let result = try Fixtures.engine.simulate(plan, source: "demo-sun-\(sun)")
            let day = try #require(result.outlook?.touchUp.suggestion?.day, "sun \(sun): a touch-up within ten years")
            days.append(day - plan.sessions.last!.day)
        }
        #expect(days[0] > days[1] && days[1] > days[2], "\(days)")
        // Practitioners' figures (not measurements): touch-ups 18 months to 8 years apart.
        for day in days { #expect(day >= 1.5 * 365.25 && day <= 8 * 365.25, "\(days)") }
    }

    @Test("sun scales every rate of the non-UV models by (1 + gain·s)/(1 + gain/2); the uv model keeps its own gain")
    func sunResponse() throws {
        let library = Fixtures.engine.fadeLibrary
        #expect(library.sun.gain == 1)
        #expect(library.sun.rateMultiplier(sunExposure: 0.5, kind: .bi) == 1, "the rates are stated at the plan default 0.5")
        #expect(abs(library.sun.rateMultiplier(sunExposure: 0, kind: .compartment) - 2.0 / 3) < 1e-15)
        let bi = try library.setup(model: .bi)
        let covered = try FadeTimeline.Implant(model: bi, depthMM: 0.6, sunExposure: 0).state(atDay: 730).retained["carbon"]!
        let full = try FadeTimeline.Implant(model: bi, depthMM: 0.6, sunExposure: 1).state(atDay: 365).retained["carbon"]!
        #expect(abs(covered - full) < 1e-12, "full sun doubles the rates: day 365 in full sun = day 730 covered")
        let uv = try library.setup(model: .uv)
        let uvState = try FadeTimeline.Implant(model: uv, depthMM: 0.6, sunExposure: 1).state(atDay: 365).retained["carbon"]!
        let k = uv.value(of: "k")!, g = uv.value(of: "uvGain")!
        let m = uv.depth.rateMultiplier(depthMM: 0.6)
        #expect(abs(uvState - exp(-k * (1 + g) * m * 365)) < 1e-12)
    }
}
