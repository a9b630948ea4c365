import Foundation
import StippleTestSupport
import Testing

@Suite("stipple fade from the command line")
struct FadeCLITests {
    @Test("fade fit on the example file: rows for every series × model, exit 2 for the too-short series")
    func fitExample() throws {
        let r = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model", "all", "--jobs", "2"])
        #expect(r.status == 2, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "series,model,status,reason,aic_rank,n,q,dof,ssr,sigma,rmse,aic,bic,cv_rmse,iterations,condition,se_reliable,parameter,unit,estimate,std_error,ci95_low,ci95_high,ci95_method,fitted,at_bound,message")
        #expect(lines.contains { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return line.hasPrefix("client-a-bi,bi,converged,") && ["ftol", "xtol", "gtol"].contains(f[3]) && f[4...7] == ["1", "40", "3", "37"]
        })
        #expect(lines.contains { $0.hasPrefix("client-e-sparse,bi,failed,") && $0.contains("too few") })
        #expect(r.stderr.contains("1 series with a failed"))
        let single = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model", "all", "--jobs", "1"])
        #expect(single.stdout == r.stdout, "output must not depend on --jobs")
        let json = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model", "bi", "--json", "--folds", "0"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((doc["series"] as! [Any]).count == 5)
    }

    static let badFits: [(label: String, csv: String, args: [String], status: Int32, mentions: [String])] = [
        ("unknown model", "a,0,1\na,1,0.9\n", ["--model", "linear"], 1, ["unknown fade model 'linear'", "mono, bi, weibull, uv, compartment"]),
        ("malformed row", "series,day,value\na,0,1\na,ten,0.9\n", ["--model", "mono"], 1, ["obs.csv:3", "day 'ten'"]),
        ("empty file", "# nothing\n", ["--model", "mono"], 1, ["no observations"]),
        ("start out of bounds", "a,0,1\na,1,0.9\n", ["--model", "bi", "--start", "f=2"], 1, ["f = 2.0", "[0.0, 1.0]"]),
        ("non-monotonic days", "a,0,1\na,50,0.9\na,40,0.92\nb,0,1\nb,10,0.99\nb,20,0.98\n", ["--model", "mono"], 2, ["obs.csv:3", "does not follow day 50"]),
        ("negative day", "a,-5,1\na,1,0.9\na,2,0.9\n", ["--model", "mono"], 2, ["obs.csv:1", "negative"]),
    ]

    @Test("bad fit input fails clearly", arguments: badFits.indices)
    func badFit(_ i: Int) throws {
        let bad = Self.badFits[i]
        let dir = try CLIRunner.scratch("fit\(i)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("obs.csv")
        try Data(bad.csv.utf8).write(to: file)
        let r = try CLIRunner.run(["fade", "fit", file.path] + bad.args)
        #expect(r.status == bad.status, "\(bad.label): \(r.status) \(r.stderr)")
        let text = r.stderr + r.stdout
        for word in bad.mentions { #expect(text.contains(word), "\(bad.label): '\(word)' not in \(text)") }
        if bad.status == 1 { #expect(r.stderr.hasPrefix("stipple: error: ") && r.stdout.isEmpty, "\(bad.label): \(r.stderr)") }
        if bad.label == "non-monotonic days" { #expect(r.stdout.contains("b,mono,converged")) }
    }

    @Test("fade simulate prints the curve and draws a PNG")
    func simulate() throws {
        let dir = try CLIRunner.scratch("sim")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("fade.png")
        let r = try CLIRunner.run(["fade", "simulate", "--model", "mono", "--param", "k=0.001", "--days", "0,693.147", "--depth", "0.6", "--png", png.path])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows[0] == "day,retained,diameter_scale,depth_mm")
        let half = Double(rows[2].split(separator: ",")[1])!
        let m = 1 + 50 * exp(-(0.6 - 0.07) / 0.07)  // from the skin model's 0.07 mm epidermis
        #expect(abs(half - pow(0.5, m)) < 1e-6)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 2000)
        let plain = try CLIRunner.run(["fade", "simulate", "--model", "weibull", "--days", "0:5600:2800"])
        #expect(plain.stdout == "day,retained\n0.0,1.0\n2800.0,\(exp(-pow(0.5, 0.62)))\n5600.0,\(exp(-1.0))\n")
    }

    static let badSimulations: [(label: String, args: [String], mentions: [String])] = [
        ("decreasing days", ["--model", "bi", "--days", "0,30,20"], ["days must increase"]),
        ("negative days", ["--model", "bi", "--days=-10,30"], ["negative"]),
        ("not a number", ["--model", "bi", "--days", "0,abc"], ["'abc'"]),
        ("out of bounds", ["--model", "bi", "--param", "kSlow=5", "--days", "0,30"], ["kSlow", "bounds"]),
        ("unknown parameter", ["--model", "mono", "--param", "halfLife=3", "--days", "0,30"], ["'halfLife'", "k"]),
        ("unknown model", ["--model", "linear", "--days", "0,30"], ["mono, bi, weibull, uv, compartment"]),
    ]

    @Test("bad simulate input fails with one clear line", arguments: badSimulations.indices)
    func badSimulate(_ i: Int) throws {
        let bad = Self.badSimulations[i]
        let r = try CLIRunner.run(["fade", "simulate"] + bad.args)
        #expect(r.status == 1, "\(bad.label)")
        #expect(r.stdout.isEmpty)
        for word in bad.mentions { #expect(r.stderr.contains(word), "\(bad.label): '\(word)' not in \(r.stderr)") }
    }
}

@Suite("stipple fade with model files")
struct FadeModelFileCLITests {
    @Test("fit: a model file alone fits only its model; with --model all the built-ins too; --jobs does not change the bytes")
    func fitModelFile() throws {
        let file = "Data/fade/models/power-law.yaml"
        let alone = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model-file", file])
        #expect(alone.status == 0, "\(alone.stderr)")   // two parameters: even the 3-point series fits
        let models = Set(alone.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] })
        #expect(models == ["power-law"])
        let both = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model", "all", "--model-file", file, "--jobs", "2"])
        let bothModels = Set(both.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        #expect(bothModels == ["mono", "bi", "weibull", "uv", "compartment", "power-law"])
        let one = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model", "all", "--model-file", file, "--jobs", "1"])
        #expect(one.stdout == both.stdout)
        let none = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv"])
        #expect(none.status != 0 && none.stderr.contains("--model-file"), "\(none.stderr)")
    }

    @Test("a bad model file exits 1 naming file, line and field")
    func badModelFile() throws {
        let dir = try CLIRunner.scratch("badmodel")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.yaml")
        try Data("name: m\nexpression: (1 + t/tau^(-alpha)\nparameters:\n  tau: {start: 1, min: 0, max: 9}\n  alpha: {start: 1, min: 0, max: 9}\n".utf8).write(to: file)
        let r = try CLIRunner.run(["fade", "fit", "Data/fade/example_observations.csv", "--model-file", file.path])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.contains("m.yaml:2: field 'expression': column 20: expected ')'"), "\(r.stderr)")
    }

    @Test("simulate a model file with a parameter override")
    func simulateModelFile() throws {
        let r = try CLIRunner.run(["fade", "simulate", "--model-file", "Data/fade/models/power-law.yaml", "--param", "alpha=1", "--days", "0,100"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "day,value\n0.0,1.0\n100.0,0.5\n")
        let both = try CLIRunner.run(["fade", "simulate", "--model", "bi", "--model-file", "Data/fade/models/power-law.yaml", "--days", "0"])
        #expect(both.status != 0)
    }
}

@Suite("stipple fade benchmark")
struct FadeBenchmarkCLITests {
    @Test("leaderboard CSV and JSON keys; JSON byte-identical for any --jobs")
    func benchmark() throws {
        let args = ["fade", "benchmark", "Data/fade/example_observations.csv", "--models", "mono,bi",
                    "--model-file", "Data/fade/models/power-law.yaml", "--forecast-from", "730"]
        let csv = try CLIRunner.run(args)
        #expect(csv.status == 2, "\(csv.stderr)")   // the sparse series has no points after day 730
        let lines = csv.stdout.split(separator: "\n")
        let header = "model,forecast_rmse,forecast_rmse_low,forecast_rmse_high,forecast_mae,cv_rmse,mean_akaike_weight,wins,failed,"
            + "versus_best_difference,versus_best_low,versus_best_high,versus_best_p,identical_to"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 4)
        let one = try CLIRunner.run(args + ["--json", "--jobs", "1"])
        let two = try CLIRunner.run(args + ["--json", "--jobs", "2"])
        #expect(one.stdout == two.stdout && !one.stdout.isEmpty)
        let doc = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
        let board = doc["leaderboard"] as! [[String: Any]]
        #expect(Set(board[0].keys) == ["model", "forecast_rmse", "forecast_mae", "cv_rmse", "mean_akaike_weight", "wins", "failed",
                                       "forecast_rmse_low", "forecast_rmse_high", "versus_best_difference", "versus_best_low",
                                       "versus_best_high", "versus_best_p", "identical_to"])
        // The CSV's columns are the JSON's keys.
        let columns = Set(lines[0].split(separator: ",").map(String.init))
        #expect(columns == Set(board[0].keys))
        let badBootstrap = try CLIRunner.run(args + ["--bootstrap", "5"])
        #expect(badBootstrap.status == 1 && badBootstrap.stderr.contains("--bootstrap"))
        #expect((doc["series"] as! [Any]).count == 5)
        let bad = try CLIRunner.run(["fade", "benchmark", "Data/fade/example_observations.csv", "--models", "mono", "--forecast-from", "-3"])
        #expect(bad.status != 0 && bad.stderr.contains("--forecast-from"))
    }

    @Test("--png draws one chart per series and the leaderboard")
    func charts() throws {
        let dir = try CLIRunner.scratch("benchpng")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["fade", "benchmark", "Data/fade/example_benchmark.csv", "--models", "bi,weibull",
                                   "--model-file", "Data/fade/models/power-law.yaml", "--png", dir.path, "--folds", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.count == 9 && files.contains("leaderboard.png") && files.contains("series-pl-1.png"), "\(files)")
        for f in files {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(f))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 5000, "\(f)")
        }
    }
}
