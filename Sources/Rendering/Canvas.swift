/// Drawing primitives on a palette image. Coordinates are pixels, origin top-left.
///
/// Everything here writes palette indices, so a map is drawn once in a handful of colours and
/// encoded without any colour quantisation step.
public struct Canvas: Sendable {
    public var image: IndexedImage

    public init(width: Int, height: Int, palette: [RGB], background: UInt8 = 0) {
        image = IndexedImage(width: width, height: height, palette: palette, fill: background)
    }

    public var width: Int { image.width }
    public var height: Int { image.height }

    @inlinable
    public mutating func set(_ x: Int, _ y: Int, _ index: UInt8) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        image.pixels[y * image.width + x] = index
    }

    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ index: UInt8) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(image.width, x + w), y1 = min(image.height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            let base = row * image.width
            for col in x0..<x1 { image.pixels[base + col] = index }
        }
    }

    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, _ index: UInt8) {
        fillRect(x: x, y: y, width: w, height: 1, index)
        fillRect(x: x, y: y + h - 1, width: w, height: 1, index)
        fillRect(x: x, y: y, width: 1, height: h, index)
        fillRect(x: x + w - 1, y: y, width: 1, height: h, index)
    }

    /// A filled disc centred at (cx, cy) with radius r pixels.
    public mutating func fillDisc(cx: Double, cy: Double, radius r: Double, _ index: UInt8) {
        let x0 = Int((cx - r).rounded(.down)), x1 = Int((cx + r).rounded(.up))
        let y0 = Int((cy - r).rounded(.down)), y1 = Int((cy + r).rounded(.up))
        let r2 = r * r
        let (xa, xb) = (max(0, x0), min(image.width - 1, x1))
        let (ya, yb) = (max(0, y0), min(image.height - 1, y1))
        guard xa <= xb, ya <= yb else { return }
        for y in ya...yb {
            let dy = Double(y) + 0.5 - cy
            for x in xa...xb {
                let dx = Double(x) + 0.5 - cx
                if dx * dx + dy * dy <= r2 { image.pixels[y * image.width + x] = index }
            }
        }
    }

    /// A line of the given thickness (pixels), drawn as overlapping square stamps along a DDA walk.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double),
                              thickness: Int = 1, _ index: UInt8) {
        let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
        let half = (thickness - 1) / 2
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let x = Int((a.x + (b.x - a.x) * t).rounded(.down))
            let y = Int((a.y + (b.y - a.y) * t).rounded(.down))
            if thickness == 1 { set(x, y, index) } else {
                fillRect(x: x - half, y: y - half, width: thickness, height: thickness, index)
            }
        }
    }

    /// A polyline through the points; `closed` joins the last point to the first.
    public mutating func polyline(_ points: [(x: Double, y: Double)], closed: Bool = false,
                                  thickness: Int = 1, dash: Int = 0, _ index: UInt8) {
        guard points.count >= 2 else { return }
        let count = closed ? points.count : points.count - 1
        for i in 0..<count {
            if dash > 0 && (i / dash) % 2 == 1 { continue }
            line(from: points[i], to: points[(i + 1) % points.count], thickness: thickness, index)
        }
    }

    /// Pixel width of `text` at the given whole-pixel scale.
    public static func textWidth(_ text: String, scale: Int = 1) -> Int {
        if let font = Typeface.shared { return font.width(text, scale: scale) }
        return max(0, text.count * BitmapFont.advance * scale - scale)
    }

    /// Height of a line's capitals (the layout unit; descenders fall into the line gap).
    public static func textHeight(scale: Int = 1) -> Int { BitmapFont.glyphHeight * scale }

    /// Draws `text` with its top-left corner at (x, y). With `halo`, a 1-pixel outline in another
    /// colour keeps labels readable over busy maps.
    ///
    /// With the font (`Typeface.shared`), edge pixels are anti-aliased by blending the text
    /// colour into what is underneath and taking the nearest palette colour, so palettes carry
    /// a few shades of each text colour over paper (the fade and leaderboard charts do).
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int = 1, _ index: UInt8, halo: UInt8? = nil) {
        guard let font = Typeface.shared else {
            if let halo {
                for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)] {
                    drawGlyphs(text, x: x + dx, y: y + dy, scale: scale, halo)
                }
            }
            drawGlyphs(text, x: x, y: y, scale: scale, index)
            return
        }
        if let halo {
            var halo1: [(Int, Int)] = []
            font.draw(text, x: x, y: y, scale: scale) { px, py, a in if a >= 64 { halo1.append((px, py)) } }
            for (px, py) in halo1 {
                for dy in -1...1 { for dx in -1...1 { set(px + dx, py + dy, halo) } }
            }
        }
        var shades = blendCache
        font.draw(text, x: x, y: y, scale: scale) { px, py, a in
            guard px >= 0, py >= 0, px < image.width, py < image.height else { return }
            let i = py * image.width + px
            if a >= 248 { image.pixels[i] = index; return }
            let level = (Int(a) * 16 + 127) / 255
            guard level > 0 else { return }
            let under = image.pixels[i]
            let key = Int(under) << 16 | Int(index) << 8 | level
            if let cached = shades[key] { image.pixels[i] = cached; return }
            let nearest = nearestIndex(mix(image.palette[Int(under)], image.palette[Int(index)], Double(level) / 16))
            shades[key] = nearest
            image.pixels[i] = nearest
        }
        blendCache = shades
    }

    /// Blends of (underneath, text colour, coverage level) already matched to the palette.
    private var blendCache: [Int: UInt8] = [:]

    private func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        func m(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - t) + Double(y) * t).rounded()) }
        return RGB(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
    }

    private func nearestIndex(_ c: RGB) -> UInt8 {
        var best = 0, bestD = Int.max
        for (i, p) in image.palette.enumerated() {
            let dr = Int(p.r) - Int(c.r), dg = Int(p.g) - Int(c.g), db = Int(p.b) - Int(c.b)
            let d = dr * dr + dg * dg + db * db
            if d < bestD { best = i; bestD = d }
        }
        return UInt8(best)
    }

    private mutating func drawGlyphs(_ text: String, x: Int, y: Int, scale: Int, _ index: UInt8) {
        var penX = x
        for ch in text {
            let rows = BitmapFont.rows(for: ch)
            for (r, bits) in rows.enumerated() where bits != 0 {
                for c in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - c)) != 0 {
                    fillRect(x: penX + c * scale, y: y + r * scale, width: scale, height: scale, index)
                }
            }
            penX += BitmapFont.advance * scale
        }
    }
}
