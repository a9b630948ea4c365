import Foundation
import StippleTestSupport
import Testing

/// The NIST StRD problems shipped in `Data/fade/nist/`, fitted the way a researcher would: through
/// `stipple fade fit DATA.csv --model-file PROBLEM.yaml --json --folds 0 --start …` from each of
/// NIST's two starts, at the CLI's default tolerances and iteration limit. Certified = every
/// parameter within 4 significant digits of NIST's value (log relative error ≥ 4); the fit must
/// also say `converged` (exit 0), so a wrong fit can never pass as converged here. Chwirut2 and
/// Hahn1 repeat x values (replicates) and Thurber has negative x: `fade fit` reads them because
/// the NIST model files' variable is `x`, not a day.
@Suite("NIST StRD through the CLI at default settings")
struct NISTCLITests {
    static let certifiedDigits = 4.0

    @Test("certified from NIST's starts", arguments: NISTProblem.names, [0, 1])
    func certified(_ name: String, _ start: Int) throws {
        let problem = try NISTProblem(name)
        let dir = try CLIRunner.scratch("nist-\(name)-\(start)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("\(name).csv")
        try Data(problem.csv.utf8).write(to: csv)
        let starts = problem.starts[start].enumerated().map { "b\($0.offset + 1)=\($0.element)" }.joined(separator: ",")
        let r = try CLIRunner.run(["fade", "fit", csv.path, "--model-file", problem.modelFile.path, "--json", "--folds", "0",
                                   "--jobs", "1", "--start", starts])
        #expect(r.status == 0, "\(name) start \(start + 1): exit \(r.status) \(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let fit = try #require(((doc?["series"] as? [[String: Any]])?.first?["fits"] as? [[String: Any]])?.first)
        let estimates = (fit["parameters"] as? [[String: Any]] ?? []).compactMap { $0["estimate"] as? Double }
        let digits = zip(estimates, problem.certified).map { NISTProblem.lre($0, $1) }
        let status = fit["status"] as? String
        #expect(status == "converged", "\(name) start \(start + 1): \(status ?? "-") \(fit["message"] ?? "")")
        #expect(digits.count == problem.certified.count && digits.allSatisfy { $0 >= Self.certifiedDigits },
                "\(name) start \(start + 1): parameter LRE \(digits)")
        let ssr = fit["ssr"] as? Double ?? .nan
        #expect(NISTProblem.lre(ssr, problem.ssr) >= 6, "\(name) start \(start + 1): SSR \(ssr) vs \(problem.ssr)")
        #expect(fit["dof"] as? Int == problem.x.count - problem.certified.count)
    }
}
