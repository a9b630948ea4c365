import Foundation
@testable import Plans
import Testing

/// `PlanFixWriter` changes values where they stand, keeps comments and layout, inserts fields
/// left at their defaults, rewrites a session list whose length changes, and falls back to the
/// tree (without comments) when in-place editing would not read back as the fixed plan.
@Suite("Fixed plan text: values edited in place, comments kept")
struct PlanFixWriterTests {
    let reader = PlanReader()

    let block = """
        # A trainee's plan
        name: trainee
        client: {norwood: V, skin: monk-4}
        design:
          hairline: {height_above_brow_mm: 75, shape: straight, transition_mm: 8, irregularity: 0.4}
          target_density_per_cm2: 110   # per cm² where bald
        sessions:                       # cumulative fractions
          # first pass
          - {day: 0, fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 1.5, pigment: carbon-black, dilution: 0.5, deposit: deep}
          - day: 5
            fraction_of_target: 1.0     # all the rest
            needle_mm: 0.2
            depth_mm: 0.6
        # follow-ups
        follow_up_days: [30, 365]

        """

    func rewrite(_ text: String, _ change: (inout Plan) -> Void) throws -> (text: String, kept: Bool, fixed: Plan) {
        let plan = try reader.parse(text, file: "p.yaml", defaultName: "p")
        var fixed = plan
        change(&fixed)
        let out = try PlanFixWriter.text(original: text, file: "p.yaml", plan: plan, fixed: fixed)
        #expect(try reader.parse(out.text, file: "p.yaml", defaultName: "p") == fixed)
        return (out.text, out.keptComments, fixed)
    }

    @Test("scalars in flow and block mappings are replaced in place; comments and the rest stay byte for byte")
    func inPlace() throws {
        let out = try rewrite(block) { p in
            p.sessions[0].depthMM = 0.6; p.sessions[0].deposit = .needleTrack; p.sessions[1].day = 14
            p.design.hairline.shape = .rounded
        }
        #expect(out.kept)
        let expected = block.replacingOccurrences(of: "depth_mm: 1.5", with: "depth_mm: 0.6")
            .replacingOccurrences(of: "deposit: deep", with: "deposit: needle-track")
            .replacingOccurrences(of: "- day: 5", with: "- day: 14")
            .replacingOccurrences(of: "shape: straight", with: "shape: rounded")
        #expect(out.text == expected, "\(out.text)")
    }

    @Test("a field left at its default is inserted into its block or flow mapping")
    func inserted() throws {
        let out = try rewrite(block) { p in p.design.spacingFactor = 0.6; p.sessions[1].dilution = 0.8 }
        #expect(out.kept)
        #expect(out.text.contains("  spacing_factor: 0.6\n  hairline:"), "\(out.text)")
        #expect(out.text.contains("# all the rest") && out.text.contains("# per cm² where bald"))
        // Into a flow mapping: before its closing brace; into a list item's block mapping: after its first line.
        let warmBrown = try PlanVocabulary.located.get().pigments.pigment(named: "warm-brown")
        let flow = try rewrite(block) { p in p.sessions[0].grouping = .rl3; p.sessions[1].pigment = warmBrown }
        #expect(flow.kept)
        #expect(flow.text.contains("deposit: deep, grouping: 3RL}"), "\(flow.text)")
        #expect(flow.text.contains("  - day: 5\n    pigment: warm-brown\n"), "\(flow.text)")
    }

    @Test("a session list whose length changes is rewritten whole; comments outside it stay")
    func sessionsRewritten() throws {
        let out = try rewrite(block) { p in
            var s = p.sessions[1]
            s.day = 35
            p.sessions[1].day = 14; p.sessions[1].fractionOfTarget = 0.7
            p.sessions.append(s)
        }
        #expect(out.kept)
        #expect(out.text.contains("# A trainee's plan") && out.text.contains("# follow-ups") && out.text.contains("# first pass"))
        #expect(out.text.contains("  - {day: 35, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6, pigment: carbon-black, dilution: 1}\n# follow-ups"), "\(out.text)")
    }

    @Test("JSON plans stay JSON")
    func json() throws {
        let text = """
            {"client": {"norwood": "V"}, "design": {"target_density_per_cm2": 110},
             "sessions": [{"day": 0, "fraction_of_target": 0.3, "needle_mm": 0.25, "depth_mm": 0.6},
                          {"day": 5, "fraction_of_target": 1.0, "needle_mm": 0.2, "depth_mm": 0.6}]}
            """
        let out = try rewrite(text) { p in p.sessions[1].day = 14; p.design.placement = .random }
        #expect(out.text.contains("\"day\": 14") && out.text.contains("\"placement\": \"random\""), "\(out.text)")
        #expect(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) is [String: Any])
        let longer = try rewrite(text) { p in p.sessions.append(p.sessions[1]); p.sessions[2].day = 40 }
        #expect(try JSONSerialization.jsonObject(with: Data(longer.text.utf8)) is [String: Any], "\(longer.text)")
    }

    @Test("a value shared through a YAML alias falls back to writing the tree, and says so")
    func aliasFallsBack() throws {
        let text = """
            client: {norwood: V}
            design: {target_density_per_cm2: 110}
            sessions:
              - {day: 0, fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: &d 1.5}
              - {day: 21, fraction_of_target: 1.0, needle_mm: 0.2, depth_mm: *d}

            """
        let out = try rewrite(text) { p in p.sessions[1].depthMM = 0.6 }
        #expect(!out.kept, "editing the anchor would change session 1 too")
        let plan = try reader.parse(out.text, file: "p.yaml", defaultName: "p")
        #expect(plan.sessions.map(\.depthMM) == [1.5, 0.6])
    }
}
