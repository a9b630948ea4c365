import Foundation
import Plans
import Reports
@testable import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// Every review rule on both sides of its threshold. Plan-only rules are fed edited copies of the
/// demo plan; rules on simulated evidence keep the measurement and move the threshold around it.
@Suite("Plan review: every rule on both sides of its threshold")
struct ReviewTests {
    static let engine = Fixtures.engine
    static var reviewer: PlanReviewer { engine.reviewer }
    static var demoPlan: Plan { Fixtures.demo.plan }

    static func rules(_ edit: (inout ReviewRules) -> Void) -> PlanReviewer {
        var r = engine.reviewRules
        edit(&r)
        return PlanReviewer(rules: r, colours: engine.colourLibrary, fades: engine.fadeLibrary)
    }

    static func ids(_ findings: [ReviewFinding]) -> [String] { findings.map(\.rule) }

    @Test("the shipped demo gets no findings; the trainee plans get the ones they were written to show")
    func shippedPlans() throws {
        #expect(Fixtures.demo.review.isEmpty, "\(Fixtures.demo.review.map(\.message))")
        let fast = Set(Self.ids(Fixtures.tooFast.review))
        #expect(fast.isSuperset(of: ["layering.single-session", "spacing.merging", "spacing.helmet", "depth.too-deep", "spacing.factor",
                                     "spacing.random-placement", "density.above-native", "hairline.too-sharp", "hairline.too-straight"]))
        #expect(Fixtures.tooFast.review.first?.severity == .error)
        let deep = try Self.engine.simulate(Fixtures.plan("norwood-v-too-deep.yaml"), source: "too-deep")
        // One finding per rule, listing its sessions.
        let blowOut = deep.review.filter { $0.rule == "depth.blow-out" }
        #expect(blowOut.count == 1 && blowOut.first?.sessions == [1, 2, 3], "\(blowOut.map(\.sessions))")
        #expect(Set(Self.ids(deep.review)).count == deep.review.count, "a rule appears once: \(Self.ids(deep.review))")
        #expect(Set(Self.ids(deep.review)).contains("colour.too-light"))
    }

    @Test("templates: too-fast, too-deep and too-close show their lesson as errors; demo, three-session and ludwig-ii have none", arguments: PlanTemplate.allCases)
    func templates(_ template: PlanTemplate) throws {
        let plan = try Self.engine.planReader.parse(template.text(stage: "V", skin: "monk-4"), file: template.rawValue)
        let review = try Self.engine.simulate(plan, source: template.rawValue).review
        let errors = Set(review.filter { $0.severity == .error }.map(\.rule))
        switch template {
        case .demo, .threeSession, .alopeciaPatch, .fueScars, .stripScar, .ludwigII: #expect(errors.isEmpty, "\(errors)")
        case .tooFast: #expect(errors.contains("layering.single-session"))
        case .tooDeep: #expect(errors.contains("depth.blow-out"))
        case .tooClose: #expect(errors.contains("spacing.merging"), "\(review.map(\.rule))")
        }
    }

    @Test("layering: one session is an error; a step above 0.5 warns and above 0.8 is an error; 0.3/0.4/0.3 passes")
    func layering() {
        var plan = Self.demoPlan
        #expect(Self.reviewer.layering(plan).isEmpty)
        plan.sessions = [plan.sessions[0]]
        plan.sessions[0].fractionOfTarget = 1
        #expect(Self.ids(Self.reviewer.layering(plan)) == ["layering.single-session"])
        plan = Self.demoPlan
        plan.sessions[1].fractionOfTarget = 0.85  // step 0.55 after 0.3
        let warn = Self.reviewer.layering(plan)
        #expect(warn.count == 1 && warn[0].severity == .warning && warn[0].session == 2)
        plan.sessions[0].fractionOfTarget = 0.05; plan.sessions[1].fractionOfTarget = 0.9  // step 0.85
        #expect(Self.reviewer.layering(plan).first { $0.session == 2 }?.severity == .error)
        plan.sessions[0].fractionOfTarget = 0.4; plan.sessions[1].fractionOfTarget = 0.9  // step 0.5: at the limit
        #expect(Self.reviewer.layering(plan).isEmpty)
    }

    @Test("interval: < 7 days error, 7–9 warning, 10–60 fine, > 60 note")
    func interval() {
        var plan = Self.demoPlan
        for (gap, expected) in [(5.0, ReviewFinding.Severity.error), (8, .warning), (10, nil), (60, nil), (61, .note)] {
            plan.sessions[1].day = plan.sessions[0].day + gap
            plan.sessions[2].day = plan.sessions[1].day + 21
            let f = Self.reviewer.intervals(plan)
            #expect(f.first?.severity == expected, "gap \(gap): \(f.map(\.rule))")
            if expected != nil { #expect(f.first?.session == 2) }
        }
    }

    @Test("depth: inside 0.4–0.8 mm fine, deeper warns, beyond 1.2 mm error, shallower warns, a deep deposit is an error")
    func depth() {
        let c = Self.engine.colourLibrary.skins.basis.constants
        var plan = Self.demoPlan
        func check(_ depth: Double, _ rule: String?, _ severity: ReviewFinding.Severity? = nil) {
            plan.sessions[0].depthMM = depth
            let f = Self.reviewer.depths(plan, constants: c)
            #expect(f.first?.rule == rule && (severity == nil || f.first?.severity == severity), "depth \(depth): \(f.map(\.rule))")
        }
        check(0.4, nil); check(0.8, nil); check(0.85, "depth.too-deep", .warning); check(1.2, "depth.too-deep", .warning)
        check(1.25, "depth.too-deep", .error); check(0.35, "depth.too-shallow", .warning)
        plan.sessions[0].depthMM = 0.6
        plan.sessions[0].deposit = .deep
        #expect(Self.ids(Self.reviewer.depths(plan, constants: c)) == ["depth.blow-out"])
    }

    @Test("needle: over 0.30 mm is an error; a finishing needle over 0.25 mm warns")
    func needle() {
        var plan = Self.demoPlan
        #expect(Self.reviewer.needles(plan).isEmpty)
        plan.sessions[0].needleMM = 0.35
        #expect(Self.ids(Self.reviewer.needles(plan)) == ["needle.too-coarse"])
        plan.sessions[0].needleMM = 0.30
        #expect(Self.reviewer.needles(plan).isEmpty)
        plan.sessions[2].needleMM = 0.26
        #expect(Self.ids(Self.reviewer.needles(plan)) == ["needle.finishing-coarse"])
        plan.sessions[2].needleMM = 0.25
        #expect(Self.reviewer.needles(plan).isEmpty)
    }

    @Test("density: above 1.25 × the client's follicular units warns")
    func density() {
        var plan = Self.demoPlan  // 110/cm², native 220 hairs → 110 units; limit 137.5
        plan.design.targetDensityPerCM2 = 137
        #expect(Self.reviewer.density(plan).isEmpty)
        plan.design.targetDensityPerCM2 = 138
        #expect(Self.ids(Self.reviewer.density(plan)) == ["density.above-native"])
        plan.client.nativeHairDensity = 240
        #expect(Self.reviewer.density(plan).isEmpty)
    }

    @Test("hairline: too low (< 65 mm), too sharp (< 4 mm), too straight (irregularity < 0.15 or shape straight)")
    func hairline() {
        var plan = Self.demoPlan
        #expect(Self.reviewer.hairline(plan).isEmpty)
        plan.design.hairline.heightAboveBrowMM = 64
        #expect(Self.ids(Self.reviewer.hairline(plan)) == ["hairline.too-low"])
        plan.design.hairline.heightAboveBrowMM = 65
        plan.design.hairline.transitionMM = 3.9
        #expect(Self.ids(Self.reviewer.hairline(plan)) == ["hairline.too-sharp"])
        plan.design.hairline.transitionMM = 4
        plan.design.hairline.irregularity = 0.1
        #expect(Self.ids(Self.reviewer.hairline(plan)) == ["hairline.too-straight"])
        plan.design.hairline.irregularity = 0.15
        #expect(Self.reviewer.hairline(plan).isEmpty)
        plan.design.hairline.shape = .straight
        #expect(Self.ids(Self.reviewer.hairline(plan)) == ["hairline.too-straight"])
    }

    @Test("spacing: factor < 0.5 and random placement warn; merges warn, above 1 % of dots are an error; coverage above 5 % is a helmet")
    func spacing() {
        #expect(Self.reviewer.spacing(Fixtures.demo).isEmpty)
        let fast = Fixtures.tooFast
        let fraction = Double(fast.sessions.last!.metrics.all.mergePairs) / Double(fast.sessions.last!.metrics.all.impressions)
        let coverage = fast.sessions.last!.metrics.all.coveredFraction
        let below = Self.rules { $0.spacing.maxMergeFractionError = fraction + 0.001; $0.spacing.maxCoverageError = coverage + 0.001 }
        let f = below.spacing(fast)
        #expect(f.first { $0.rule == "spacing.merging" }?.severity == .warning && !Self.ids(f).contains("spacing.helmet"))
        let above = Self.rules { $0.spacing.maxMergeFractionError = fraction - 0.001; $0.spacing.maxCoverageError = coverage - 0.001 }
        let g = above.spacing(fast)
        #expect(g.first { $0.rule == "spacing.merging" }?.severity == .error && Self.ids(g).contains("spacing.helmet"))
        #expect(Self.ids(g).contains("spacing.factor") && Self.ids(g).contains("spacing.random-placement"))
        let lenient = Self.rules { $0.spacing.maxMergeFractionWarning = fraction + 0.001; $0.spacing.maxMergeFractionError = 1; $0.spacing.minSpacingFactor = 0.3 }
        #expect(!Self.ids(lenient.spacing(fast)).contains("spacing.merging") && !Self.ids(lenient.spacing(fast)).contains("spacing.factor"))
    }

    @Test("colour: ΔE00 to hair above the threshold, or lightness off by more than 10, warns with the solver's suggestion")
    func colour() throws {
        let demo = Fixtures.demo
        let hair = try #require(demo.colours.hairLab)
        let finishing = demo.colours.sessions.last!
        let basis = demo.colours.skinModel.basis  // hair is compared as an instrument reads it
        let worst = deltaE2000(basis.asRead(finishing.lab), hair)
        #expect(Self.rules { $0.colour.maxDeltaE00ToHair = worst + 0.01 }.colour(demo).isEmpty)
        let f = Self.rules { $0.colour.maxDeltaE00ToHair = worst - 0.01 }.colour(demo)
        #expect(Self.ids(f) == ["colour.hair-mismatch"] && f[0].fix.contains("stipple color solve"), "\(f.map(\.fix))")
        let dL = abs(basis.asRead(finishing.lab).L - hair.L)
        #expect(Self.rules { $0.colour.maxLightnessDifference = dL + 0.01 }.colour(demo).isEmpty)
        let g = Self.rules { $0.colour.maxLightnessDifference = dL - 0.01 }.colour(demo)
        #expect(g.count == 1 && g[0].session == 3 && g[0].rule == "colour.too-light", "\(g.map(\.rule))")
        // An earlier layer lighter than the hair is intended; darker than the hair is flagged.
        let firstLighter = basis.asRead(demo.colours.sessions[0].lab).L - hair.L
        #expect(firstLighter > 0)
        #expect(Self.rules { $0.colour.maxLightnessDifference = 0.01 }.colour(demo).allSatisfy { $0.session == 3 })
        var blonde = demo.plan
        blonde.client.hairColour = .named("blonde", lab: try Self.engine.colourLibrary.hair.lab(named: "blonde"))
        let darkForBlonde = try Self.engine.simulate(blonde, source: "blonde").review.filter { $0.category == .colour }
        #expect(Set(darkForBlonde.map(\.rule)) == ["colour.too-dark"] && darkForBlonde.count == 1, "\(darkForBlonde.map(\.message))")
        #expect(darkForBlonde.first?.sessions == [1, 2, 3])
        // Blonde hair cannot be matched: the finding says why, in plain words.
        #expect(darkForBlonde.first?.why.contains("no pigment, dilution and needle depth") == true, "\(darkForBlonde.first?.why ?? "")")
    }

    @Test("fading: a touch-up due before the threshold day warns")
    func fading() throws {
        let day = try #require(Fixtures.demo.outlook?.touchUp.suggestion?.day)
        #expect(Self.rules { $0.fading.minTouchUpDays = day }.fading(Fixtures.demo).isEmpty)
        #expect(Self.ids(Self.rules { $0.fading.minTouchUpDays = day + 1 }.fading(Fixtures.demo)) == ["fading.early-touch-up"])
    }

    @Test("findings are ordered errors → warnings → notes and report.json carries them")
    func ordering() throws {
        let order = Fixtures.tooFast.review.map { ReviewFinding.Severity.allCases.firstIndex(of: $0.severity)! }
        #expect(order == order.sorted())
        let report = try ReportFiles.reportJSON(Fixtures.tooFast, outputs: [])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report)) as? [String: Any])
        let review = try #require(json["review"] as? [String: Any])
        #expect(review["errors"] as? Int == 3 && (review["findings"] as? [[String: Any]])?.first?["rule"] as? String == "layering.single-session")
    }
}
