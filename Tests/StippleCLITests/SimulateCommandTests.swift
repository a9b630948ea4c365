import Foundation
import StippleTestSupport
import Testing

@Suite("stipple simulate and atlas from the command line")
struct SimulateCommandTests {
    @Test("simulate writes every promised file; reruns with the same seed are byte-identical")
    func simulateWritesOutputs() throws {
        let dir = try CLIRunner.scratch("ok")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = "Data/plans/norwood-v-three-sessions.yaml"
        let first = try CLIRunner.run(["simulate", plan, "--out", dir.appendingPathComponent("a").path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("merge_pairs"))
        let expected = ["dots.csv", "report.json", "report.html", "sessions.csv"]
            + (1...3).flatMap { ["density_session\($0).png", "dots_session\($0).png", "appearance_session\($0).png", "head_session\($0).png", "macro_session\($0).png"] }
            + ["timeline.csv", "timeline_sessions.csv", "fade_curves.csv", "fade_curves.png"]
            + [30, 180, 365, 1095, 1825].map { "appearance_day\($0).png" }
        #expect(CLIRunner.files(in: dir.appendingPathComponent("a")) == expected.sorted())
        // The second run is the one the suites share (same plan and seed, `--quiet`).
        let second = try CLIRunner.demoOutputs()
        for name in expected {
            // The command lines differ (--out, --quiet): provenance's command and commit are blanked.
            let a = ProvenanceNormaliser.normalised(try Data(contentsOf: dir.appendingPathComponent("a/\(name)")))
            let b = ProvenanceNormaliser.normalised(try Data(contentsOf: second.appendingPathComponent(name)))
            #expect(a == b, "\(name) differs between identical runs")
        }
        // Only dots.csv is compared: no pictures needed.
        let reseeded = try CLIRunner.run(["simulate", plan, "--out", dir.appendingPathComponent("c").path, "--seed", "9", "--quiet",
                                          "--images", "none", "--no-html"])
        #expect(reseeded.status == 0 && reseeded.stdout.isEmpty, "--quiet prints nothing: \(reseeded.stdout)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("c/dots.csv")) != Data(contentsOf: dir.appendingPathComponent("a/dots.csv")))
    }

    /// Bad plans: a clear one-line error naming the file and field, non-zero exit, nothing in --out.
    static let badPlans: [(label: String, yaml: String, mentions: [String])] = [
        ("unknown stage", "client: {norwood: IX}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n",
         ["client.norwood", "IX", "III vertex"]),
        ("negative density", "client: {norwood: V}\ndesign: {target_density_per_cm2: -3}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n",
         ["design.target_density_per_cm2", "-3"]),
        ("fraction decreasing", "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions:\n  - {day: 0, fraction_of_target: 0.8, needle_mm: 0.2, depth_mm: 0.6}\n  - {day: 20, fraction_of_target: 0.5, needle_mm: 0.2, depth_mm: 0.6}\n",
         ["sessions[1].fraction_of_target", ":5:"]),
        ("missing field", "client: {norwood: V}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n",
         ["'design'", "missing"]),
        ("malformed YAML", "client: {norwood: V\ndesign: {target_density_per_cm2: 110}\n", ["malformed"]),
    ]

    @Test("bad plans fail cleanly", arguments: badPlans.indices)
    func badPlan(_ index: Int) throws {
        let bad = Self.badPlans[index]
        let dir = try CLIRunner.scratch("bad\(index)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let planFile = dir.appendingPathComponent("plan.yaml")
        try Data(bad.yaml.utf8).write(to: planFile)
        let out = dir.appendingPathComponent("out")
        let result = try CLIRunner.run(["simulate", planFile.path, "--out", out.path])
        #expect(result.status != 0, "\(bad.label) should fail")
        #expect(result.stderr.hasPrefix("stipple: error: \(planFile.path)"), "\(bad.label): \(result.stderr)")
        for word in bad.mentions { #expect(result.stderr.contains(word), "\(bad.label): '\(word)' not in \(result.stderr)") }
        #expect(result.stderr.split(separator: "\n").count == 1, "one line, no usage dump: \(result.stderr)")
        #expect(CLIRunner.files(in: out).isEmpty, "\(bad.label) left files: \(CLIRunner.files(in: out))")
    }

    @Test("an unusable output folder is refused before any work, naming the path")
    func unwritableOutput() throws {
        let dir = try CLIRunner.scratch("unwritable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let result = try CLIRunner.run(["simulate", "Data/plans/norwood-v-three-sessions.yaml", "--out", blocker.appendingPathComponent("out").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(blocker.path))
        #expect(CLIRunner.files(in: dir) == ["not-a-folder"])
    }

    @Test("atlas draws a stage and lists region areas; unknown stages list the known ones")
    func atlas() throws {
        let dir = try CLIRunner.scratch("atlas")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("v.png")
        let ok = try CLIRunner.run(["atlas", "--stage", "V", "--out", png.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("crown") && ok.stdout.contains("frontal"))
        let header = try Data(contentsOf: png).prefix(8)
        #expect(Array(header) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        let bad = try CLIRunner.run(["atlas", "--stage", "XI", "--out", dir.appendingPathComponent("x.png").path])
        #expect(bad.status != 0 && bad.stderr.contains("VII"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.png").path))
    }
}

@Suite("stipple compare")
struct CompareCommandTests {
    @Test("compare writes a side-by-side PNG and a two-plan compare.html, and reports both plans")
    func compare() throws {
        let dir = try CLIRunner.scratch("compare")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIRunner.run(["compare", "Data/plans/norwood-v-three-sessions.yaml",
                                        "Data/plans/norwood-v-too-deep.yaml", "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLIRunner.files(in: dir) == ["compare.html", "compare.png"])
        let html = String(decoding: try Data(contentsOf: dir.appendingPathComponent("compare.html")), as: UTF8.self)
        // One slider over both plans' steps; each plan's pictures and tables are on the page.
        #expect(html.components(separatedBy: "<input type=\"range\"").count == 2)
        #expect(html.contains("A: norwood-v-three-sessions") && html.contains("B: norwood-v-too-deep"))
        #expect(html.components(separatedBy: "<div class=\"panel pair\"").count - 1 == 5, "appearance, macro and distance, density, dots, head views")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines[1].hasPrefix("A") && lines[2].hasPrefix("B"))
        let bad = try CLIRunner.run(["compare", "Data/plans/norwood-v-three-sessions.yaml", "nope.yaml", "--out", dir.appendingPathComponent("x").path])
        #expect(bad.status != 0 && bad.stderr.contains("nope.yaml"))
    }
}
