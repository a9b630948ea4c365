import Foundation
import Plans
import StippleTestSupport
import Testing

/// The CLI's options that take a physical quantity accept exactly what the plan reader accepts:
/// every end of every limit is probed through the CLI and compared with the one declaration
/// (`PlanReader().limits()`, `PlanLimits`), so a second copy of a limit in a command fails here.
@Suite("CLI options and plan files share each limit (PlanLimits)")
struct LimitOptionTests {
    /// A limit's probes: each end, and a micro-step either side of it.
    static func probes(lower: Double, upper: Double) -> [Double] {
        let step = 1e-6
        return [lower - step, lower, lower + step, upper - step, upper, upper + step]
    }

    static func plan(depth: Double) -> String {
        "name: p\nclient: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions:\n  - {day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: \(depth)}\n"
    }

    /// Each case: which limit, and the command that gives a value to it.
    static let cases = ["color --depth", "color --dilution", "color solve --hair a*", "fade simulate --depth", "validate depth_mm"]

    @Test("an option accepts a value exactly when the declared limit does, and refuses it with the declaration's words", arguments: cases)
    func optionFollowsTheDeclaration(_ option: String) throws {
        let limits = try PlanReader().limits()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (lower, upper, contains, expectation): (Double, Double, (Double) -> Bool, String)
        let arguments: (Double) throws -> [String]
        switch option {
        case "color --depth", "fade simulate --depth", "validate depth_mm":
            let l = limits.depthMM
            (lower, upper, contains, expectation) = (l.lower, l.upper, l.contains, l.expectation)
            arguments = { v in
                switch option {
                case "color --depth": return ["color", "--depth", "\(v)"]
                case "fade simulate --depth": return ["fade", "simulate", "--model", "bi", "--days", "0,30", "--depth", "\(v)"]
                default:
                    let file = directory.appendingPathComponent("p\(v).yaml")
                    try Self.plan(depth: v).write(to: file, atomically: true, encoding: .utf8)
                    return ["validate", file.path]
                }
            }
        case "color --dilution":
            let l = PlanLimits.dilution
            (lower, upper, contains, expectation) = (l.lower, l.upper, l.contains, "\(l)")
            arguments = { v in ["color", "--depth", "0.6", "--dilution=\(v)"] }  // "=": -1e-06 is a value, not an option
        default:
            let l = PlanLimits.hairAB
            (lower, upper, contains, expectation) = (l.lower, l.upper, l.contains, l.expectation)
            arguments = { v in ["color", "solve", "--skin", "monk-4", "--hair", "30,\(v),5"] }
        }
        for value in Self.probes(lower: lower, upper: upper) {
            let r = try CLIRunner.run(try arguments(value))
            if contains(value) {
                #expect(r.status == 0, "\(option) \(value) is inside the declared limit but refused: \(r.stderr)")
            } else {
                #expect(r.status == 1, "\(option) \(value) is outside the declared limit but accepted")
                #expect(r.stderr.contains(expectation), "\(option) \(value): '\(expectation)' not in \(r.stderr)")
            }
        }
    }
}
