import Foundation
import StippleTestSupport
import Testing

/// What the docs show of the CLI is produced by the CLI: `docs/cli.md` is generated from the executable's help by `scripts/make_cli_docs.sh`; this runs
/// the script against the stipple built with the tests, so an option added, renamed or
/// re-described without regenerating the reference fails here instead of drifting.
@Suite struct CLIReferenceTests {
    @Test("docs/cli.md is what scripts/make_cli_docs.sh writes from the built stipple's help")
    func referenceMatchesHelp() throws {
        let executable = try #require(CLIRunner.executable)
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-cli-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Repository.root.appendingPathComponent("scripts/make_cli_docs.sh").path, executable.path, fresh.path]
        process.currentDirectoryURL = Repository.root
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = try String(contentsOf: fresh, encoding: .utf8)
        let committed = try String(contentsOf: Repository.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        #expect(expected.contains("## stipple simulate") && expected.contains("## stipple fade fit"))
        if committed != expected {
            let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let new = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
            let was = line < old.count ? String(old[line]) : "(end)", now = line < new.count ? String(new[line]) : "(end)"
            Issue.record("docs/cli.md is stale: run scripts/make_cli_docs.sh (line \(line + 1): committed '\(was)', built '\(now)')")
        }
    }

    @Test("every console example in README.md and docs/ prints what the built stipple prints (scripts/doc_examples.py --check)")
    func examplesMatchOutput() throws {
        let executable = try #require(CLIRunner.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root.appendingPathComponent("scripts/doc_examples.py").path, "--check", "--stipple", executable.path]
        process.currentDirectoryURL = Repository.root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}
