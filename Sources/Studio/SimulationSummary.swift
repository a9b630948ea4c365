import Figures
import Foundation
import Simulation

/// What `POST /api/simulate` answers: the key figures per session and follow-up, the review's
/// findings and the links of the pictures, one per view and step. Keys are snake_case like
/// `report.json`'s; numbers are rounded as a page shows them.
struct SimulationSummary: Encodable {
    let id: String
    let name: String
    let seed: UInt64
    let views: [String]
    let steps: [Step]
    let sessions: [Session]
    let followUps: [FollowUpFigures]
    let touchUp: TouchUp?
    let review: Review
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

    struct Session: Encodable {
        let session: Int
        let day: Double
        let fractionOfTarget: Double
        let newImpressions: Int
        let totalImpressions: Int
        /// Impressions per cm² over the treated area (all regions).
        let densityPerCM2: Double
        let targetPerCM2: Double
        let nearestNeighbourMeanMM: Double?
        let mergePairs: Int
        let coveredFraction: Double
        let healedDiameterUM: Double
    }

    struct FollowUpFigures: Encodable {
        let day: Double
        let sessionsPlaced: Int
        let perceivedDensityPerCM2: Double
        let perceivedFractionOfTarget: Double
    }

    struct TouchUp: Encodable {
        let day: Double
        let region: String
        let criterion: String
    }

    struct Review: Encodable {
        let errors: Int
        let warnings: Int
        let notes: Int
        let findings: [ReviewFinding]
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
        sessions = result.sessions.map { s in
            let all = s.metrics.all
            return Session(session: s.number, day: s.plan.day, fractionOfTarget: s.plan.fractionOfTarget,
                           newImpressions: s.newImpressions, totalImpressions: s.totalImpressions,
                           densityPerCM2: Self.round(all.impressionsPerCM2, 1),
                           targetPerCM2: Self.round(all.meanTargetPerCM2 * s.plan.fractionOfTarget, 1),
                           nearestNeighbourMeanMM: all.nearestNeighbourMeanMM.map { Self.round($0, 3) },
                           mergePairs: all.mergePairs, coveredFraction: Self.round(all.coveredFraction, 3),
                           healedDiameterUM: Self.round(s.healedDiameterMM * 1000, 0))
        }
        followUps = (result.outlook?.followUps ?? []).map { f in
            FollowUpFigures(day: f.day, sessionsPlaced: f.sessions.count,
                            perceivedDensityPerCM2: Self.round(f.perceivedDensity.last ?? 0, 1),
                            perceivedFractionOfTarget: Self.round(f.perceivedFraction.last ?? 0, 3))
        }
        touchUp = result.outlook?.touchUp.suggestion.map { TouchUp(day: $0.day, region: $0.region, criterion: $0.criterion.rawValue) }
        let findings = result.review
        review = Review(errors: findings.filter { $0.severity == .error }.count,
                        warnings: findings.filter { $0.severity == .warning }.count,
                        notes: findings.filter { $0.severity == .note }.count, findings: findings)
        var links: [String: [String]] = [:]
        for view in pictures.views {
            links[view.rawValue] = pictures.timeline.steps.indices.map { "/api/results/\(id)/\(view.rawValue)/\($0).png" }
        }
        self.pictures = links
    }

    static func round(_ x: Double, _ places: Int) -> Double {
        guard x.isFinite else { return 0 }
        let scale = pow(10.0, Double(places))
        return (x * scale).rounded() / scale
    }
}
