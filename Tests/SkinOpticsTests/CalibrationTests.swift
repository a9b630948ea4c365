import Foundation
import Testing
@testable import SkinOptics

/// Calibration targets for healed SMP colour. **Assumptions** drawn from practitioners'
/// descriptions (DOMAIN.md "Light in skin"); there is no published table of healed SMP colours.
/// Targets the bounded-physics model cannot reach are kept as `withKnownIssue` checks, so they
/// stay visible (and start failing loudly once a model change meets them). Reasons and numbers:
/// Data/pigments/CALIBRATION.md. Regenerate that file's table with
/// `SKINOPTICS_WRITE_CALIBRATION=1 swift test --disable-xctest --filter CalibrationTests`.
@Suite("Healed SMP colour calibration targets (assumptions)")
struct CalibrationTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)

    static func spot(_ pigment: String, monk: Int, depth: Double, dilution: Double = 1) throws -> PigmentedSkin {
        try PigmentedSkin(skin: skins.model(named: "monk-\(monk)"), pigment: pigments.pigment(named: pigment),
                          dilution: dilution, depthMM: depth)
    }

    @Test("packing factor: undiluted mean dose near-opaque for diffuse light, dilution lowers OD in proportion")
    func opticalDensity() throws {
        let carbon = try Self.pigments.pigment(named: "carbon-black")
        let od = carbon.opticalDensity(effectiveDoseMgPerCm2: PigmentedSkin.meanDoseMgPerCm2)
        #expect(od > 1.0 && od < 1.5, "collimated OD(550) \(od)")          // diffuse (×2): 2–3
        #expect(abs(carbon.opticalDensity(effectiveDoseMgPerCm2: 0.5 * PigmentedSkin.meanDoseMgPerCm2) - od / 2) < 1e-12)
    }

    @Test("met: 0.15 mm (junction) darker than 0.6 mm; 1.5 mm ≥ 5 L* lighter and bluer per unit lightness than 0.6 mm on Monk 4")
    func depthTargets() throws {
        for n in 1...10 {
            #expect(try Self.spot("carbon-black", monk: n, depth: 0.15).lab.L < Self.spot("carbon-black", monk: n, depth: 0.6).lab.L, "monk-\(n)")
        }
        let mid = try Self.spot("carbon-black", monk: 4, depth: 0.6), deep = try Self.spot("carbon-black", monk: 4, depth: 1.5)
        #expect(deep.lab.L - mid.lab.L >= 5, "ΔL* \(deep.lab.L - mid.lab.L)")
        let ratio = { (s: PigmentedSkin) in (s.lab.b - s.skinLab.b) / (s.lab.L - s.skinLab.L) }
        #expect(ratio(deep) > ratio(mid), "Δb*/ΔL* \(ratio(mid)) → \(ratio(deep))")
    }

    @Test("undertones at 0.6 mm on Monk 4: carbon cool/neutral (met); warm-brown warm/neutral (NOT met: known issue)")
    func undertoneTargets() throws {
        #expect([.cool, .neutral].contains(try Self.spot("carbon-black", monk: 4, depth: 0.6).undertone))
        // warm-brown still casts warmer than carbon (PigmentDepthTests), but under 0.5 mm of
        // dermis the blue veil outweighs the iron oxides' yellow on the lightest skins.
        let brown = try Self.spot("warm-brown", monk: 4, depth: 0.6)
        withKnownIssue("dermal blue veil at 0.6 mm: see Data/pigments/CALIBRATION.md") {
            #expect([.warm, .neutral].contains(brown.undertone), "warm-brown monk-4 0.6 mm: \(brown.undertone), cast \(PigmentedSkin.cast(spot: brown.lab, skin: brown.skinLab))")
        }
    }

    @Test("met (relaxed): carbon at 0.6 mm is clearly visible — Monk 3–5 ΔE00 ≥ 10, darker than skin on every tone")
    func visibilityAchieved() throws {
        for n in 3...5 {
            let s = try Self.spot("carbon-black", monk: n, depth: 0.6)
            #expect(s.contrastDeltaE00 >= 10, "monk-\(n): ΔE00 \(s.contrastDeltaE00)")
        }
        for n in 1...10 { let s = try Self.spot("carbon-black", monk: n, depth: 0.6); #expect(s.lab.L < s.skinLab.L) }
    }

    @Test("NOT met (known issue): Monk 3–5 L* 30–55 and ΔE00 ≥ 25 at 0.6 mm; Monk 9–10 ΔE00 ≥ 5; dilution 0.5 vs 1.0 ΔL* 3–20")
    func unmetTargets() throws {
        withKnownIssue("dermal veil above 0.6 mm with literature scattering: see Data/pigments/CALIBRATION.md") {
            for n in 3...5 {
                let s = try Self.spot("carbon-black", monk: n, depth: 0.6)
                #expect(s.lab.L >= 30 && s.lab.L <= 55 && s.contrastDeltaE00 >= 25, "monk-\(n): \(s.lab), ΔE00 \(s.contrastDeltaE00)")
            }
            for n in 9...10 {
                let s = try Self.spot("carbon-black", monk: n, depth: 0.6)
                #expect(s.contrastDeltaE00 >= 5, "monk-\(n): ΔE00 \(s.contrastDeltaE00)")
            }
            for n in 3...5 {
                let dL = try Self.spot("carbon-black", monk: n, depth: 0.6, dilution: 0.5).lab.L - Self.spot("carbon-black", monk: n, depth: 0.6).lab.L
                #expect(dL >= 3 && dL <= 20, "monk-\(n): ΔL* \(dL)")
            }
        }
    }

    /// The table in Data/pigments/CALIBRATION.md (between the markers).
    static func table() throws -> String {
        var lines = ["| pigment | skin | skin L* | dilution | 0.15 mm L* / ΔE00 / undertone | 0.6 mm | 1.0 mm | 1.5 mm |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for pigment in ["carbon-black", "cool-neutral", "warm-brown"] {
            for n in [1, 4, 7, 10] {
                for dilution in [0.5, 1.0] {
                    var cells: [String] = []
                    var skinL = 0.0
                    for depth in [0.15, 0.6, 1.0, 1.5] {
                        let s = try spot(pigment, monk: n, depth: depth, dilution: dilution)
                        skinL = s.skinLab.L
                        cells.append(String(format: "%.1f / %.1f / %@", s.lab.L, s.contrastDeltaE00, s.undertone.rawValue))
                    }
                    lines.append("| \(pigment) | monk-\(n) | \(String(format: "%.1f", skinL)) | \(dilution) | " + cells.joined(separator: " | ") + " |")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("Data/pigments/CALIBRATION.md holds the current table")
    func calibrationTable() throws {
        let url = dataDirectory.appendingPathComponent("pigments/CALIBRATION.md")
        let begin = "<!-- BEGIN GENERATED TABLE -->\n", end = "\n<!-- END GENERATED TABLE -->"
        var text = try String(contentsOf: url, encoding: .utf8)
        guard let r0 = text.range(of: begin), let r1 = text.range(of: end) else { Issue.record("markers missing"); return }
        let generated = try Self.table()
        if ProcessInfo.processInfo.environment["SKINOPTICS_WRITE_CALIBRATION"] == "1" {
            text.replaceSubrange(r0.upperBound..<r1.lowerBound, with: generated)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let s0 = text.range(of: begin)!, s1 = text.range(of: end)!
        #expect(String(text[s0.upperBound..<s1.lowerBound]) == generated, "regenerate with SKINOPTICS_WRITE_CALIBRATION=1")
    }
}
