import Foundation
import StippleTestSupport
import Testing

@Suite("stipple init and validate")
struct InitValidateTests {
    @Test("every template writes a plan that validates and simulates", arguments: ["demo", "three-session", "too-fast", "too-deep", "too-close"])
    func templates(_ template: String) throws {
        let dir = try CLIRunner.scratch("init-\(template)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.yaml")
        let made = try CLIRunner.run(["init", "--stage", "IV", "--skin", "monk-6", "--template", template, plan.path])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOf: plan, encoding: .utf8)
        #expect(text.hasPrefix("# Stipple plan") && text.contains("norwood: IV") && text.contains("skin: monk-6"))
        #expect(try CLIRunner.run(["validate", plan.path]).stdout.hasPrefix("ok: "))
        // The simulation, not its pictures: the golden test draws every template.
        let run = try CLIRunner.run(["simulate", plan.path, "--out", dir.appendingPathComponent("out").path, "--quiet", "--images", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        // Writing again without --force refuses and keeps the file.
        let again = try CLIRunner.run(["init", "--template", template, plan.path])
        #expect(again.status != 0 && again.stderr.contains("--force"))
        #expect(try String(contentsOf: plan, encoding: .utf8) == text)
    }

    @Test("the too-close template merges dots, the demo does not")
    func tooCloseMerges() throws {
        var merges: [String: Int] = [:]
        for template in ["demo", "too-close"] {
            // init --template, then simulate (shared with the golden test).
            let out = try CLIRunner.templateOutputs(template).appendingPathComponent("out")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
            let last = (report["sessions"] as! [[String: Any]]).last!
            merges[template] = (last["all"] as! [String: Any])["merge_pairs"] as? Int
        }
        #expect(merges["demo"] == 0)
        #expect((merges["too-close"] ?? 0) > 100)
    }

    @Test("validate checks plans and sweeps without running them; bad files fail with their field")
    func validate() throws {
        let dir = try CLIRunner.scratch("validate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("client: {norwood: V, skin: monk-42}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n".utf8).write(to: bad)
        let result = try CLIRunner.run(["validate", "Data/plans/norwood-v-three-sessions.yaml", "Data/sweeps/depth-by-skin.yaml", bad.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("ok: Data/plans/norwood-v-three-sessions.yaml"))
        #expect(result.stdout.contains("ok: Data/sweeps/depth-by-skin.yaml (25 plans)"))
        #expect(result.stderr.contains(bad.path) && result.stderr.contains("client.skin"))
    }
}
