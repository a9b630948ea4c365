import Foundation
import Plans
@testable import Simulation
import SimulationFixtures
import SkinOptics
import StippleTestSupport
import Testing

/// The review's advice is right: one finding per rule, interval fixes as one schedule, a density
/// shortfall named as such (and not as early fading), "why" texts that cite `Data/SOURCES.md`
/// by name, and a "fix first" summary.
@Suite("Review advice: grouped findings, one schedule, density shortfall, sources")
struct ReviewAdviceTests {
    static let engine = Fixtures.engine
    static var reviewer: PlanReviewer { engine.reviewer }

    @Test("interval fixes form one schedule that passes the interval rule when applied together")
    func oneSchedule() throws {
        var plan = Fixtures.demo.plan
        plan.sessions[0].day = 0; plan.sessions[1].day = 5; plan.sessions[2].day = 10
        let f = Self.reviewer.intervals(plan)
        #expect(f.count == 1 && f[0].sessions == [2, 3], "\(f.map(\.message))")
        let days = ReviewFixes.sessionDays(plan, rules: Self.engine.reviewRules.interval)
        #expect(days == [0, 14, 28])
        #expect(f[0].fix.contains("session 2 to day 14") && f[0].fix.contains("session 3 to day 28"), "\(f[0].fix)")
        for i in plan.sessions.indices { plan.sessions[i].day = days[i] }
        #expect(Self.reviewer.intervals(plan).isEmpty)
        // A gap that was fine keeps its length when an earlier session moves.
        plan.sessions[1].day = 3; plan.sessions[2].day = 33
        #expect(ReviewFixes.sessionDays(plan, rules: Self.engine.reviewRules.interval) == [0, 14, 44])
    }

    @Test("spacing_factor 1.0: a density shortfall with the fix that reaches it, and no early-fading warning")
    func densityShortfall() throws {
        var plan = Fixtures.demo.plan
        plan.design.spacingFactor = 1.0
        let result = try Self.engine.simulate(plan, source: "loose")
        let ids = result.review.map(\.rule)
        let shortfall = try #require(result.review.first { $0.rule == "density.shortfall" }, "\(ids)")
        #expect(shortfall.value < 0.9 && shortfall.sessions.contains(3))
        #expect(shortfall.fix.contains("spacing_factor to 0.7"), "\(shortfall.fix)")
        #expect(!ids.contains("fading.early-touch-up"), "a shortfall is not fading: \(ids)")
        // The fix reaches the target.
        let fixed = try Self.engine.simulate(PlanFixer(reviewer: Self.reviewer).fixed(result), source: "fixed")
        #expect(!fixed.review.contains { $0.rule == "density.shortfall" }, "\(fixed.review.map(\.message))")
        // The demo reaches its targets: no shortfall there.
        #expect(Self.reviewer.shortfall(Fixtures.demo).isEmpty)
    }

    @Test("a shortfall at a spacing factor that is already tight asks for a lower target instead")
    func shortfallAtTightSpacing() {
        var plan = Fixtures.demo.plan
        plan.design.spacingFactor = 0.7
        let fix = ReviewFixes.shortfallFix(plan, reachedFraction: 0.8)
        #expect(fix.spacingFactor == nil && fix.target == 88 && fix.text.contains("target_density_per_cm2 to 88"))
    }

    @Test("every rule's why cites Data/SOURCES.md entries that exist, and nothing outside the repository")
    func whyCitesSources() throws {
        let sources = try String(contentsOf: Repository.data.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let rules = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.data.appendingPathComponent("review/rules.json"))) as! [String: [String: Any]]
        var whys: [String] = []
        for (_, group) in rules { for (key, value) in group where key.lowercased().hasSuffix("why") { whys.append(value as! String) } }
        #expect(whys.count >= 11)
        for why in whys {
            #expect(why.contains("Data/SOURCES.md"), "\(why)")
            #expect(!why.contains("DOMAIN") && !why.contains(".swift") && !why.contains("Sources/"), "\(why)")
            // Names quoted after the file must be headings or bold entries there.
            let names = why.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            for name in names where name.first?.isUppercase == true {
                #expect(sources.contains("## \(name)") || sources.contains("**\(name)**"), "'\(name)' is not an entry of SOURCES.md")
            }
        }
    }

    @Test("the three to fix first: errors first, one line each")
    func fixFirst() {
        let lines = PlanReviewer.fixFirst(Fixtures.tooFast.review)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("1. error: ") && lines[0].contains("[layering.single-session]"), "\(lines)")
        #expect(PlanReviewer.fixFirst(Fixtures.demo.review).isEmpty)
    }
}
