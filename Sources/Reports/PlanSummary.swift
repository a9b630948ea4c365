import Foundation
import Simulation
import Support

extension ReportFiles {
    /// A short table for the terminal: one line per session with the numbers a trainer looks at.
    public static func summary(of result: SimulationResult, files: [String], directory: String) -> String {
        let thinning = result.hair != nil
        var lines = [
            "\(result.plan.name): \(result.plan.client.hairLoss.label), design \(CSV.number(result.plan.design.targetDensityPerCM2))/cm², seed \(result.plan.seed)",
            "session  day  target  new_dots  total  dots/cm²  nn_mean_mm  nn_min_mm  merge_pairs  coverage"
                + (thinning ? "  hair/cm²  hair+dots/cm²  of_target" : ""),
        ]
        for s in result.sessions {
            let m = s.metrics.all
            var line = String(format: "%7d %4.0f %6.0f%% %9d %6d %9.1f %11.3f %10.3f %12d %8.2f%%",
                              s.number, s.plan.day, s.plan.fractionOfTarget * 100, s.newImpressions,
                              s.totalImpressions, m.impressionsPerCM2, m.nearestNeighbourMeanMM ?? 0,
                              m.nearestNeighbourMinMM ?? 0, m.mergePairs, m.coveredFraction * 100)
            if let p = s.perceived {
                line += String(format: " %9.1f %14.1f %9.0f%%", p.hairPerCM2, p.perceivedPerCM2, p.fractionOfTarget * 100)
            }
            lines.append(line)
        }
        if thinning {
            lines.append("among hair: target = max(0, design − hair) (the shortfall); hair+dots/cm² is what the eye counts over the treated area")
        }
        lines += areaLines(result)
        if let schedule = result.outlook?.touchUp {
            lines.append(touchUpLine(schedule))
        }
        lines += reviewLines(result.review)
        let pngs = files.filter { $0.hasSuffix(".png") }.count
        lines.append("wrote \(files.count) files (\(pngs) PNGs) to \(directory)")
        return lines.joined(separator: "\n")
    }

    /// The touch-up date as a median and range over seeds, with what sets it; this seed's day last.
    public static func touchUpLine(_ t: TouchUpSchedule) -> String {
        func day(_ d: Double?) -> String { d.map { CSV.number($0) } ?? "beyond 10 years" }
        guard let s = t.suggestion else {
            return "touch-up: none due within 10 years of the last session; see report.json touch_up"
        }
        let spread = t.spread.map { " (median of \($0.seeds.count) seeds, range \(day($0.earliest))–\(day($0.latest)))" } ?? ""
        return "touch-up due on day \(day(t.spread?.median ?? s.day))\(spread), set by \(s.region) (\(s.criterion.rawValue)); "
            + "this seed: day \(day(s.day)) (\(s.regions.joined(separator: ", "))); see report.json touch_up"
    }

    /// The review's findings, one line each (`stipple review` prints the reasons and fixes too).
    public static func reviewLines(_ findings: [ReviewFinding]) -> [String] {
        guard !findings.isEmpty else { return ["review: no findings"] }
        return ["review: \(reviewCounts(findings)) (stipple review PLAN for why and how to fix)"]
            + findings.map { "  \($0.severity.rawValue): \($0.message) [\($0.rule)]" }
    }

    /// "no findings", or the count per severity present: "1 error, 2 warnings".
    public static func reviewCounts(_ findings: [ReviewFinding]) -> String {
        let counts = ReviewFinding.Severity.allCases.map { s in (s, findings.filter { $0.severity == s }.count) }.filter { $0.1 > 0 }
        guard !counts.isEmpty else { return "no findings" }
        return counts.map { "\($0.1) \($0.0.rawValue)\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ")
    }
}
