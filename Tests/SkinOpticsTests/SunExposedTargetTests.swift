import Foundation
import Testing
@testable import SkinOptics

/// Sun-exposed skin: the foreheads of the cohorts whose inner forearms the light presets are
/// fitted to (Xiao et al. 2017; `Data/skin/tones.json` presets with `sunExposedSiteOf`). A bald
/// scalp is sun exposed while the forearm is the least exposed site, so these are presets a plan
/// can name (`caucasian-forehead`, `chinese-forehead`). They are fitted with the same bounds and
/// priors as every preset; how they differ from their cohort's forearm fit is a finding no
/// parameter was tuned for.
@Suite("Sun-exposed skin presets: foreheads of the forearm targets' cohorts")
struct SunExposedTargetTests {
    static let library = try! SkinLibrary(dataDirectory: dataDirectory)
    static let foreheads = library.presets.filter { $0.sunExposedSiteOf != nil }

    @Test("both foreheads are presets reached within 3 ΔE00, inside the sourced blood range, pheomelanin near its prior")
    func reached() throws {
        #expect(Self.foreheads.map(\.name) == ["caucasian-forehead", "chinese-forehead"])
        for f in Self.foreheads {
            #expect(f.residualDeltaE00 < 3, "\(f.name): ΔE00 \(f.residualDeltaE00)")
            #expect(f.atBound.isEmpty || f.atBound == ["scattering_scale"], "\(f.name): at a bound \(f.atBound)")
            let p = f.parameters
            #expect(SkinPresetFitter.literatureBloodBounds.contains(p.bloodFraction), "\(f.name): blood \(p.bloodFraction)")
            #expect(abs(p.pheomelaninShare - SkinPresetFitter.typicalPheomelaninShare) < 0.1)
            // A plan can name it: the library builds its skin model.
            #expect(try Self.library.model(named: f.name).lab.L > 40)
        }
    }

    @Test("the sun-exposed forehead takes more blood and more melanin than its cohort's forearm (redder and darker)")
    func moreBloodAndMelanin() throws {
        for f in Self.foreheads {
            let arm = try Self.library.preset(named: try #require(f.sunExposedSiteOf))
            #expect(f.parameters.bloodFraction > arm.parameters.bloodFraction, "\(f.name): blood \(f.parameters.bloodFraction) vs forearm \(arm.parameters.bloodFraction)")
            #expect(f.parameters.melaninFraction > arm.parameters.melaninFraction, "\(f.name): melanin \(f.parameters.melaninFraction) vs forearm \(arm.parameters.melaninFraction)")
        }
    }

    @Test("a sun-exposed site must name a forearm preset")
    func badPairing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tones-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("skin"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: dataDirectory.appendingPathComponent("skin/tones.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"sunExposedSiteOf\": \"monk-3\"", with: "\"sunExposedSiteOf\": \"monk-33\"")
        try text.write(to: dir.appendingPathComponent("skin/tones.json"), atomically: true, encoding: .utf8)
        #expect(throws: SkinOpticsError.self) { try SkinToneTargets(dataDirectory: dir) }
        do { _ = try SkinToneTargets(dataDirectory: dir) } catch {
            #expect(error.description.contains("caucasian-forehead") && error.description.contains("monk-33"), "\(error.description)")
        }
    }
}
