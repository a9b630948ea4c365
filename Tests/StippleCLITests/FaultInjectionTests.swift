import Foundation
import StippleTestSupport
import Testing

/// Faults the file system injects: a full disk (a small tmpfs) and a read-only folder (a tmpfs
/// remounted read-only: chmod does not stop root). Needs root to mount (CI runs as root); skipped
/// otherwise. SIGKILL during a batch is covered by `BatchCommandTests.killAndResume`.
@Suite("fault injection: full disk, read-only output", .serialized,
       .enabled(if: FaultInjection.canMount, "needs root and mount(8) for tmpfs; skipped: \(FaultInjection.whyNot)"))
struct FaultInjectionTests {
    let plan = "Data/plans/norwood-v-three-sessions.yaml"

    @Test("simulate onto a full disk: clear error, non-zero exit, nothing left in --out")
    func simulateFullDisk() throws {
        try FaultInjection.withTmpfs(sizeKB: 600) { mount in
            let out = mount.appendingPathComponent("out")
            // The summary pictures, the page that embeds them and dots.csv (≈ 2.7 MB) overfill the 600 kB disk.
            let run = try CLIRunner.run(["simulate", plan, "--out", out.path, "--images", "summary"], timeLimit: 60 * CLIRunner.sanitizerSlowdown)
            #expect(!run.signalled && !run.timedOut)
            #expect(run.outcome.status == 1, "\(run.outcome.stderr)")
            #expect(run.outcome.stderr.hasPrefix("stipple: error: \(out.path)"), "\(run.outcome.stderr)")
            #expect(run.outcome.stderr.contains("No space left on device"), "\(run.outcome.stderr)")
            #expect(FaultInjection.everything(in: out).isEmpty, "left behind: \(FaultInjection.everything(in: out))")
        }
    }

