import Foundation
import Plans
import Reports
import Simulation

/// `stipple review PLAN --fix --out FIXED`: applies every fix (`PlanFixer`), simulates and
/// reviews the result, and repeats while fixes still change the plan (at most `maxRounds`:
/// a fix can reveal another, e.g. a tighter spacing that now reaches the target), then writes
/// the plan text with the changes (`PlanFixWriter`) atomically.
enum ReviewFix {
    static let maxRounds = 3

    static func run(engine: SimulationEngine, result first: SimulationResult, file: String, out: String) throws -> (findings: [ReviewFinding], summary: String) {
        let original: String
        do { original = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8) } catch {
            throw PlanError(file: file, field: "", message: "cannot read the file again to write the fixed plan")
        }
        let fixer = PlanFixer(reviewer: engine.reviewer)
        var result = first
        var rounds = 0
        while rounds < maxRounds {
            let next = fixer.fixed(result)
            if next == result.plan { break }
            result = try engine.simulate(next, source: out)
            rounds += 1
        }
        let written = try PlanFixWriter.text(original: original, file: file, plan: first.plan, fixed: result.plan)
        try AtomicOutput.writeAtomically(Array(written.text.utf8), to: URL(fileURLWithPath: out))
        let changes = PlanFixWriter.changeCount(from: first.plan, to: result.plan)
        let summary = "wrote \(out): \(changes) change\(changes == 1 ? "" : "s") from \(first.review.filter { $0.severity != .note }.count) findings in \(rounds) round\(rounds == 1 ? "" : "s")"
            + (written.keptComments ? "" : " (the plan's text could not be edited in place: written without its comments)")
        return (result.review, summary)
    }
}
