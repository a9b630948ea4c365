import Figures
import Foundation
import SimulationFixtures
import Testing

/// `HTMLReport.page` on the demo's result: the timeline's order, and the panels it offers
/// following the pictures it is given (head views appear when a plan's outputs have them).
@Suite("report page")
struct HTMLReportPageTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4e, 0x47]

    static func page(_ images: [String: [UInt8]]) -> String {
        String(decoding: HTMLReport.page(Fixtures.demo, images: images), as: UTF8.self)
    }

    @Test("steps run in order of days: a follow-up before a later session falls between them")
    func timelineOrder() {
        let steps = ReportTimeline(Fixtures.demo).steps
        #expect(steps.map(\.short) == ["S1 · day 0", "S2 · day 14", "30 days", "S3 · day 35", "6 months", "1 year", "3 years", "5 years"])
        #expect(steps.map(\.placed) == [1, 2, 2, 3, 3, 3, 3, 3])
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.day <= $1.day })
    }

    @Test("a head views tab appears when head_session<N>.png pictures are present, showing each step's session")
    func headViewsPanel() {
        let without = Self.page(["appearance_session1.png": Self.png])
        #expect(without.contains("data-tab=\"appearance\"") && !without.contains("data-tab=\"head\""))
        let with = Self.page(["head_session1.png": Self.png, "head_session2.png": Self.png, "head_session3.png": Self.png])
        #expect(with.contains("data-tab=\"head\"") && with.contains("id=\"panel-head\""))
        // Session 2's head view serves its own step and the 30-day follow-up (steps 1 and 2).
        #expect(with.contains("data-steps=\"1 2\" hidden src=\"data:image/png;base64,"))
        #expect(with.contains("data-name=\"head_session3.png\""))
    }

    @Test("no pictures: the page says so instead of showing empty tabs")
    func noPictures() {
        let page = Self.page([:])
        #expect(!page.contains("role=\"tab\"") && page.contains("No pictures were rendered"))
    }
}

@Suite("report ages")
struct ReportAgeTests {
    @Test("days read as a trainer says them", arguments: [
        (1.0, "1 day"), (30, "30 days"), (180, "6 months"), (365, "1 year"), (1095, "3 years"), (1825, "5 years"),
        (2009, "5.5 years"), (2940, "8.0 years"),
    ])
    func age(_ day: Double, _ expected: String) {
        #expect(ReportTimeline.age(day) == expected)
    }
}