    @Test("batch onto a disk that fills up: failures reported (or a clear batch error), no half-written file")
    func batchFullDisk() throws {
        try FaultInjection.withTmpfs(sizeKB: 2048) { mount in
            let out = mount.appendingPathComponent("batch")
            // --dots makes each plan ~0.7 MB, so a few plans fit and the rest hit ENOSPC.
            let run = try CLIRunner.run(["batch", "Data/sweeps/stage-series.yaml", "--out", out.path, "--dots", "--quiet", "--jobs", "2"],
                                        timeLimit: 300 * CLIRunner.sanitizerSlowdown)
            #expect(!run.signalled && !run.timedOut)
            #expect([1, 2].contains(run.outcome.status), "status \(run.outcome.status): \(run.outcome.stderr)")
            if run.outcome.status == 2 {
                let errors = try String(contentsOf: out.appendingPathComponent("errors.csv"), encoding: .utf8)
                #expect(errors.contains("No space left on device"), "\(errors)")
                #expect(run.outcome.stderr.contains("failed"), "\(run.outcome.stderr)")
            } else {
                #expect(run.outcome.stderr.contains("stipple: error: ") && run.outcome.stderr.contains(out.path), "\(run.outcome.stderr)")
            }
            // Nothing half-written: no staging folders or temporaries; every plan folder either
            // complete (report.json parses, row.json present) or empty; summary files parse.
            let all = FaultInjection.everything(in: out)
            #expect(!all.contains { $0.contains(".stipple-staging-") || $0.contains(".tmp-") }, "temporaries left: \(all)")
            for folder in CLIRunner.files(in: out) where !folder.contains(".") {
                let dir = out.appendingPathComponent(folder)
                let files = CLIRunner.files(in: dir)
                guard !files.isEmpty else { continue }
                #expect(files.contains("report.json") && files.contains("row.json"), "\(folder) incomplete: \(files)")
                for json in files where json.hasSuffix(".json") {
                    let data = try Data(contentsOf: dir.appendingPathComponent(json))
                    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(folder)/\(json) is not complete JSON")
                }
            }
            if let data = try? Data(contentsOf: out.appendingPathComponent("summary.json")) {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "summary.json is not complete JSON")
            }
        }
    }

    @Test("batch --keep summary onto a disk that fills up: a clear error, the journal holds only whole lines")
    func journalFullDisk() throws {
        // 8 KB: the row journal fills after a few plans (rows are ~1 kB).
        try FaultInjection.withTmpfs(sizeKB: 8) { mount in
            let out = mount.appendingPathComponent("batch")
            let run = try CLIRunner.run(["batch", "Data/sweeps/stage-series.yaml", "--out", out.path, "--keep", "summary", "--quiet", "--jobs", "1"],
                                        timeLimit: 300 * CLIRunner.sanitizerSlowdown)
            #expect(!run.signalled && !run.timedOut)
            #expect([1, 2].contains(run.outcome.status), "status \(run.outcome.status): \(run.outcome.stderr)")
            #expect(run.outcome.stderr.contains("No space left on device"), "\(run.outcome.stderr)")
            let all = FaultInjection.everything(in: out)
            #expect(!all.contains { $0.contains(".tmp-") }, "temporaries left: \(all)")
            let journal = try Data(contentsOf: out.appendingPathComponent("rows.jsonl"))
            #expect(journal.isEmpty || journal.last == UInt8(ascii: "\n"), "the journal ends in a cut line")
            for line in journal.split(separator: UInt8(ascii: "\n")) {
                let row = line.drop(while: { $0 != UInt8(ascii: "\t") }).dropFirst()
                #expect((try? JSONSerialization.jsonObject(with: Data(row))) != nil, "a journal line is not a whole row")
            }
        }
    }

    @Test("read-only output: simulate, batch and delta-e refuse it before any work, naming the path")
    func readOnlyOutput() throws {
        try FaultInjection.withTmpfs(sizeKB: 1024, readOnlyAfter: { mount in
            try FileManager.default.createDirectory(at: mount.appendingPathComponent("existing"), withIntermediateDirectories: true)
        }) { mount in
            for out in [mount.appendingPathComponent("existing"), mount.appendingPathComponent("new/deeper")] {
                let simulate = try CLIRunner.run(["simulate", plan, "--out", out.path], timeLimit: 60 * CLIRunner.sanitizerSlowdown)
                #expect(!simulate.signalled && simulate.outcome.status == 1, "\(simulate.outcome.stderr)")
                #expect(simulate.outcome.stderr.hasPrefix("stipple: error: \(out.path)"), "\(simulate.outcome.stderr)")
                let batch = try CLIRunner.run(["batch", plan, "--out", out.path, "--quiet"], timeLimit: 60 * CLIRunner.sanitizerSlowdown)
                #expect(!batch.signalled && batch.outcome.status == 1, "\(batch.outcome.stderr)")
                #expect(batch.outcome.stderr.contains("stipple: error: \(out.path)"), "\(batch.outcome.stderr)")
            }
            let target = mount.appendingPathComponent("existing/de.csv")
            let pairs = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-ro-pairs-\(getpid()).csv")
            try Data("50,0,0,50,1,1\n".utf8).write(to: pairs)
            defer { try? FileManager.default.removeItem(at: pairs) }
            let deltaE = try CLIRunner.run(["color", "delta-e", pairs.path, "--out", target.path], timeLimit: 60 * CLIRunner.sanitizerSlowdown)
            #expect(!deltaE.signalled && deltaE.outcome.status == 1, "\(deltaE.outcome.stderr)")
            #expect(deltaE.outcome.stderr.hasPrefix("stipple: error: \(target.path)") && deltaE.outcome.stderr.contains("Read-only"),
                    "\(deltaE.outcome.stderr)")
            #expect(FaultInjection.everything(in: mount) == ["existing"])
        }
    }
}

/// Mounting helpers for the fault-injection tests.
enum FaultInjection {
    /// Root, and a trial tmpfs mount works (containers without CAP_SYS_ADMIN cannot mount).
    static let probe: (ok: Bool, reason: String) = {
        guard getuid() == 0 else { return (false, "not running as root") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-mount-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard (try? command("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.path])) == 0 else {
            return (false, "mount -t tmpfs failed (no CAP_SYS_ADMIN?)")
        }
        _ = try? command("/bin/umount", [dir.path])
        return (true, "")
    }()
    static var canMount: Bool { probe.ok }
    static var whyNot: String { probe.reason }

    @discardableResult
    static func command(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Mounts a tmpfs of `sizeKB`, optionally fills it with `readOnlyAfter` and remounts it
    /// read-only, runs `body`, and always unmounts.
    static func withTmpfs(sizeKB: Int, readOnlyAfter prepare: ((URL) throws -> Void)? = nil, _ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-tmpfs-\(getpid())-\(sizeKB)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #require(try command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(sizeKB)k", "tmpfs", dir.path]) == 0)
        defer { _ = try? command("/bin/umount", [dir.path]) }
        if let prepare {
            try prepare(dir)
            try #require(try command("/bin/mount", ["-o", "remount,ro", dir.path]) == 0)
        }
        try body(dir)
    }

    /// Every path under `dir` (relative, hidden ones included), sorted.
    static func everything(in dir: URL) -> [String] {
        ((FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []).sorted()
    }
}
