import Foundation
import StippleTestSupport
import Testing

@Suite("provenance in report.json and summary.json")
struct ProvenanceTests {
    /// The data folder's hash as the documented shell pipeline computes it (an independent
    /// implementation: coreutils' sha256sum rather than OpenSSL through Swift). The runs below
    /// read the repository's Data/ (`STIPPLE_DATA`), not the build's bundled copy, which is only
    /// as new as the last build.
    static let dataEnvironment = ["STIPPLE_DATA": CLIRunner.repository.appendingPathComponent("Data").path]
    static func shellDataHash() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cd Data && find . -type f ! -name '*.md' | LC_ALL=C sort | sed 's|^\\./||' | xargs sha256sum | sha256sum"]
        process.currentDirectoryURL = CLIRunner.repository
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test("report.json records version, commit, data hash, seed and command; same command, same bytes")
    func reportProvenance() throws {
        let dir = try CLIRunner.scratch("provenance")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Only report.json is read: no pictures (a third of the CPU of a run with them).
        let args = ["simulate", "plan.yaml", "--out", "out", "--seed", "17", "--quiet", "--images", "none"]
        #expect(try CLIRunner.run(["init", "--template", "demo", "plan.yaml"], in: dir).status == 0)
        #expect(try CLIRunner.run(args, in: dir, environment: Self.dataEnvironment).status == 0)
        let first = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
        let report = try #require(JSONSerialization.jsonObject(with: first) as? [String: Any])
        let p = try #require(report["provenance"] as? [String: Any])
        #expect(Set(p.keys) == ["stipple_version", "commit", "data_sha256", "seed", "command"])
        #expect(p["stipple_version"] as? String == report["stipple_version"] as? String)
        #expect(p["seed"] as? Int == 17)
        #expect(p["command"] as? String == "stipple simulate plan.yaml --out out --seed 17 --quiet --images none")
        #expect(p["data_sha256"] as? String == (try Self.shellDataHash()))
        // The test runs inside a git checkout: the commit is read from it.
        let commit = try #require(p["commit"] as? String)
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit), "\(commit)")
        // Same plan, seed and command: identical bytes.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out"))
        #expect(try CLIRunner.run(args, in: dir, environment: Self.dataEnvironment).status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/report.json")) == first)
        // STIPPLE_COMMIT overrides the checkout's commit (packagers building without .git).
        #expect(try CLIRunner.run(["simulate", "plan.yaml", "--out", "o2", "--quiet", "--images", "none"], in: dir,
                                  environment: ["STIPPLE_COMMIT": "release-0.1.0"]).status == 0)
        let o2 = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("o2/report.json"))) as? [String: Any])
        #expect((o2["provenance"] as? [String: Any])?["commit"] as? String == "release-0.1.0")
    }

    @Test("summary.json carries the batch's provenance (seed null: each plan has plan_seed)")
    func summaryProvenance() throws {
        let dir = try CLIRunner.scratch("provenance-batch")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try CLIRunner.run(["batch", "Data/sweeps/stage-series.yaml", "--out", out.path, "--keep", "summary", "--quiet"],
                                  environment: Self.dataEnvironment).status == 0)
        let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let p = try #require(summary["provenance"] as? [String: Any])
        #expect(p["seed"] is NSNull)
        #expect((p["command"] as? String)?.hasPrefix("stipple batch Data/sweeps/stage-series.yaml --out ") == true)
        #expect(p["data_sha256"] as? String == (try Self.shellDataHash()))
        let rows = try #require(summary["rows"] as? [[String: Any]])
        #expect(rows.count == 8 && rows.allSatisfy { $0["plan_seed"] as? Int == 42 }, "\(rows.first ?? [:])")
    }
}
