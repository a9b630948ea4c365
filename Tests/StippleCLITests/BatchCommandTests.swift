import Foundation
import StippleTestSupport
import Testing

@Suite("stipple batch and merge", .serialized)
struct BatchCommandTests {
    let sweep = "Data/sweeps/stage-series.yaml"

    /// A file's bytes with the run-specific provenance values (commit, command) blanked.
    func read(_ url: URL) throws -> Data { ProvenanceNormaliser.normalised(try Data(contentsOf: url)) }

    /// Every file under `dir` (relative path → bytes), hidden files included.
    func tree(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out[String(url.path.dropFirst(dir.path.count))] = ProvenanceNormaliser.normalised(try Data(contentsOf: url))
        }
        return out
    }

    @Test("sweep order and ids are stable; --jobs 1 and --jobs 2 give byte-identical outputs")
    func jobsDoNotChangeOutputs() throws {
        let dir = try CLIRunner.scratch("batch-jobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try CLIRunner.run(["batch", sweep, "--out", dir.appendingPathComponent("one").path, "--jobs", "1", "--quiet"])
        let two = try CLIRunner.run(["batch", sweep, "--out", dir.appendingPathComponent("two").path, "--jobs", "2", "--quiet"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        let a = try tree(dir.appendingPathComponent("one")), b = try tree(dir.appendingPathComponent("two"))
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs between --jobs 1 and 2") }
        // Expansion order: the stage list in file order, one row per stage, ids in the folder names.
        let rows = String(decoding: a["/summary.csv"]!, as: UTF8.self).split(separator: "\n").dropFirst()
        let stages = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[5] }
        #expect(stages == ["I", "II", "III", "III vertex", "IV", "V", "VI", "VII"])
        let ids = rows.map { String($0.split(separator: ",")[1]) }
        #expect(Set(ids).count == 8 && ids.allSatisfy { $0.count == 16 })
        for id in ids { #expect(a["/\(id)/report.json"] != nil && a["/\(id)/row.json"] != nil) }
    }

    @Test("shards 0…N−1 merged equal the unsharded run; merge names missing and duplicate shards")
    func shardsMerge() throws {
        let dir = try CLIRunner.scratch("batch-shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        let shards = dir.appendingPathComponent("shards")
        let whole = try CLIRunner.sweepOutputs("stage-series.yaml")   // shared, read-only
        for k in [0, 2] { #expect(try CLIRunner.run(["batch", sweep, "--out", shards.path, "--shard", "\(k)/3", "--quiet"]).status == 0) }
        let missing = try CLIRunner.run(["merge", shards.path, "--out", dir.appendingPathComponent("m1").path])
        #expect(missing.status != 0 && missing.stderr.contains("missing shard(s) 1 of 3"), "\(missing.stderr)")
        #expect(try CLIRunner.run(["batch", sweep, "--out", shards.path, "--shard", "1/3", "--quiet"]).status == 0)
        let merged = dir.appendingPathComponent("merged")
        let ok = try CLIRunner.run(["merge", shards.path, "--out", merged.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        for name in ["summary.csv", "summary.json", "errors.csv"] {
            #expect(try read(merged.appendingPathComponent(name)) == read(whole.appendingPathComponent(name)), "\(name)")
        }
        // The same shard twice (a copy in another folder) is refused.
        let copy = dir.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["manifest", "summary", "errors"] {
            let ext = name == "manifest" || name == "summary" ? (name == "manifest" ? "json" : "csv") : "csv"
            try FileManager.default.copyItem(at: shards.appendingPathComponent("\(name)-shard-1-of-3.\(ext)"),
                                             to: copy.appendingPathComponent("\(name)-shard-1-of-3.\(ext)"))
        }
        let twice = try CLIRunner.run(["merge", shards.path, copy.path, "--out", dir.appendingPathComponent("m2").path])
        #expect(twice.status != 0 && twice.stderr.contains("appears twice"), "\(twice.stderr)")
    }

    @Test("a bad plan goes to errors.csv while the good ones finish; exit status 2")
    func badPlansDoNotStopTheBatch() throws {
        let dir = try CLIRunner.scratch("batch-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plans = try goodAndBadPlans(in: dir, badName: "b-bad.yaml")
        try Data("{ not yaml: [".utf8).write(to: plans.appendingPathComponent("c-broken.yaml"))
        let out = dir.appendingPathComponent("out")
        let result = try CLIRunner.run(["batch", plans.path, "--out", out.path, "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("1 of 3 plans succeeded") && result.stderr.contains("2 failed"), "\(result.stderr)")
        let errors = try String(contentsOf: out.appendingPathComponent("errors.csv"), encoding: .utf8).split(separator: "\n")
        #expect(errors.count == 3)
        #expect(errors[1].contains("b-bad.yaml") && errors[1].contains("design.target_density_per_cm2"))
        #expect(errors[2].contains("c-broken.yaml") && errors[2].contains("malformed"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8).split(separator: "\n")
        #expect(summary.count == 4 && summary[1].contains(",ok,") && summary[2].contains(",failed,"))
    }

    @Test("SIGKILL mid-run, then --resume: identical results, nothing half-written")
    func killAndResume() throws {
        let dir = try CLIRunner.scratch("batch-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = "Data/sweeps/depth-by-skin.yaml"
        let clean = dir.appendingPathComponent("clean"), killed = dir.appendingPathComponent("killed")
        #expect(try CLIRunner.run(["batch", big, "--out", clean.path, "--quiet"]).status == 0)
        // Start a single-job run, wait until some plans are done, then kill it without warning.
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["batch", big, "--out", killed.path, "--jobs", "1", "--quiet"]
        process.currentDirectoryURL = CLIRunner.repository
        try process.run()
        var finishedBeforeKill = 0
        for _ in 0..<400 where finishedBeforeKill < 3 {
            usleep(25_000)
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: killed.path)) ?? []
            finishedBeforeKill = folders.filter { FileManager.default.fileExists(atPath: killed.appendingPathComponent("\($0)/report.json").path) }.count
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: killed.appendingPathComponent("summary.csv").path))
        // Every report that exists is complete JSON.
        for folder in (try? FileManager.default.contentsOfDirectory(atPath: killed.path)) ?? [] {
            let report = killed.appendingPathComponent("\(folder)/report.json")
            if let data = try? Data(contentsOf: report) { #expect((try? JSONSerialization.jsonObject(with: data)) != nil) }
        }
        let resumed = try CLIRunner.run(["batch", big, "--out", killed.path, "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let a = try tree(clean), b = try tree(killed)
        #expect(a.keys.sorted() == b.keys.sorted(), "leftover or missing files: \(Set(a.keys).symmetricDifference(b.keys))")
        for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs after resume") }
    }

    @Test("Ctrl-C (SIGINT) finishes the plans in flight, says how to resume, and resuming completes the batch")
    func interruptAndResume() throws {
        let dir = try CLIRunner.scratch("batch-sigint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = "Data/sweeps/depth-by-skin.yaml"
        let out = dir.appendingPathComponent("out"), clean = dir.appendingPathComponent("clean")
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["batch", big, "--out", out.path, "--jobs", "1"]
        process.currentDirectoryURL = CLIRunner.repository
        let err = Pipe()
        process.standardError = err
        try process.run()
        var done = 0
        for _ in 0..<400 where done < 2 {
            usleep(25_000)
            done = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [])
                .filter { FileManager.default.fileExists(atPath: out.appendingPathComponent("\($0)/report.json").path) }.count
        }
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted") && stderr.contains("--resume"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))
        // Every plan folder that exists is complete: the plan in flight was finished, not cut.
        for folder in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [] where !folder.hasPrefix(".") {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(folder)/report.json").path), "\(folder) incomplete")
        }
        #expect(try CLIRunner.run(["batch", big, "--out", out.path, "--resume", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["batch", big, "--out", clean.path, "--quiet"]).status == 0)
        #expect(try read(out.appendingPathComponent("summary.csv")) == read(clean.appendingPathComponent("summary.csv")))
    }
}

/// A `plans/` folder under `dir` holding the demo plan (`a-good.yaml`) and a plan with a negative
/// design density (`badName`), for the batch tests that need one plan to fail.
func goodAndBadPlans(in dir: URL, badName: String) throws -> URL {
    let plans = dir.appendingPathComponent("plans")
    try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: CLIRunner.repository.appendingPathComponent("Data/plans/norwood-v-three-sessions.yaml"),
                                     to: plans.appendingPathComponent("a-good.yaml"))
    try Data("client: {norwood: V}\ndesign: {target_density_per_cm2: -4}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n".utf8)
        .write(to: plans.appendingPathComponent(badName))
    return plans
}
