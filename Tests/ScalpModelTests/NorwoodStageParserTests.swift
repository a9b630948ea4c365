import Testing
@testable import ScalpModel

@Suite("Norwood stage parser")
struct NorwoodStageParserTests {
    @Test("raw values are exactly the stage names")
    func rawValues() {
        #expect(NorwoodStage.allCases.map(\.rawValue)
            == ["I", "II", "IIa", "III", "IIIa", "III vertex", "IV", "IVa", "V", "Va", "VI", "VII"])
    }

    @Test("lenient spellings", arguments: [
        ("I", NorwoodStage.i), ("i", .i), ("1", .i), ("2", .ii), ("ii", .ii), ("2a", .iia), ("IIA", .iia),
        ("III", .iii), ("3", .iii), ("3a", .iiia), ("IIIv", .iiiVertex), ("III-vertex", .iiiVertex),
        ("3v", .iiiVertex), ("iii vertex", .iiiVertex), ("3 vertex", .iiiVertex), ("III vertex", .iiiVertex),
        ("IV", .iv), ("iv", .iv), ("4", .iv), ("4a", .iva), ("IVa", .iva), ("5", .v), ("v", .v), ("5a", .va),
        ("Va", .va), ("6", .vi), ("VI", .vi), ("7", .vii), ("vii", .vii), (" Norwood 5 ", .v),
    ])
    func lenient(text: String, expected: NorwoodStage) {
        #expect(NorwoodStage(parsing: text) == expected)
    }

    @Test("every raw value parses to itself")
    func rawRoundTrip() {
        for s in NorwoodStage.allCases { #expect(NorwoodStage(parsing: s.rawValue) == s) }
    }

    @Test("unknown strings give nil, and parse() throws a message listing the stages",
          arguments: ["", "8", "0", "VIII", "Ia", "VIa", "6a", "4v", "vertex", "abc", "IIIb"])
    func unknown(text: String) {
        #expect(NorwoodStage(parsing: text) == nil)
        do {
            _ = try NorwoodStage.parse(text)
            Issue.record("expected unknownStage")
        } catch {
            #expect(error == .unknownStage(text))
            #expect(error.description.contains("\"III vertex\""))
        }
    }
}
