import Simulation
import Support

/// The steps a report's slider walks through: each session, then each follow-up day, in the
/// order of days since the first session (a follow-up before a later session falls between
/// them). Each step knows which picture of each panel shows it.
public struct ReportTimeline: Sendable {
    public enum Moment: Sendable, Equatable {
        /// After session `index` (0-based) has healed.
        case session(Int)
        /// Follow-up `index` (0-based) of the outlook; `placed` sessions had been done by then.
        case followUp(Int, placed: Int)
    }

    public struct Step: Sendable {
        public let moment: Moment
        public let day: Double
        /// Short label for a button ("S2 · day 14", "1 year").
        public let short: String
        /// Long label for the heading ("Session 2 healed (day 14)").
        public let long: String
        /// Sessions placed by then (≥ 1).
        public var placed: Int {
            switch moment {
            case .session(let i): return i + 1
            case .followUp(_, let placed): return placed
            }
        }
    }

    public let steps: [Step]

    public init(_ result: SimulationResult) {
        var steps: [Step] = result.sessions.indices.map { i in
            let day = result.sessions[i].plan.day
            return Step(moment: .session(i), day: day, short: "S\(i + 1) · day \(CSV.number(day))",
                        long: "Session \(i + 1) (day \(CSV.number(day)))")
        }
        for (i, f) in (result.outlook?.followUps ?? []).enumerated() where !f.sessions.isEmpty {
            steps.append(Step(moment: .followUp(i, placed: f.sessions.count), day: f.day, short: Self.age(f.day),
                              long: "Follow-up: \(Self.age(f.day)) after the first session (day \(CSV.number(f.day)))"))
        }
        // Stable sort by day; on the same day the session comes first (it is what is followed up).
        self.steps = steps.enumerated().sorted { a, b in
            a.element.day != b.element.day ? a.element.day < b.element.day : a.offset < b.offset
        }.map(\.element)
    }

    /// Days as a trainer says them: "30 days", "6 months", "1 year", "5 years", "5.5 years".
    public static func age(_ day: Double) -> String {
        let d = Int(day.rounded())
        if d < 60 { return d == 1 ? "1 day" : "\(d) days" }
        if d < 360 { return "\(Int((Double(d) / 30.44).rounded())) months" }
        let years = Double(d) / 365.25
        if abs(years - years.rounded()) < 0.02 {
            let y = Int(years.rounded())
            return y == 1 ? "1 year" : "\(y) years"
        }
        return String(format: "%.1f years", years)
    }

    /// Picture names of each step for a per-session image family (`density_session`, …);
    /// `fileExtension`: "webp" for a batch's sheets (`SheetEncoding`).
    public func sessionImage(_ prefix: String, step: Step, fileExtension: String = "png") -> String {
        "\(prefix)\(step.placed).\(fileExtension)"
    }

    /// The appearance picture of a step: the session's, or the follow-up day's.
    public func appearanceImage(step: Step, result: SimulationResult, fileExtension: String = "png") -> String {
        switch step.moment {
        case .session(let i): return "appearance_session\(i + 1).\(fileExtension)"
        case .followUp(let i, _): return "appearance_day\(CSV.number(result.outlook!.followUps[i].day)).\(fileExtension)"
        }
    }
}
