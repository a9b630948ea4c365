import Foundation
import StippleTestSupport
import Testing

/// The NIST StRD problems shipped in `Data/fade/nist/`, fitted the way a researcher would: through
/// `stipple fade fit DATA.csv --model-file PROBLEM.yaml --json --folds 0 --start …` from each of
/// NIST's two starts, at the CLI's default tolerances and iteration limit. Certified = every
/// parameter within 4 significant digits of NIST's value (log relative error ≥ 4); the fit must
/// also say `converged` (exit 0). A fit that is not certified must not say converged.
///
/// Chwirut2 and Hahn1 repeat x values (replicates) and Thurber has negative x: the `fade fit`
/// reader refuses both today (days must increase and be ≥ 0). They are known issues until the
/// grammar/data branch of issue 22 (replicates, negative x) lands; then these expectations hold
/// and `withKnownIssue` reports that the issue is gone.
@Suite("NIST StRD through the CLI at default settings")
struct NISTCLITests {
    static let needsReplicatesOrNegativeX: Set<String> = ["Chwirut2", "Hahn1", "Thurber"]
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
        let check = {
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
        if Self.needsReplicatesOrNegativeX.contains(name) {
            withKnownIssue("\(name): replicate or negative x, which `fade fit` reads only after the grammar/data branch of issue 22") {
                try check()
            }
        } else {
            try check()
        }
    }
}
