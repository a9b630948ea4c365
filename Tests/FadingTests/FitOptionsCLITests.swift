import Foundation
import StippleTestSupport
import Testing

/// The stopping-rule options of `fade fit` and `fade benchmark`, the exit status of unconverged
/// fits, and the one schema of the CSV and JSON outputs.
@Suite("fade fit / benchmark: tolerances, exit status, output schema")
struct FitOptionsCLITests {
    static let example = "Data/fade/example_observations.csv"

    @Test("a fit stopped before convergence exits 2 and says why", arguments: [
        (["--max-iterations", "1"], "max-iterations"),
        (["--ftol", "0.9", "--xtol", "0", "--gtol", "0"], "ftol"),
    ])
    func notConvergedExits2(_ options: [String], _ reason: String) throws {
        let r = try CLIRunner.run(["fade", "fit", Self.example, "--model", "weibull", "--folds", "0", "--json"] + options)
        #expect(r.status == 2, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let fits = (doc["series"] as! [[String: Any]]).flatMap { $0["fits"] as! [[String: Any]] }
        let stopped = fits.filter { $0["reason"] as? String == reason }
        #expect(!stopped.isEmpty && stopped.allSatisfy { $0["status"] as? String == "not-converged" }, "\(fits.map { ($0["status"]!, $0["reason"]!) })")
        let b = try CLIRunner.run(["fade", "benchmark", "Data/fade/example_benchmark.csv", "--models", "mono", "--folds", "0"] + options)
        #expect(b.status == 2, "\(b.stderr)")
    }

    @Test("defaults converge and exit 0 where the data allow it")
    func defaultsConverge() throws {
        let r = try CLIRunner.run(["fade", "benchmark", "Data/fade/example_benchmark.csv", "--models", "mono,weibull", "--folds", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let models = (doc["series"] as! [[String: Any]]).flatMap { $0["models"] as! [[String: Any]] }
        #expect(models.allSatisfy { $0["status"] as? String == "converged" && ["ftol", "xtol", "gtol", "zero-residual"].contains($0["reason"] as? String) })
    }

    @Test("bad tolerance values are refused in one line naming the option", arguments: [
        (["--ftol=-1"], "--ftol"), (["--xtol", "1.5"], "--xtol"), (["--gtol", "nan"], "--gtol"), (["--max-iterations", "0"], "--max-iterations"),
    ])
    func badOptions(_ options: [String], _ name: String) throws {
        for command in [["fade", "fit", Self.example, "--model", "mono"], ["fade", "benchmark", "Data/fade/example_benchmark.csv", "--models", "mono"]] {
            let r = try CLIRunner.run(command + options)
            #expect(r.status == 1 && r.stdout.isEmpty, "\(command[1]) \(options): \(r.status)")
            #expect(r.stderr.hasPrefix("stipple: error: \(name) must be") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }

    @Test("--model is one spelling in fit and benchmark; --models, the alias, gives the same output in both")
    func modelAlias() throws {
        for command in [["fade", "fit", Self.example, "--folds", "0"], ["fade", "benchmark", "Data/fade/example_benchmark.csv", "--folds", "0"]] {
            let singular = try CLIRunner.run(command + ["--model", "mono,weibull"])
            let plural = try CLIRunner.run(command + ["--models", "mono,weibull"])
            #expect(singular.status == 0 && !singular.stdout.isEmpty, "\(command[1]): \(singular.stderr)")
            #expect(plural.status == singular.status && plural.stdout == singular.stdout, "\(command[1])")
            #expect(try CLIRunner.run([command[0], command[1], "--help"]).stdout.contains("--model, --models"), "\(command[1]) help names the alias")
        }
    }

    @Test("the JSON's keys are the CSV's column names, and both carry the same values")
    func jsonKeysAreCSVColumns() throws {
        let args = ["fade", "fit", Self.example, "--model", "bi", "--folds", "3"]
        let csv = try CLIRunner.run(args), json = try CLIRunner.run(args + ["--json"])
        let header = csv.stdout.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let series = doc["series"] as! [[String: Any]]
        let fit = (series[0]["fits"] as! [[String: Any]])[0], parameter = (fit["parameters"] as! [[String: Any]])[0]
        let keys = Set(fit.keys).union(parameter.keys).union(["series"]).subtracting(["parameters"])
        #expect(keys == Set(header), "JSON only: \(keys.subtracting(header).sorted()); CSV only: \(Set(header).subtracting(keys).sorted())")
        // The first CSV row against the first JSON fit and parameter, column by column.
        let row = csv.stdout.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let booleans: Set = ["fitted", "at_bound", "se_reliable"]
        for (column, value) in zip(header, row) where column != "series" && column != "message" {
            let j = fit[column] ?? parameter[column]
            if j == nil || j is NSNull {
                #expect(value.isEmpty, "\(column): CSV '\(value)', JSON null")
            } else if booleans.contains(column) {
                #expect(value == String((j as? Bool) ?? false) && (j as? Bool) != nil, "\(column): CSV \(value), JSON \(j!)")
            } else if let text = j as? String {
                #expect(value == text, "\(column): CSV \(value), JSON \(text)")
            } else {
                // Foundation's JSON writer may round the 17th significant digit differently.
                let a = Double(value) ?? .nan, b = (j as? NSNumber)?.doubleValue ?? .nan
                #expect(a == b || abs(a - b) <= 4 * a.ulp, "\(column): CSV \(value), JSON \(j!)")
            }
        }
    }

    @Test("collinear parameters: standard errors withheld, condition number reported, the fit still converges")
    func illConditioned() throws {
        let dir = try CLIRunner.scratch("collinear")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("twin.yaml")
        try Data("""
            name: twin
            expression: (a + b)*exp(-k*t)
            parameters:
              a: {start: 0.5, min: -.inf, max: .inf}
              b: {start: 0.4, min: -.inf, max: .inf}
              k: {start: 0.001, min: 0, max: 1, unit: 1/day}

            """.utf8).write(to: model)
        let r = try CLIRunner.run(["fade", "fit", Self.example, "--model-file", model.path, "--folds", "0", "--json"])
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let fits = (doc["series"] as! [[String: Any]]).flatMap { $0["fits"] as! [[String: Any]] }.filter { $0["status"] as? String != "failed" }
        #expect(!fits.isEmpty)
        for fit in fits {
            #expect(fit["status"] as? String == "converged", "\(fit["message"] ?? "")")
            #expect(fit["se_reliable"] as? Bool == false && (fit["message"] as? String ?? "").contains("standard errors unreliable"))
            let condition = fit["condition"]
            #expect(condition as? String == "inf" || (condition as? Double ?? 0) >= 6.7e7, "\(String(describing: condition))")
            let parameters = fit["parameters"] as! [[String: Any]]
            #expect(parameters.allSatisfy { $0["std_error"] is NSNull && $0["ci95_low"] is NSNull })
        }
    }
}
