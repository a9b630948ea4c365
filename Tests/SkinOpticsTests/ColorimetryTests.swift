import Support
import Testing
@testable import SkinOptics

@Suite("CIE tables, XYZ, Lab, sRGB, ITA")
struct ColorimetryTests {
    @Test("CSV tables in Data/cie agree exactly with the embedded constants")
    func csvMatchesEmbedded() throws {
        let loaded = try CIETables(dataDirectory: dataDirectory)
        #expect(loaded == CIETables.embedded)
        #expect(loaded.xBar.count == 81 && loaded.d65.count == 81)
    }

    @Test("D65 white point from the tables ≈ (95.047, 100, 108.883)")
    func whitePoint() {
        let w = Colorimetry.standard.white
        #expect(abs(w.Y - 100) < 1e-12)
        #expect(abs(w.X - 95.047) < 0.02, "Xn = \(w.X)")
        #expect(abs(w.Z - 108.883) < 0.02, "Zn = \(w.Z)")
        let lab = Colorimetry.lab(of: Spectrum(constant: 1))
        #expect(abs(lab.L - 100) < 1e-9 && abs(lab.a) < 1e-9 && abs(lab.b) < 1e-9)
    }

    @Test("CMF sums: ∑x̄ ≈ ∑ȳ ≈ ∑z̄ (equal-energy white), ȳ peaks at 555 nm with value 1")
    func cmfSums() {
        let t = CIETables.embedded
        let sx = t.xBar.reduce(0, +), sy = t.yBar.reduce(0, +), sz = t.zBar.reduce(0, +)
        // At 5 nm the three sums are each ≈ 21.37 (x̄, ȳ, z̄ normalised to equal areas).
        #expect(abs(sx - sy) / sy < 0.002, "∑x̄ \(sx) ∑ȳ \(sy)")
        #expect(abs(sz - sy) / sy < 0.003, "∑z̄ \(sz) ∑ȳ \(sy)")
        #expect(abs(sy * 5 - 106.86) < 0.1, "∫ȳ dλ = \(sy * 5)")
        let peak = t.yBar.indices.max { t.yBar[$0] < t.yBar[$1] }!
        #expect(WavelengthGrid.wavelength(peak) == 555 && t.yBar[peak] == 1)
        #expect(t.d65[WavelengthGrid.wavelengths.firstIndex(of: 560)!] == 100)
    }

    @Test("Lab → XYZ → Lab round trip")
    func labXYZRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let lab = Lab(L: .random(in: 0...100, using: &rng), a: .random(in: -100...100, using: &rng), b: .random(in: -100...100, using: &rng))
            let back = Colorimetry.lab(Colorimetry.xyz(lab))
            #expect(abs(back.L - lab.L) < 1e-9 && abs(back.a - lab.a) < 1e-9 && abs(back.b - lab.b) < 1e-9)
        }
    }

    @Test("sRGB → Lab → sRGB reproduces every 8-bit code on a coarse lattice, unclipped")
    func srgbRoundTrip() {
        for r in stride(from: 0, through: 255, by: 15) {
            for g in stride(from: 0, through: 255, by: 15) {
                for b in stride(from: 0, through: 255, by: 15) {
                    let c = RGB8(r: UInt8(r), g: UInt8(g), b: UInt8(b))
                    let (back, clipped) = Colorimetry.srgb(Colorimetry.lab(c))
                    #expect(back == c, "\(c) → \(back)")
                    #expect(!clipped, "\(c) reported clipped")
                }
            }
        }
    }

    @Test("sRGB white is Lab (100, 0, 0) within 0.05; out-of-gamut colours are reported clipped")
    func srgbWhiteAndClipping() {
        let white = Colorimetry.lab(RGB8(r: 255, g: 255, b: 255))
        #expect(abs(white.L - 100) < 0.01 && abs(white.a) < 0.05 && abs(white.b) < 0.05, "\(white)")
        let saturatedGreen = Lab(L: 60, a: -120, b: 80)
        let (rgb, clipped) = Colorimetry.srgb(saturatedGreen)
        #expect(clipped)
        #expect(rgb.r == 0)
        #expect(!Colorimetry.srgb(Lab(L: 50, a: 5, b: 10)).clipped)
        #expect(RGB8(hex: "#d7bd96") == RGB8(r: 215, g: 189, b: 150))
        #expect(RGB8(r: 41, g: 36, b: 32).hex == "#292420")
    }

    @Test("ITA classes at representative angles and boundaries")
    func ita() {
        #expect(ITA(Lab(L: 70, a: 8, b: 10)).category == .veryLight)   // atan2(20, 10) = 63.4°
        #expect(ITA(Lab(L: 60, a: 10, b: 10)).category == .light)       // 45°
        #expect(ITA(Lab(L: 58, a: 10, b: 12)).category == .intermediate) // 33.7°
        #expect(ITA(Lab(L: 55, a: 10, b: 15)).category == .tan)        // 18.4°
        #expect(ITA(Lab(L: 45, a: 10, b: 15)).category == .brown)      // −18.4°
        #expect(ITA(Lab(L: 30, a: 8, b: 10)).category == .dark)        // −63.4°
        #expect(abs(ITA(Lab(L: 60, a: 0, b: 10)).degrees - 45) < 1e-12)
        #expect(ITA(degrees: 55).category == .light && ITA(degrees: 55.0001).category == .veryLight)
    }
}
