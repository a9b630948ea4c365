import Figures
import Foundation
import Reports
import Simulation

/// What `POST /api/simulate` answers: the plan's sessions, follow-ups, touch-up and review as
/// report.json's own records (the same keys and the same rounding, declared once in `Reports`),
/// plus the timeline's steps and the links of the pictures, one per view and step.
struct SimulationSummary: Encodable {
    let id: String
    let name: String
    let seed: UInt64
    let views: [String]
    let steps: [Step]
    /// report.json's `sessions`: `all` holds the whole chart's density, spacing and coverage.
    let sessions: [SessionRecord]
    /// report.json's `follow_ups`: `all` holds the perceived density on that day.
    let followUps: [FollowUpRecord]
    /// report.json's `touch_up`: `suggested_session` holds the day, region and criterion.
    let touchUp: TouchUpRecord?
    let review: ReviewRecord
    /// `pictures[view][step]`: the URL of that picture (drawn on first request).
    let pictures: [String: [String]]

    struct Step: Encodable {
        let index: Int
        let label: String
        let short: String
        let day: Double
        /// Sessions placed by then.
        let placed: Int
    }

    init(id: String, pictures: PlanPictures) {
        let result = pictures.result
        self.id = id
        name = result.plan.name
        seed = result.plan.seed
        views = pictures.views.map(\.rawValue)
        steps = pictures.timeline.steps.enumerated().map { k, s in
            Step(index: k, label: s.long, short: s.short, day: s.day, placed: s.placed)
        }
        sessions = ReportFiles.sessionRecords(result)
        followUps = ReportFiles.followUpRecords(result)
        touchUp = ReportFiles.touchUpRecord(result)
        review = ReviewRecord(result.review)
        var links: [String: [String]] = [:]
        for view in pictures.views {
            links[view.rawValue] = pictures.timeline.steps.indices.map { "/api/results/\(id)/\(view.rawValue)/\($0).png" }
        }
        self.pictures = links
    }
}
