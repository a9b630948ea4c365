import Foundation
import Testing
@testable import SkinOptics

/// Issue 25 item 6: every number in `Data/skin/` has a source or is labelled an assumption.
@Suite("Skin data: every number has its source or an assumption label")
struct SkinDataSourcingTests {
    static func object(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: dataDirectory.appendingPathComponent("skin/\(file)"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("model.json: each constant has an entry in its sources, and nothing else does")
    func modelConstants() throws {
        let model = try Self.object("model.json")
        let sources = try #require(model["sources"] as? [String: String])
        let constants = Set(model.keys).subtracting(["sources"])
        #expect(Set(sources.keys) == constants)
        for (key, text) in sources { #expect(text.count > 30, "\(key): '\(text)' says too little") }
    }

    @Test("tones.json: each target and class names its source; the instrument surface share is labelled")
    func tones() throws {
        let targets = try SkinToneTargets(dataDirectory: dataDirectory)
        for t in targets.presets { #expect(t.basis.count > 20, "\(t.name)") }
        for (name, c) in targets.melaninClasses { #expect(c.source.contains("Jacques"), "\(name)") }
        #expect(targets.instrumentSurfaceShare.basis.contains("Assumption"))
    }

    @Test("scar.json: every factor carries its basis")
    func scar() throws {
        let scar = try Self.object("scar.json")
        let basis = try #require(scar["basis"] as? [String: String])
        let numbers = Set(scar.filter { $0.value is NSNumber }.keys)
        #expect(!numbers.isEmpty && numbers.isSubset(of: Set(basis.keys)), "unlabelled: \(numbers.subtracting(basis.keys).sorted())")
    }
}
