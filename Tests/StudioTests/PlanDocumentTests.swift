import Foundation
import Plans
import StippleTestSupport
import Testing

/// `PlanDocument`: every shipped plan and template goes YAML → JSON → YAML and reads as the
/// same plan each way (what `GET /api/plans/{name}` and `POST /api/plan.yaml` rely on).
@Suite("stipple serve: plans as JSON and back")
struct PlanDocumentTests {
    static let shipped: [URL] = ((try? FileManager.default.contentsOfDirectory(at: Repository.data.appendingPathComponent("plans"),
                                                                               includingPropertiesForKeys: nil)) ?? [])
        .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }

    @Test("Shipped plans and templates round-trip through JSON and YAML")
    func roundTrip() throws {
        #expect(Self.shipped.count >= 5)
        var texts = try Self.shipped.map { (name: $0.lastPathComponent, text: try String(contentsOf: $0, encoding: .utf8)) }
        texts += PlanTemplate.allCases.map { (name: $0.rawValue, text: $0.text(stage: "V", skin: "monk-4")) }
        for (name, text) in texts {
            let original = try PlanReader().parse(text, file: name, defaultName: "p")
            let json = try PlanDocument.json(fromPlanText: text, file: name, defaultName: "p")
            #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any], "\(name)")
            #expect(try PlanReader().parse(json, file: name, defaultName: "p") == original, "\(name)")
            let yaml = try PlanDocument.yaml(fromPlanText: json, file: name, defaultName: "p")
            #expect(!yaml.contains("\"client\""), "\(name): keys written as JSON")
            #expect(try PlanReader().parse(yaml, file: name, defaultName: "p") == original, "\(name)")
        }
    }

    @Test("Strings that would read as numbers or booleans stay quoted in the YAML")
    func quotesAmbiguousText() throws {
        let json = #"{"name": "1.5", "client": {"norwood": "V", "skin": "monk-4"}, "design": {"target_density_per_cm2": 110}, "sessions": [{"day": 0, "fraction_of_target": 1, "needle_mm": 0.25, "depth_mm": 0.6}]}"#
        let yaml = try PlanDocument.yaml(fromPlanText: json, file: "request")
        #expect(yaml.contains("name: \"1.5\""))
        #expect(try PlanReader().parse(yaml, file: "y").name == "1.5")
    }

    @Test("An invalid plan is not converted: the reader's error, with the field")
    func refusesInvalid() {
        let json = #"{"client": {"norwood": "V"}, "design": {"target_density_per_cm2": 110}, "sessions": [{"day": 0, "fraction_of_target": 2, "needle_mm": 0.25, "depth_mm": 0.6}]}"#
        #expect { _ = try PlanDocument.yaml(fromPlanText: json, file: "request") } throws: { error in
            (error as? PlanError)?.field == "sessions[0].fraction_of_target"
        }
    }
}
