import Foundation
import StippleTestSupport
import Testing

/// Item 6 of issue 27: a batch's per-plan files are shaped for analysis across plans.
@Suite("batch data shapes")
struct BatchShapeTests {
    @Test("per-plan CSVs of a batch start with plan_id (the folder name); report.html links its pictures (in the shared pictures/ folder)")
    func planIDsAndLinkedPictures() throws {
        // The demo as a one-plan batch with summary pictures, shared with the browser test.
        let out = try CLIRunner.batchOutputs("Data/plans/norwood-v-three-sessions.yaml", images: "summary")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.count == 16 })
        let folder = out.appendingPathComponent(id)
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.hasPrefix("plan_id,") == true, "\(name): \(lines.first ?? "")")
            #expect(lines.count > 1 && lines.dropFirst().allSatisfy { $0.hasPrefix(id + ",") }, "\(name) has rows without the plan id")
            checked += 1
        }
        #expect(checked >= 4, "only \(checked) CSV files")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("data:image/png"), "batch report.html embeds pictures")
        let sources = html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
        #expect(!sources.isEmpty)
        for src in sources {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(src).path), "\(src) is linked but missing")
        }
        // stipple simulate's page stays self-contained (it may be mailed or opened from a stick).
        let single = try CLIRunner.demoOutputs()
        #expect(try String(contentsOf: single.appendingPathComponent("report.html"), encoding: .utf8).contains("data:image/png"))
    }
}
