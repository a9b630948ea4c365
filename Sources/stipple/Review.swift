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
            --json: {"findings": [...]} for one plan; for several, [{"plan": PATH, "findings": [...]}, ...].
            Exit status: 0 no finding is an error; 3 some finding is an error; 1 a plan could not be run.
            """)

    /// Exit status when a plan has error findings (distinct from 1, a run that failed).
    static let errorsFound: Int32 = 3

    @Argument(help: "Plan files (YAML or JSON).")
    var plans: [String]

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    struct PlanFindings: Encodable {
        let plan: String
        let findings: [ReviewFinding]
    }

    struct OnePlan: Encodable {
        let findings: [ReviewFinding]
    }

    func run() throws {
        var reviewed: [PlanFindings] = []
        try reportingErrors {
            let engine = try SimulationEngine(data: DataLibrary.locate(explicit: data))
            for plan in plans {
                let parsed = try engine.planReader.read(contentsOf: URL(fileURLWithPath: plan))
                reviewed.append(PlanFindings(plan: plan, findings: try engine.simulate(parsed, source: plan).review))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = reviewed.count == 1 ? try encoder.encode(OnePlan(findings: reviewed[0].findings)) : try encoder.encode(reviewed)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(reviewed.map(Self.text).joined(separator: "\n"), terminator: "")
        }
        if reviewed.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(Self.errorsFound) }
    }

    static func text(_ r: PlanFindings) -> String {
        var out = "\(r.plan): \(ReportFiles.reviewCounts(r.findings))\n"
        for f in r.findings {
            let place = [f.session.map { "session \($0)" }, f.region].compactMap { $0 }.joined(separator: ", ")
            out += "\n\(f.severity.rawValue.uppercased()) \(f.rule) (\(f.category.rawValue)\(place.isEmpty ? "" : ", " + place))\n"
            out += "  \(f.message)\n"
            out += "  why: \(f.why)\n"
            out += "  fix: \(f.fix)\n"
        }
        return out
    }
}
