import Foundation
import Testing
@testable import Rendering

/// The figures' one categorical palette (`CategoricalPalette`, `SessionPalette`): distinct
/// colours, readable on the backgrounds they are drawn on, keyed by name where asked.
@Suite("Categorical palette: one colour per session and per fade model")
struct CategoricalPaletteTests {
    /// CIELAB (D65) of an sRGB colour, for colour differences in the tests only.
    static func lab(_ c: RGB) -> (L: Double, a: Double, b: Double) {
        func linear(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(c.r), linear(c.g), linear(c.b))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func deltaE76(_ p: RGB, _ q: RGB) -> Double {
        let a = lab(p), b = lab(q)
        return ((a.L - b.L) * (a.L - b.L) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot()
    }

    @Test("entries are distinct: every pair at least ΔE*ab 25 apart, and from the dot map's grey and bare scalp")
    func distinct() {
        let colours = CategoricalPalette.colours
        #expect(colours.count >= 7)
        for i in colours.indices {
            for j in colours.indices where j > i {
                #expect(Self.deltaE76(colours[i], colours[j]) >= 25, "\(colours[i].hexString) vs \(colours[j].hexString)")
            }
            // Not mistaken for the dot map's off-scalp grey or bare scalp.
            #expect(Self.deltaE76(colours[i], ChartPalette.offScalp) >= 25)
            #expect(Self.deltaE76(colours[i], ChartPalette.skin) >= 25)
        }
    }

    @Test("contrast: the first five at least 3:1 on white (WCAG 2.1 non-text), all at least 2:1 on white and 1.8:1 on bare scalp")
    func contrast() {
        let skin = ChartPalette.skin
        for (i, c) in CategoricalPalette.colours.enumerated() {
            let onWhite = c.contrastRatio(against: .white), onSkin = c.contrastRatio(against: skin)
            if i < CategoricalPalette.highContrastCount {
                #expect(onWhite >= 3, "\(c.hexString): \(onWhite):1 on white")
                #expect(onSkin >= 2.4, "\(c.hexString): \(onSkin):1 on bare scalp")
            }
            #expect(onWhite >= 2, "\(c.hexString): \(onWhite):1 on white")
            #expect(onSkin >= 1.8, "\(c.hexString): \(onSkin):1 on bare scalp")
        }
        // The WCAG formula's end points and a published pair (#0072B2 on white: 5.19:1).
        #expect(abs(RGB.black.contrastRatio(against: .white) - 21) < 1e-9)
        #expect(abs(RGB(hex: 0x0072B2).contrastRatio(against: .white) - 5.19) < 0.01)
    }

    @Test("session k is colour k−1, repeating after the palette's length; the dot map draws with the same list")
    func sessions() {
        let n = CategoricalPalette.colours.count
        for k in 1...(2 * n) {
            #expect(SessionPalette.colour(session: k) == CategoricalPalette.colours[(k - 1) % n])
        }
        #expect(SessionPalette.hex(session: 1) == "#0072b2")
        #expect(ChartPalette.sessions == CategoricalPalette.colours)
    }

    @Test("keyed colours do not depend on which names are shown or in what order")
    func keyed() {
        let order = ["mono", "bi", "weibull", "uv", "compartment"]
        let all = CategoricalPalette.keyed(["mono", "bi", "weibull", "uv", "compartment", "power-law"], order: order)
        let ranked = CategoricalPalette.keyed(["power-law", "compartment", "bi"], order: order)
        for name in ["bi", "compartment", "power-law"] { #expect(all[name] == ranked[name], "\(name)") }
        #expect(all["mono"] == CategoricalPalette.colour(0) && all["compartment"] == CategoricalPalette.colour(4))
        // Names outside the order follow it, in the order first met.
        let files = CategoricalPalette.keyed(["b-file", "a-file", "b-file"], order: order)
        #expect(files["b-file"] == CategoricalPalette.colour(5) && files["a-file"] == CategoricalPalette.colour(6))
    }
}
