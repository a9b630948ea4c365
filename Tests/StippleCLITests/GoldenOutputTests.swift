import Foundation
import StippleTestSupport
import Testing

/// Byte-for-byte guard for refactors: every output file of every shipped plan (`Data/plans/`),
/// every `stipple init` template and every shipped sweep (`Data/sweeps/`, `--images summary`)
/// is hashed and compared with `Tests/StippleCLITests/Golden/outputs.txt`.
///
/// A change that is *meant* to change outputs (new optics, a rounding fix) regenerates the file
/// with one command and commits it with the change, so the diff shows which outputs moved:
///
///     STIPPLE_WRITE_GOLDEN=1 swift test --disable-xctest --filter Golden
///
/// The hash is 64-bit FNV-1a: this detects changes, it is not a security boundary.
///
/// Provenance: `report.json`, `summary.json` and `manifest.json` record the build's commit and the
/// command line, which change with every commit and every scratch folder; both values are
/// blanked (`ProvenanceNormaliser`) before hashing, so the list stays stable across commits. The
/// version, data hash and seed are hashed as written.
@Suite("golden outputs")
struct GoldenOutputTests {
    static let goldenFile = CLIRunner.repository.appendingPathComponent("Tests/StippleCLITests/Golden/outputs.txt")
    static let templates = ["demo", "three-session", "too-fast", "too-deep", "too-close", "alopecia-patch", "fue-scars", "strip-scar", "ludwig-ii"]

    /// One command line whose outputs are hashed; `prefix` names its files in the golden list.
    struct Job: Sendable {
        let prefix: String
        let run: @Sendable (URL) throws -> CLIRunner.Outcome
    }

    static func jobs() throws -> [Job] {
        let data = CLIRunner.repository.appendingPathComponent("Data")
        func yamls(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".yaml") }.sorted()
        }
        var jobs: [Job] = []
        // Paths relative to the repository: report.json records the plan path as given.
        for file in try yamls("plans") {
            let name = String(file.dropLast(5))
            jobs.append(Job(prefix: "plans/\(name)") { out in
                try CLIRunner.run(["simulate", "Data/plans/\(file)", "--out", out.path, "--quiet"])
            })
        }
        for template in templates {
            jobs.append(Job(prefix: "templates/\(template)") { out in
                // Run inside the scratch folder so the recorded plan path is just the file name.
                let written = try CLIRunner.run(["init", "--template", template, "plan.yaml"], in: out)
                guard written.status == 0 else { return written }
                return try CLIRunner.run(["simulate", "plan.yaml", "--out", "out", "--quiet"], in: out)
            })
        }
        for file in try yamls("sweeps") {
            let name = String(file.dropLast(5))
            jobs.append(Job(prefix: "sweeps/\(name)") { out in
                try CLIRunner.run(["batch", "Data/sweeps/\(file)", "--out", out.path, "--images", "summary",
                                   "--jobs", "2", "--quiet"])
            })
        }
        return jobs
    }

    @Test("every shipped plan, template and sweep writes byte-identical files")
    func outputsMatchGolden() async throws {
        let root = try CLIRunner.scratch("golden")
        defer { try? FileManager.default.removeItem(at: root) }
        let jobs = try Self.jobs()
        let hashes = try await withThrowingTaskGroup(of: [String: String].self) { group in
            for job in jobs {
                group.addTask {
                    let dir = root.appendingPathComponent(job.prefix)
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    let outcome = try job.run(dir)
                    #expect(outcome.status == 0, "\(job.prefix): \(outcome.stderr)")
                    return try Self.hashes(under: dir, prefix: job.prefix)
                }
            }
            return try await group.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
        }
        #expect(hashes.count > 100, "only \(hashes.count) output files")
        if ProcessInfo.processInfo.environment["STIPPLE_WRITE_GOLDEN"] == "1" {
            try Self.write(hashes)
            return
        }
        let expected = try Self.read()
        for (path, hash) in hashes.sorted(by: { $0.key < $1.key }) {
            if let old = expected[path] {
                #expect(old == hash, "\(path) differs from the golden output")
            } else {
                Issue.record("\(path) is a new output file, not in the golden list")
            }
        }
        for path in expected.keys.sorted() where hashes[path] == nil {
            Issue.record("\(path) is in the golden list but was not written")
        }
    }

    /// Relative path (under `prefix`) → FNV-1a hash of every regular file below `dir`.
    static func hashes(under dir: URL, prefix: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))
            out[prefix + "/" + relative] = fnv1a(ProvenanceNormaliser.normalised(try Data(contentsOf: url)))
        }
        return out
    }

    static func fnv1a(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static let header = """
        # Hashes (64-bit FNV-1a) of every output of the shipped plans, templates and sweeps.
        # Checked by Tests/StippleCLITests/GoldenOutputTests.swift. Regenerate after a deliberate
        # output change with: STIPPLE_WRITE_GOLDEN=1 swift test --disable-xctest --filter Golden

        """

    static func write(_ hashes: [String: String]) throws {
        let lines = hashes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        try FileManager.default.createDirectory(at: goldenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((header + lines.joined(separator: "\n") + "\n").utf8).write(to: goldenFile, options: .atomic)
    }

    static func read() throws -> [String: String] {
        let text = try String(contentsOf: goldenFile, encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            out[String(parts[1])] = String(parts[0])
        }
        return out
    }
}
