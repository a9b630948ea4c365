import Foundation
import Testing
@testable import SkinOptics

@Suite("Typed errors name what was wrong and what was expected")
struct ErrorTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)

    @Test("unknown pigment lists the known ones")
    func unknownPigment() {
        do {
            _ = try Self.pigments.pigment(named: "ultramarine")
            Issue.record("expected an error")
        } catch {
            #expect(error == .unknownPigment(name: "ultramarine", known: ["carbon-black", "warm-brown", "cool-neutral"]))
            #expect(error.description.contains("carbon-black, warm-brown, cool-neutral"))
        }
    }

    @Test("depth outside (epidermis, 2.0 mm] is refused", arguments: [0.0, 0.05, 0.07, 2.01, -1, .nan, .infinity])
    func depthOutOfRange(depth: Double) throws {
        let ev = PigmentedSkinEvaluator(skin: try Self.skins.model(named: "monk-4"), pigment: try Self.pigments.pigment(named: "carbon-black"))
        do {
            _ = try ev.lab(depthMM: depth, dilution: 0.5, doseMgPerCm2: 2.53)
            Issue.record("depth \(depth) accepted")
        } catch {
            guard case .depthOutOfRange(_, let range, let epidermis) = error else { Issue.record("wrong error \(error)"); return }
            #expect(epidermis == 0.07 && range.upperBound == 2.0)
            #expect(error.description.contains("epidermis"))
        }
        #expect(throws: SkinOpticsError.self) { try apparentBlurRadiusMM(depthMM: depth, skin: Self.skins.model(named: "monk-4")) }
        // The boundaries of the valid range themselves are accepted.
        _ = try ev.lab(depthMM: 2.0, dilution: 0.5, doseMgPerCm2: 2.53)
        _ = try ev.lab(depthMM: 0.0701, dilution: 0.5, doseMgPerCm2: 2.53)
    }

    @Test("dilution outside (0, 1] and non-positive dose are refused", arguments: [0.0, -0.2, 1.0001, .nan])
    func dilution(d: Double) throws {
        let skin = try Self.skins.model(named: "monk-4"), pigment = try Self.pigments.pigment(named: "warm-brown")
        do {
            _ = try PigmentedSkin(skin: skin, pigment: pigment, dilution: d, depthMM: 0.5)
            Issue.record("dilution \(d) accepted")
        } catch {
            guard case .dilutionOutOfRange = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("(0, 1]"))
        }
        _ = try PigmentedSkin(skin: skin, pigment: pigment, dilution: 1, depthMM: 0.5)
        #expect(throws: SkinOpticsError.concentrationOutOfRange(0)) {
            try PigmentedSkin(skin: skin, pigment: pigment, dilution: 1, depthMM: 0.5, doseMgPerCm2: 0)
        }
        #expect(throws: SkinOpticsError.concentrationOutOfRange(25)) {
            try PigmentedSkin(skin: skin, pigment: pigment, dilution: 1, depthMM: 0.5, doseMgPerCm2: 25)
        }
        #expect(SkinOpticsError.concentrationOutOfRange(25).description.contains("at most 20"))
    }

    @Test("missing data folder and malformed spectra are reported with the path")
    func dataErrors() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/stipple-data")
        #expect(throws: SkinOpticsError.missingFile(path: "/nonexistent/stipple-data/cie/cie1931_2deg_cmf.csv")) { try CIETables(dataDirectory: nowhere) }
        #expect(throws: SkinOpticsError.self) { try PigmentLibrary(dataDirectory: nowhere) }
        #expect(throws: SkinOpticsError.wrongSampleCount(got: 3, expected: 81)) { try Spectrum([1, 2, 3]) }
    }
}
