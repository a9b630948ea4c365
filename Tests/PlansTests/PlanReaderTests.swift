import Foundation
@testable import Plans
import Testing

@Suite("Plan files: defaults, and a clear error for every bad input")
struct PlanReaderTests {
    let reader = PlanReader()

    let minimal = """
        client: {norwood: V}
        design: {target_density_per_cm2: 110}
        sessions:
          - {day: 0, fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 0.6}
          - {day: 14, fraction_of_target: 1.0, needle_mm: 0.2, depth_mm: 0.6}
        """

    @Test("a minimal plan gets documented defaults")
    func defaults() throws {
        let plan = try reader.parse(minimal, file: "p.yaml")
        #expect(plan.seed == 1)
        #expect(plan.client.headCircumferenceMM == 570)
        #expect(plan.client.skinOiliness == .normal)
        #expect(plan.design.hairline.heightAboveBrowMM == 75)
        #expect(plan.sessions.count == 2)
        #expect(plan.sessions[1].fractionOfTarget == 1.0)
        #expect(plan.sessions[0].pigment.name == PlanDefaults.pigment && plan.client.skin.name == PlanDefaults.skin)
    }

    @Test("JSON plans read the same as YAML")
    func json() throws {
        let json = """
            {"client": {"norwood": "V"}, "design": {"target_density_per_cm2": 110},
             "sessions": [{"day": 0, "fraction_of_target": 0.3, "needle_mm": 0.25, "depth_mm": 0.6},
                          {"day": 14, "fraction_of_target": 1.0, "needle_mm": 0.2, "depth_mm": 0.6}]}
            """
        #expect(try reader.parse(json, file: "p.json") == reader.parse(minimal, file: "p.json"))
    }

    /// Each bad input must fail with a message naming the field (or the file) and what was expected.
    struct BadCase: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        let field: String
        let mentions: String
        var testDescription: String { label }
    }

    static let badCases: [BadCase] = [
        BadCase(label: "unknown stage", text: "client: {norwood: VIII}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "client.norwood", mentions: "expected one of"),
        BadCase(label: "negative density", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: -5}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "design.target_density_per_cm2", mentions: "greater than 0"),
        BadCase(label: "fraction decreasing", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 0.7, needle_mm: 0.2, depth_mm: 0.6}, {day: 9, fraction_of_target: 0.3, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "sessions[1].fraction_of_target", mentions: "cumulative"),
        BadCase(label: "missing field", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 1, depth_mm: 0.6}]",
                field: "sessions[0].needle_mm", mentions: "missing"),
        BadCase(label: "missing sessions", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}",
                field: "sessions", mentions: "missing"),
        BadCase(label: "malformed YAML", text: "client: {norwood: V\ndesign: [", field: "", mentions: "malformed"),
        BadCase(label: "wrong type", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: lots}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "design.target_density_per_cm2", mentions: "found 'lots'"),
        BadCase(label: "NaN", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: .nan}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "design.target_density_per_cm2", mentions: "expected a number"),
        BadCase(label: "huge number", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 1e400}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "design.target_density_per_cm2", mentions: "expected a number"),
        BadCase(label: "typo in key", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_targt: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "sessions[0].fraction_of_targt", mentions: "unknown field"),
        BadCase(label: "empty file", text: "", field: "", mentions: "empty"),
        BadCase(label: "empty sessions", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: []",
                field: "sessions", mentions: "at least one"),
        BadCase(label: "days not increasing", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 5, fraction_of_target: 0.5, needle_mm: 0.2, depth_mm: 0.6}, {day: 5, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]",
                field: "sessions[1].day", mentions: "after the previous"),
        BadCase(label: "zero depth", text: "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0}]",
                field: "sessions[0].depth_mm", mentions: "greater than 0"),
        BadCase(label: "top level is a list", text: "- 1\n- 2", field: "", mentions: "expected a mapping"),
    ]

    @Test("bad input names the field and what was expected", arguments: badCases)
    func badInput(_ bad: BadCase) {
        do {
            _ = try reader.parse(bad.text, file: "bad.yaml")
            Issue.record("\(bad.label): expected an error")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.field == bad.field, "\(error)")
            #expect(error.description.contains(bad.mentions), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml"))
        }
    }

    @Test("errors carry the line of the offending value")
    func lineNumbers() {
        let text = "client: {norwood: V}\ndesign: {target_density_per_cm2: 110}\nsessions:\n  - {day: 0, fraction_of_target: 1, needle_mm: 9, depth_mm: 0.6}\n"
        #expect(throws: PlanError.self) { try reader.parse(text, file: "f.yaml") }
        do { _ = try reader.parse(text, file: "f.yaml") } catch { #expect(error.line == 4) }
    }

    @Test("choices are enums resolved at read time, case-insensitively, with a plain message for unknown values")
    func typedChoices() throws {
        let text = minimal.replacingOccurrences(of: "client: {norwood: V}", with: "client: {norwood: V, skin_oiliness: OILY}")
            .replacingOccurrences(of: "design: {target_density_per_cm2: 110}",
                                  with: "design: {target_density_per_cm2: 110, placement: random, hairline: {shape: Mature}}")
            + "\nfading: {model: UV}\n"
        let plan = try reader.parse(text, file: "p.yaml")
        #expect(plan.client.skinOiliness == .oily && plan.design.placement == .random)
        #expect(plan.design.hairline.shape == .mature && plan.fading.model == .uv)
        let bad = minimal.replacingOccurrences(of: "client: {norwood: V}", with: "client:\n  norwood: V\n  skin_oiliness: greasy")
        do { _ = try reader.parse(bad, file: "b.yaml"); Issue.record("greasy accepted") } catch {
            #expect(error.description == "b.yaml:3: field 'client.skin_oiliness': unknown skin oiliness 'greasy'; expected one of: dry, normal, oily")
        }
    }

    @Test("the lines of the fields the engine checks again are kept with the plan, outside its identity")
    func sourceLocations() throws {
        let text = "client:\n  norwood: V\n  skin: monk-9\ndesign: {target_density_per_cm2: 110}\nsessions:\n  - {day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6, pigment: warm-brown}\n"
        let plan = try reader.parse(text, file: "p.yaml")
        #expect(plan.locations[.clientSkin] == 3)
        #expect(plan.locations[.session(0, .pigment)] == 6 && plan.locations[.session(0, .depth)] == 6)
        #expect(PlanField.session(0, .depth).description == "sessions[0].depth_mm")
        let moved = try reader.parse("\n" + text, file: "p.yaml")
        #expect(moved.locations[.clientSkin] == 4, "the lines follow the text")
        #expect(plan == moved, "positions are deliberately not part of a plan's identity")
        #expect(plan.client.skin.name == "monk-9" && plan.sessions[0].pigment.name == "warm-brown")
    }

    @Test("oversized and binary files are refused before parsing")
    func oversizedAndBinary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-reader-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.yaml")
        try Data(repeating: UInt8(ascii: "#"), count: PlanReader.maximumFileBytes + 1).write(to: big)
        #expect(throws: PlanError.self) { try reader.read(contentsOf: big) }
        let binary = dir.appendingPathComponent("bin.yaml")
        try Data([0xff, 0xfe, 0x00, 0x81, 0xc3]).write(to: binary)
        do { _ = try reader.read(contentsOf: binary); Issue.record("binary accepted") } catch {
            #expect(error.description.contains("UTF-8"))
        }
        let missing = dir.appendingPathComponent("nope.yaml")
        do { _ = try reader.read(contentsOf: missing); Issue.record("missing accepted") } catch {
            #expect(error.description.contains("nope.yaml"))
        }
    }
}
