import Testing
@testable import Rendering

/// Text through FreeType: anti-aliased, sized like the layout expects, and a bitmap fallback
/// when the font cannot be opened.
@Suite("text in pictures")
struct TypefaceTests {
    static let hasFont = Typeface.shared != nil

    /// Distinct greys of `text` drawn black on white, and the inked bounding box.
    static func drawn(_ text: String, scale: Int) -> (greys: Set<UInt8>, minX: Int, maxX: Int, minY: Int, maxY: Int) {
        var canvas = RGBCanvas(width: 400, height: 80)
        canvas.text(text, x: 10, y: 20, scale: scale, .black)
        var greys = Set<UInt8>(), box = (minX: Int.max, maxX: Int.min, minY: Int.max, maxY: Int.min)
        for y in 0..<canvas.image.height {
            for x in 0..<canvas.image.width {
                let v = canvas.image.bytes[3 * (y * canvas.image.width + x)]
                greys.insert(v)
                if v < 255 { box = (min(box.minX, x), max(box.maxX, x), min(box.minY, y), max(box.maxY, y)) }
            }
        }
        return (greys, box.minX, box.maxX, box.minY, box.maxY)
    }

    @Test("text is anti-aliased, its capitals are 7 × scale pixels tall from the top, and textWidth measures it",
          .enabled(if: hasFont, "DejaVu Sans not installed (fonts-dejavu-core): pictures use the bitmap fallback"))
    func antiAliased() {
        let d = Self.drawn("HEIGHT", scale: 2)
        // Edge pixels in between black and white: many greys, not the bitmap font's two.
        #expect(d.greys.count > 10, "\(d.greys.count) grey levels")
        // Capitals: top at y = 20, baseline at 20 + 14 (a pixel of hinting either way).
        #expect(abs(d.minY - 20) <= 1 && abs(d.maxY - 33) <= 1, "ink rows \(d.minY)…\(d.maxY)")
        let width = Canvas.textWidth("HEIGHT", scale: 2)
        #expect(abs((d.maxX - d.minX + 1) - width) <= 4, "inked \(d.maxX - d.minX + 1) px, textWidth \(width)")
        // Twice the scale, about twice as wide.
        let ratio = Double(Canvas.textWidth("HEIGHT", scale: 4)) / Double(width)
        #expect(ratio > 1.8 && ratio < 2.2)
        // Symbols the maps print have real glyphs (not the empty box): ², µ, ×, Δ.
        for symbol in ["²", "µ", "×", "Δ"] { #expect(Self.drawn(symbol, scale: 2).greys.count > 3, "\(symbol)") }
    }

    @Test("palette maps blend text edges into palette shades, not only ink and paper",
          .enabled(if: hasFont, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func paletteShades() {
        // Paper, ink and three shades of ink over paper.
        let shades = (1...3).map { k -> RGB in let v = UInt8(255 - 60 * k); return RGB(v, v, v) }
        var canvas = Canvas(width: 300, height: 60, palette: [.white, .black] + shades)
        canvas.text("density 110/cm²", x: 5, y: 10, scale: 2, 1)
        let used = Set(canvas.image.pixels)
        #expect(used.contains(1) && used.contains(0))
        #expect(used.contains { $0 >= 2 }, "no anti-aliasing shade used: \(used.sorted())")
    }

    @Test("a font that cannot be opened gives no typeface (the bitmap font is used instead)")
    func missingFont() {
        #expect(Typeface(path: "/nonexistent/DejaVuSans.ttf") == nil)
        #expect(BitmapFont.rows(for: "A").count == BitmapFont.glyphHeight)
    }
}
