import Foundation
import StippleTestSupport
import Testing

/// Plans with `areas:` from the command line: the templates and shipped examples simulate and
/// review, report each area (and each scar's colour match and retention), and a bad area stops
/// the run with file:line and field, writing nothing.
@Suite("stipple with areas: templates, examples, report, bad areas")
struct AreaCommandTests {
    static let templates = ["alopecia-patch", "fue-scars", "strip-scar"]

    @Test("each area template writes a plan that validates, reviews and simulates, reporting its areas", arguments: templates)
    func template(_ template: String) throws {
        let dir = try CLIRunner.scratch("area-\(template)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.yaml")
        let made = try CLIRunner.run(["init", "--stage", "III", "--template", template, plan.path])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOf: plan, encoding: .utf8).contains("areas:"))
        #expect(try CLIRunner.run(["validate", plan.path]).stdout.hasPrefix("ok: "))
        let review = try CLIRunner.run(["review", plan.path])
        #expect(review.status == 0, "\(review.stdout)\(review.stderr)")
        let out = dir.appendingPathComponent("out")
        // The page (its areas section) needs pictures; the summary set is enough.
        let run = try CLIRunner.run(["simulate", plan.path, "--out", out.path, "--images", "summary"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("area 0 ("))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let areas = try #require(report["areas"] as? [[String: Any]])
        #expect(!areas.isEmpty)
        for area in areas {
            let fraction = try #require(area["fraction_of_target"] as? Double)
            #expect(abs(fraction - 1) < 0.1, "\(area)")
        }
        let scar = areas.first?["scar"] as? [String: Any]
        #expect((scar != nil) == (template != "alopecia-patch"))
        if let scar {
            #expect((scar["scar_vs_skin_delta_e00"] as? Double ?? 0) > 1)
            let followUps = try #require(scar["follow_ups"] as? [[String: Any]])
            for f in followUps { #expect((f["retained_on_scar"] as! Double) < (f["retained_on_skin"] as! Double)) }
            #expect(run.stdout.contains("pigment left on scar"))
        }
        // The HTML report has an areas section.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Treatment areas"))
    }

    @Test("the shipped area examples simulate and review from the command line",
          arguments: ["alopecia-patch.yaml", "fue-scars.yaml", "strip-scar.yaml"])
    func examples(_ name: String) throws {
        let review = try CLIRunner.run(["review", "Data/plans/\(name)"])
        #expect(review.status == 0, "\(review.stdout)\(review.stderr)")
        let dir = try CLIRunner.shippedPlanOutputs(name)  // throws with stderr if simulate failed
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("appearance_session3.png").path))
    }

    @Test("a bad area exits 1 with file:line and field, and writes nothing")
    func badArea() throws {
        let dir = try CLIRunner.scratch("area-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(area: String, line: Int, field: String)] = [
            ("  - {kind: custom, shape: polygon, points_mm: [[0, 120], [10, 130], [10, 120], [0, 130]]}", 6, "areas[0].points_mm"),
            ("  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120], radius_mm: -4}", 6, "areas[0].radius_mm"),
            ("  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120], radius_mm: 0}", 6, "areas[0].radius_mm"),
            ("  - {kind: custom, shape: polygon, points_mm: [[0, 120], [10, 120]]}", 6, "areas[0].points_mm"),
            ("  - {kind: scar-strip, shape: circle, centre_mm: [200, 120], radius_mm: 5}", 6, "areas[0].centre_mm"),
        ]
        for (i, c) in cases.enumerated() {
            let plan = dir.appendingPathComponent("bad\(i).yaml"), out = dir.appendingPathComponent("out\(i)")
            let text = """
                client: {norwood: I}
                design: {target_density_per_cm2: 110}
                sessions:
                  - {day: 0, fraction_of_target: 1.0, needle_mm: 0.25, depth_mm: 0.6}
                areas:
                \(c.area)

                """
            try Data(text.utf8).write(to: plan)
            for command in [["simulate", plan.path, "--out", out.path], ["review", plan.path], ["validate", plan.path]] {
                let run = try CLIRunner.run(command)
                #expect(run.status == 1, "\(command[0]) \(c.area): \(run.stderr)")
                #expect(run.stderr.contains("\(plan.path):\(c.line)") && run.stderr.contains("'\(c.field)'"), "\(run.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
