import ArgumentParser
import Foundation
import Plans
import Reports
import Simulation
import Support

/// `stipple review`: what a trainer would say about a plan, with the reason and the fix.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review plans: what a seasoned artist would change, why, and how.",
        discussion: """
            Simulates each plan (no files written) and applies the rules of Data/review/rules.json
            (layering, interval, depth, needle, spacing, density, hairline, colour, fading). Each
            finding has a stable rule id, a category, a severity (error, warning, note), the
            session and region it applies to, the measured value and the threshold, a message,
            why (with its sources) and a fix. The same findings are in report.json ("review") and
            at the end of `stipple simulate`.
            One finding per rule, listing its sessions; the text starts with the three to fix first.
            --json: {"findings": [...], "fix_first": [...]} for one plan; for several,
            [{"plan": PATH, "findings": [...], "fix_first": [...]}, ...].
            --fix --out FIXED.yaml (one plan): writes the plan with every fix applied (comments
            kept where the YAML allows; written atomically), re-reviewing up to 3 rounds, and
            prints the fixed plan's review.
            Exit status: 0 no finding is an error (of the fixed plan, with --fix); 3 some finding
            is an error; 1 a plan could not be run.
            """)

    /// Exit status when a plan has error findings (distinct from 1, a run that failed).
    static let errorsFound: Int32 = 3

    @Argument(help: "Plan files (YAML or JSON).")
    var plans: [String]

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .long, help: "Apply every fix and write the fixed plan to --out (one plan only).")
    var fix = false

    @Option(name: .long, help: "Where --fix writes the fixed plan (YAML or JSON, as the input).")
    var out: String?

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    struct PlanFindings: Encodable {
        let plan: String
        let findings: [ReviewFinding]
        var fix_first: [String] { PlanReviewer.fixFirst(findings) }
        enum CodingKeys: String, CodingKey { case plan, findings, fix_first }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plan, forKey: .plan); try c.encode(findings, forKey: .findings); try c.encode(fix_first, forKey: .fix_first)
        }
    }

    struct OnePlan: Encodable {
        let findings: [ReviewFinding]
        let fix_first: [String]
    }

    func validate() throws {
        if fix && (out == nil || plans.count != 1) { throw ValidationError("--fix needs exactly one plan and --out FIXED.yaml") }
        if out != nil && !fix { throw ValidationError("--out is only used with --fix") }
    }

    func run() throws {
        var reviewed: [PlanFindings] = []
        try reportingErrors {
            var engine = try SimulationEngine(data: DataLibrary.locate(explicit: data))
            engine.touchUpSeedCount = TouchUpSeeds.count
            for plan in plans {
                let parsed = try engine.planReader.read(contentsOf: URL(fileURLWithPath: plan))
                let result = try engine.simulate(parsed, source: plan)
                guard fix, let out else {
                    reviewed.append(PlanFindings(plan: plan, findings: result.review))
                    continue
                }
                let fixed = try ReviewFix.run(engine: engine, result: result, file: plan, out: out)
                if !json { print(fixed.summary) }
                reviewed.append(PlanFindings(plan: out, findings: fixed.findings))
            }
        }
        if json {
            let text = reviewed.count == 1
                ? try StippleJSON.text(OnePlan(findings: reviewed[0].findings, fix_first: reviewed[0].fix_first)) : try StippleJSON.text(reviewed)
            print(text, terminator: "")
        } else {
            print(reviewed.map(Self.text).joined(separator: "\n"), terminator: "")
        }
        if reviewed.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(Self.errorsFound) }
    }

    static func text(_ r: PlanFindings) -> String {
        var out = "\(r.plan): \(ReportFiles.reviewCounts(r.findings))\n"
        if !r.findings.isEmpty { out += "fix first:\n" + r.fix_first.map { "  \($0)\n" }.joined() }
        for f in r.findings {
            let sessions = f.sessions.isEmpty ? nil : (f.sessions.count == 1 ? "session " : "sessions ") + f.sessions.map(String.init).joined(separator: ", ")
            let place = [sessions, f.region].compactMap { $0 }.joined(separator: ", ")
            out += "\n\(f.severity.rawValue.uppercased()) \(f.rule) (\(f.category.rawValue)\(place.isEmpty ? "" : ", " + place))\n"
            out += "  \(f.message)\n"
            out += "  why: \(f.why)\n"
            out += "  fix: \(f.fix)\n"
        }
        return out
    }
}
