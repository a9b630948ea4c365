/// Drawing on a true-colour image: rectangles, text, blits. Used where colours are continuous
/// (appearance previews, fade curves) and a palette would band.
public struct RGBCanvas: Sendable {
    public var image: RGBImage

    public init(width: Int, height: Int, background: RGB = .white) {
        image = RGBImage(width: width, height: height, fill: background)
    }

    @inlinable
    public mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        let i = 3 * (y * image.width + x)
        image.bytes[i] = c.r
        image.bytes[i + 1] = c.g
        image.bytes[i + 2] = c.b
    }

    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        for row in max(0, y)..<max(max(0, y), min(image.height, y + h)) {
            for col in max(0, x)..<max(max(0, x), min(image.width, x + w)) { set(col, row, c) }
        }
    }

    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, thickness t: Int = 1, _ c: RGB) {
        fillRect(x: x, y: y, width: w, height: t, c)
        fillRect(x: x, y: y + h - t, width: w, height: t, c)
        fillRect(x: x, y: y, width: t, height: h, c)
        fillRect(x: x + w - t, y: y, width: t, height: h, c)
    }

    /// Copies `other` with its top-left corner at (x, y).
    public mutating func blit(_ other: RGBImage, x: Int, y: Int) {
        for row in 0..<other.height {
            let ty = y + row
            guard ty >= 0, ty < image.height else { continue }
            for col in 0..<other.width {
                let tx = x + col
                guard tx >= 0, tx < image.width else { continue }
                let s = 3 * (row * other.width + col), d = 3 * (ty * image.width + tx)
                image.bytes[d] = other.bytes[s]
                image.bytes[d + 1] = other.bytes[s + 1]
                image.bytes[d + 2] = other.bytes[s + 2]
            }
        }
    }

    /// Text with its top-left corner at (x, y), in whole-pixel `scale`: anti-aliased with the
    /// font (coverage blended into the pixels underneath), else the bitmap font.
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int = 1, _ c: RGB) {
        if let font = Typeface.shared {
            font.draw(text, x: x, y: y, scale: scale) { px, py, a in
                guard px >= 0, py >= 0, px < image.width, py < image.height else { return }
                let i = 3 * (py * image.width + px), t = Int(a)
                image.bytes[i] = UInt8((Int(image.bytes[i]) * (255 - t) + Int(c.r) * t + 127) / 255)
                image.bytes[i + 1] = UInt8((Int(image.bytes[i + 1]) * (255 - t) + Int(c.g) * t + 127) / 255)
                image.bytes[i + 2] = UInt8((Int(image.bytes[i + 2]) * (255 - t) + Int(c.b) * t + 127) / 255)
            }
            return
        }
        var penX = x
        for ch in text {
            for (r, bits) in BitmapFont.rows(for: ch).enumerated() where bits != 0 {
                for col in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - col)) != 0 {
                    fillRect(x: penX + col * scale, y: y + r * scale, width: scale, height: scale, c)
                }
            }
            penX += BitmapFont.advance * scale
        }
    }

    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), thickness: Int = 1, _ c: RGB) {
        let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let x = Int((a.x + (b.x - a.x) * t).rounded(.down)), y = Int((a.y + (b.y - a.y) * t).rounded(.down))
            fillRect(x: x - (thickness - 1) / 2, y: y - (thickness - 1) / 2, width: thickness, height: thickness, c)
        }
    }
}
