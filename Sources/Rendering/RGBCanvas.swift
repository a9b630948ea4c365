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

    /// Mixes `c` into the pixel at (x, y) by `alpha` (0…1), in linear light.
    @inlinable
    public mutating func blend(_ x: Int, _ y: Int, _ c: RGB, _ alpha: Float) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        let i = 3 * (y * image.width + x)
        image.bytes.withUnsafeMutableBufferPointer { Self.blend($0, at: i, c, alpha) }
    }

    /// Mixes `c` by `alpha` into the RGB pixel whose first byte is `bytes[k]`, in linear light;
    /// `alpha` ≥ 1 writes `c`. For loops that hold the image's bytes themselves.
    @inlinable
    public static func blend(_ bytes: UnsafeMutableBufferPointer<UInt8>, at k: Int, _ c: RGB, _ alpha: Float) {
        if alpha >= 1 { bytes[k] = c.r; bytes[k + 1] = c.g; bytes[k + 2] = c.b; return }
        let mixed = LinearRGB(RGB(bytes[k], bytes[k + 1], bytes[k + 2])).mixed(with: LinearRGB(c), alpha)
        bytes[k] = LinearRGB.encode(mixed.r)
        bytes[k + 1] = LinearRGB.encode(mixed.g)
        bytes[k + 2] = LinearRGB.encode(mixed.b)
    }

    /// A filled disc, anti-aliased: each pixel takes `c` by how far its centre lies inside the
    /// radius (a one-pixel ramp), so a dot of a few pixels reads round.
    public mutating func fillDisc(cx: Double, cy: Double, radius r: Double, _ c: RGB) {
        let x0 = max(0, Int((cx - r - 1).rounded(.down))), x1 = min(image.width - 1, Int((cx + r + 1).rounded(.up)))
        let y0 = max(0, Int((cy - r - 1).rounded(.down))), y1 = min(image.height - 1, Int((cy + r + 1).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        for py in y0...y1 {
            for px in x0...x1 {
                let dx = Double(px) + 0.5 - cx, dy = Double(py) + 0.5 - cy
                let cover = Float(min(1, max(0, r + 0.5 - (dx * dx + dy * dy).squareRoot())))
                if cover > 0 { blend(px, py, c, cover) }
            }
        }
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
    /// With `halo`, a one-pixel outline in that colour first, so labels read over busy maps.
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int = 1, _ c: RGB, halo: RGB? = nil) {
        if let halo {
            var covered: [(Int, Int)] = []
            if let font = Typeface.shared {
                font.draw(text, x: x, y: y, scale: scale) { px, py, a in if a >= 64 { covered.append((px, py)) } }
            }
            for (px, py) in covered {
                for dy in -1...1 { for dx in -1...1 { set(px + dx, py + dy, halo) } }
            }
        }
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

    /// An anti-aliased polyline `width` pixels wide: each pixel takes the line colour by its
    /// coverage, 1 within width / 2 of the nearest segment falling to 0 one pixel further
    /// (the largest over the segments, so joints are not drawn twice), blended in linear light.
    public mutating func strokePolyline(_ points: [(x: Double, y: Double)], closed: Bool = false, width: Double = 1, _ c: RGB) {
        guard points.count >= 2 else { return }
        let reach = width / 2 + 0.5
        let minX = max(0, Int((points.map(\.x).min()! - reach).rounded(.down)))
        let maxX = min(image.width - 1, Int((points.map(\.x).max()! + reach).rounded(.up)))
        let minY = max(0, Int((points.map(\.y).min()! - reach).rounded(.down)))
        let maxY = min(image.height - 1, Int((points.map(\.y).max()! + reach).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let bw = maxX - minX + 1
        var coverage = [Float](repeating: 0, count: bw * (maxY - minY + 1))
        let count = closed ? points.count : points.count - 1
        for k in 0..<count {
            let a = points[k], b = points[(k + 1) % points.count]
            let dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy
            let x0 = max(minX, Int((min(a.x, b.x) - reach).rounded(.down))), x1 = min(maxX, Int((max(a.x, b.x) + reach).rounded(.up)))
            let y0 = max(minY, Int((min(a.y, b.y) - reach).rounded(.down))), y1 = min(maxY, Int((max(a.y, b.y) + reach).rounded(.up)))
            guard x0 <= x1, y0 <= y1 else { continue }
            for py in y0...y1 {
                for px in x0...x1 {
                    let qx = Double(px) + 0.5 - a.x, qy = Double(py) + 0.5 - a.y
                    let t = length2 > 0 ? min(1, max(0, (qx * dx + qy * dy) / length2)) : 0
                    let ex = qx - t * dx, ey = qy - t * dy
                    let cover = Float(min(1, max(0, reach - (ex * ex + ey * ey).squareRoot())))
                    let i = (py - minY) * bw + (px - minX)
                    if cover > coverage[i] { coverage[i] = cover }
                }
            }
        }
        for py in minY...maxY {
            for px in minX...maxX {
                let cover = coverage[(py - minY) * bw + (px - minX)]
                guard cover > 0 else { continue }
                blend(px, py, c, cover)
            }
        }
    }
}
