import Foundation
import StippleTestSupport
import Testing

/// The female-pattern scales from the command line: template, example plan, atlas, bad input.
@Suite("stipple with Ludwig and Savin clients")
struct HairLossCLITests {
    @Test("init --template ludwig-ii writes a plan that reviews and simulates; outputs carry hair + dots")
    func template() throws {
        let dir = try CLIRunner.scratch("ludwig-template")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.yaml"), out = dir.appendingPathComponent("out")
        let made = try CLIRunner.run(["init", "--template", "ludwig-ii", "--skin", "monk-5", plan.path])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Ludwig II"))
        let text = try String(contentsOf: plan, encoding: .utf8)
        #expect(text.contains("hair_loss: {scale: ludwig, stage: II}") && text.contains("skin: monk-5"))
        let review = try CLIRunner.run(["review", plan.path])
        #expect(review.status == 0, "\(review.stdout)\(review.stderr)")
        // Numbers only: the golden test draws the ludwig plans.
        let run = try CLIRunner.run(["simulate", plan.path, "--out", out.path, "--images", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("hair+dots/cm²"))
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let echo = try #require(report["plan"] as? [String: Any])
        #expect(echo["hair_loss"] as? [String: String] == ["scale": "ludwig", "stage": "II"])
        #expect(echo["norwood"] == nil)
        let last = try #require((report["sessions"] as? [[String: Any]])?.last)
        let perceived = try #require(last["perceived"] as? [String: Double])
        for key in ["hair_per_cm2", "dots_per_cm2", "perceived_per_cm2", "target_per_cm2", "fraction_of_target", "treated_area_cm2"] {
            #expect(perceived[key] != nil, "missing \(key)")
        }
        #expect(abs((perceived["fraction_of_target"] ?? 0) - 1) < 0.03)
        #expect((perceived["hair_per_cm2"] ?? 0) > 20)
        let csv = try String(contentsOf: out.appendingPathComponent("sessions.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").first?.hasSuffix(",hair_per_cm2,perceived_per_cm2") == true)
    }

    @Test("the shipped Ludwig II plan reviews with no findings")
    func shippedPlanReviews() throws {
        let review = try CLIRunner.run(["review", "Data/plans/ludwig-ii-diffuse-thinning.yaml"])
        #expect(review.status == 0, "\(review.stdout)\(review.stderr)")
        #expect(review.stdout.contains("no findings"))
    }

    @Test("atlas --scale ludwig --stage II draws the page; an unknown stage fails and writes nothing")
    func atlas() throws {
        let dir = try CLIRunner.scratch("ludwig-atlas")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("ludwig-ii.png")
        let ok = try CLIRunner.run(["atlas", "--scale", "ludwig", "--stage", "II", "--out", png.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Ludwig II") && ok.stdout.contains("treated"))
        #expect(try Data(contentsOf: png).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        for (scale, stage, mentions) in [("ludwig", "IV", "expected one of: I, II, III"), ("savin", "I-5", "advanced, frontal"),
                                         ("olsen", "II", "norwood, ludwig, savin")] {
            let bad = dir.appendingPathComponent("\(scale)-\(stage).png")
            let run = try CLIRunner.run(["atlas", "--scale", scale, "--stage", stage, "--out", bad.path])
            #expect(run.status == 1)
            #expect(run.stderr.contains(mentions), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: bad.path))
        }
    }

    @Test("an unknown stage for the scale fails with file:line and field, and writes nothing")
    func badStage() throws {
        let dir = try CLIRunner.scratch("ludwig-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("bad.yaml"), out = dir.appendingPathComponent("out")
        let text = try String(contentsOf: CLIRunner.repository.appendingPathComponent("Data/plans/ludwig-ii-diffuse-thinning.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "{scale: ludwig, stage: II}", with: "{scale: savin, stage: II}")
        try Data(text.utf8).write(to: plan)
        let run = try CLIRunner.run(["simulate", plan.path, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.yaml:9: field 'client.hair_loss.stage': unknown Savin stage 'II'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
