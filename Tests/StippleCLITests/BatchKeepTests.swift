import Foundation
import StippleTestSupport
import Testing

/// `stipple batch --keep`: disk use follows what the researcher keeps, and the summaries,
/// resuming and sharding are the same as with per-plan folders.
@Suite("stipple batch --keep", .serialized)
struct BatchKeepTests {
    let sweep = "Data/sweeps/stage-series.yaml"
    let summaryFiles = ["summary.csv", "summary.json", "errors.csv", "manifest.json"]

    func read(_ url: URL) throws -> Data { ProvenanceNormaliser.normalised(try Data(contentsOf: url)) }
    func entries(_ dir: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }

    @Test("--keep summary and --keep reports give the same summaries as --keep all, with only the files asked for")
    func keepModesAgree() throws {
        let dir = try CLIRunner.scratch("batch-keep")
        defer { try? FileManager.default.removeItem(at: dir) }
        let reports = dir.appendingPathComponent("reports"), summary = dir.appendingPathComponent("summary")
        let all = try CLIRunner.sweepOutputs("stage-series.yaml")   // --keep all, shared, read-only
        #expect(try CLIRunner.run(["batch", sweep, "--out", reports.path, "--keep", "reports", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["batch", sweep, "--out", summary.path, "--keep", "summary", "--quiet"]).status == 0)
        for name in summaryFiles {
            #expect(try read(reports.appendingPathComponent(name)) == read(all.appendingPathComponent(name)), "\(name)")
            #expect(try read(summary.appendingPathComponent(name)) == read(all.appendingPathComponent(name)), "\(name)")
        }
        // summary: no plan folders at all, only the summaries, the page and the row journal.
        #expect(entries(summary) == ["errors.csv", "index.html", "manifest.json", "rows.jsonl", "summary.csv", "summary.json"])
        let journal = try String(contentsOf: summary.appendingPathComponent("rows.jsonl"), encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 8)
        // reports: one folder per plan holding report.json and its row, nothing else; the report
        // lists only itself among the outputs.
        let folders = entries(reports).filter { $0.count == 16 }
        #expect(folders.count == 8)
        for folder in folders {
            #expect(entries(reports.appendingPathComponent(folder)) == ["report.json", "row.json"])
            let report = try JSONSerialization.jsonObject(with: read(reports.appendingPathComponent("\(folder)/report.json"))) as? [String: Any]
            #expect((report?["outputs"] as? [String]) == ["report.json"], "\(String(describing: report?["outputs"]))")
        }
    }

    @Test("--keep summary resumes from its journal: a cut last line is dropped, only the missing plans rerun")
    func journalResumes() throws {
        let dir = try CLIRunner.scratch("batch-keep-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), journal = out.appendingPathComponent("rows.jsonl")
        #expect(try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--quiet"]).status == 0)
        let reference = try summaryFiles.map { try read(out.appendingPathComponent($0)) }
        // Keep five complete lines and half of the sixth, as a process killed mid-write would.
        let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines[0..<5].joined(separator: "\n") + "\n" + lines[5].prefix(lines[5].count / 2)
        try Data(cut.utf8).write(to: journal)
        for name in summaryFiles { try FileManager.default.removeItem(at: out.appendingPathComponent(name)) }
        let resumed = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("(5 reused from an earlier run)"), "\(resumed.stderr)")
        for (name, bytes) in zip(summaryFiles, reference) { #expect(try read(out.appendingPathComponent(name)) == bytes, "\(name)") }
        // Eight whole lines again, each id once.
        let ids = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map { $0.prefix(while: { $0 != "\t" }) }
        #expect(ids.count == 8 && Set(ids).count == 8)
        // --force starts the journal again.
        let forced = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--force"])
        #expect(forced.status == 0 && !forced.stderr.contains("reused"), "\(forced.stderr)")
        #expect(try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").count == 8)
    }

    @Test("--keep summary shards have their own journals and merge to the unsharded summary")
    func journalShards() throws {
        let dir = try CLIRunner.scratch("batch-keep-shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole"), shards = dir.appendingPathComponent("shards")
        #expect(try CLIRunner.run(["batch", sweep, "--out", whole.path, "--keep", "summary", "--quiet"]).status == 0)
        for k in 0..<3 {
            #expect(try CLIRunner.run(["batch", sweep, "--out", shards.path, "--keep", "summary", "--shard", "\(k)/3", "--quiet"]).status == 0)
        }
        #expect(entries(shards).filter { $0.hasPrefix("rows-shard-") } == ["rows-shard-0-of-3.jsonl", "rows-shard-1-of-3.jsonl", "rows-shard-2-of-3.jsonl"])
        let merged = dir.appendingPathComponent("merged")
        #expect(try CLIRunner.run(["merge", shards.path, "--out", merged.path]).status == 0)
        for name in ["summary.csv", "summary.json", "errors.csv"] {
            #expect(try read(merged.appendingPathComponent(name)) == read(whole.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test("--keep summary or reports with --images or --dots is refused before any work")
    func keepConflicts() throws {
        let dir = try CLIRunner.scratch("batch-keep-conflict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let images = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--images", "all"])
        #expect(images.status != 0 && images.stderr.contains("--keep summary writes no per-plan images"), "\(images.stderr)")
        let dots = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "reports", "--dots"])
        #expect(dots.status != 0 && dots.stderr.contains("dots.csv"), "\(dots.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let unknown = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "everything"])
        #expect(unknown.status != 0 && unknown.stderr.contains("--keep"), "\(unknown.stderr)")
    }
}
