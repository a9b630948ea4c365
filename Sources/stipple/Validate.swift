import ArgumentParser
import Foundation
import Plans
import Simulation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check plan and sweep files without running them.",
        discussion: "Prints 'ok' per file, or the first problem in it; exit status 1 if any file has a problem.")

    @Argument(help: "Plan or sweep files.")
    var plans: [String]

    @OptionGroup var shared: DataOption

    func run() throws {
        var failures = 0
        try reportingErrors {
            let engine = try SimulationEngine(data: shared.library())
            for plan in plans {
                do {
                    let n = try engine.validate(file: plan)
                    print("ok: \(plan)" + (n == 1 ? "" : " (\(n) plans)"))
                } catch {
                    failures += 1
                    note("stipple: error: \(error)")
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
