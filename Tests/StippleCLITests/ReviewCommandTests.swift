import Foundation
import StippleTestSupport
import Testing

@Suite("stipple review")
struct ReviewCommandTests {
    static let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/plans")

    @Test("a sound plan: no findings, exit 0; JSON {\"findings\": []}")
    func soundPlan() throws {
        let r = try CLIRunner.run(["review", Self.plans.appendingPathComponent("norwood-v-three-sessions.yaml").path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try ColorCommandTests.json(r.stdout)
        #expect((j["findings"] as? [Any])?.isEmpty == true)
    }

    @Test("error findings exit 3 with rule, category, severity, value, threshold, message, why and fix")
    func errors() throws {
        let r = try CLIRunner.run(["review", Self.plans.appendingPathComponent("trainee-too-much-too-fast.yaml").path, "--json"])
        #expect(r.status == 3, "\(r.stderr)")
        let findings = try #require(try ColorCommandTests.json(r.stdout)["findings"] as? [[String: Any]])
        #expect(findings.count >= 8)
        for f in findings {
            #expect(Set(f.keys) == ["rule", "category", "severity", "session", "sessions", "region", "value", "threshold", "message", "why", "fix"])
        }
        // One finding per rule.
        #expect(Set(findings.compactMap { $0["rule"] as? String }).count == findings.count)
        #expect(findings.first?["severity"] as? String == "error")
        let text = try CLIRunner.run(["review", Self.plans.appendingPathComponent("trainee-too-much-too-fast.yaml").path])
        #expect(text.status == 3 && text.stdout.contains("ERROR layering.single-session") && text.stdout.contains("why: ") && text.stdout.contains("fix: "))
        // The three to fix first, before the findings.
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 5 && lines[1] == "fix first:" && lines[2].hasPrefix("  1. error: ") && lines[4].hasPrefix("  3. "), "\(text.stdout)")
    }

    @Test("--fix --out writes the plan with every fix applied, comments kept, atomically; it reviews without errors")
    func fix() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixed = dir.appendingPathComponent("fixed.yaml").path
        let source = Self.plans.appendingPathComponent("trainee-too-much-too-fast.yaml").path
        let r = try CLIRunner.run(["review", source, "--fix", "--out", fixed])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote \(fixed): ") && !r.stdout.contains("ERROR"), "\(r.stdout)")
        let text = try String(contentsOfFile: fixed, encoding: .utf8)
        let original = try String(contentsOfFile: source, encoding: .utf8)
        let comments = original.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.hasPrefix("  ") }
        #expect(!comments.isEmpty && comments.allSatisfy { text.contains($0) }, "top-level comments kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fixed.yaml"], "no temporary file left")
        let again = try CLIRunner.run(["review", fixed])
        #expect(again.status == 0 && !again.stdout.contains("ERROR"), "\(again.stdout)")
        let usage = try CLIRunner.run(["review", source, "--fix"])
        #expect(usage.status == 64 && usage.stderr.contains("--out"))
    }

    @Test("several plans: one object per plan; a plan that cannot be read fails the run with exit 1")
    func severalPlans() throws {
        let a = Self.plans.appendingPathComponent("norwood-v-three-sessions.yaml").path
        let b = Self.plans.appendingPathComponent("norwood-v-too-deep.yaml").path
        let r = try CLIRunner.run(["review", a, b, "--json"])
        #expect(r.status == 3)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["plan"] as? String } == [a, b])
        #expect((list[1]["findings"] as? [[String: Any]])?.contains { $0["rule"] as? String == "depth.blow-out" } == true)
        let missing = try CLIRunner.run(["review", "/nonexistent/plan.yaml"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/plan.yaml"))
    }

    @Test("simulate prints the review at the end")
    func simulatePrintsReview() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-review-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["simulate", Self.plans.appendingPathComponent("norwood-v-too-deep.yaml").path, "--out", out.path, "--images", "none"])
        #expect(r.status == 0 && r.stdout.contains("review: 1 error") && r.stdout.contains("[depth.blow-out]"), "\(r.stdout)")
    }
}

@Suite("stipple init --hair")
struct InitHairTests {
    @Test("--hair fills the demo's sessions with color solve's pigment and depth, lighter first; the plan reviews clean of errors")
    func initWithHair() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-init-hair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("p.yaml").path
        let r = try CLIRunner.run(["init", "--skin", "monk-4", "--hair", "dark-brown", plan])
        #expect(r.status == 0, "\(r.stderr)")
        let solve = try ColorCommandTests.json(try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "dark-brown", "--json"]).stdout)
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        let pigment = try #require(solve["pigment"] as? String)
        #expect(text.contains("hair_colour: dark-brown") && text.components(separatedBy: "pigment: \(pigment)").count == 4)
        let dilutions = text.split(separator: "\n").filter { $0.contains("fraction_of_target") }.compactMap { line -> Double? in
            guard let r = line.range(of: "dilution: ") else { return nil }
            return Double(line[r.upperBound...].prefix { "0123456789.".contains($0) })
        }
        #expect(dilutions.count == 3 && dilutions == dilutions.sorted() && dilutions[0] < dilutions[2], "\(dilutions)")
        let review = try CLIRunner.run(["review", plan])
        #expect(review.status == 0 && review.stdout.contains("no findings"), "\(review.stdout)")
        // Grey hair: no shade passes, and init says so plainly.
        let grey = try CLIRunner.run(["init", "--skin", "monk-4", "--hair", "grey", dir.appendingPathComponent("g.yaml").path])
        #expect(grey.status == 0 && grey.stdout.hasPrefix("note: no pigment, dilution and needle depth"), "\(grey.stdout)")
        let bad = try CLIRunner.run(["init", "--hair", "ginger", dir.appendingPathComponent("q.yaml").path])
        #expect(bad.status == 1 && bad.stderr.contains("--hair") && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("q.yaml").path))
    }
}
