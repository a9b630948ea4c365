import Testing
@testable import Rendering

@Suite("Palette quantizer: exact for few colours, close and deterministic for many")
struct PaletteQuantizerTests {
    static func image(width: Int, height: Int, _ colour: (Int, Int) -> RGB) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let c = colour(x, y), i = 3 * (y * width + x)
                image.bytes[i] = c.r; image.bytes[i + 1] = c.g; image.bytes[i + 2] = c.b
            }
        }
        return image
    }

    static func expand(_ q: IndexedImage) -> [UInt8] { q.rgbBytes() }

    @Test("an image of at most 256 colours round-trips exactly")
    func exact() {
        let image = Self.image(width: 64, height: 40) { x, y in RGB(UInt8(x * 4), UInt8((y % 4) * 60), 7) }
        let q = PaletteQuantizer.quantize(image)
        #expect(q.palette.count == 64 * 4)
        #expect(Self.expand(q) == image.bytes)
    }

    @Test("a smooth ramp of many colours maps within a few levels of each pixel, the same way every time")
    func manyColours() {
        // A 2-D ramp over red and green: 256 × 64 distinct colours, far more than 256.
        let image = Self.image(width: 256, height: 64) { x, y in RGB(UInt8(x), UInt8(y * 4), 128) }
        let q = PaletteQuantizer.quantize(image)
        #expect(q.palette.count == 256)
        let out = Self.expand(q)
        var worst = 0
        for i in 0..<out.count { worst = max(worst, abs(Int(out[i]) - Int(image.bytes[i]))) }
        // 256 boxes over a 256 × 64 area of the red–green plane: about 16 × 16 levels each.
        #expect(worst <= 16, "largest channel error \(worst)")
        #expect(PaletteQuantizer.quantize(image) == q)
    }

    @Test("a colour that covers most pixels keeps its exact value")
    func dominantColour() {
        let paper = RGB(236, 236, 236)
        let image = Self.image(width: 200, height: 100) { x, y in x < 150 ? paper : RGB(UInt8(x), UInt8(y), UInt8((x * y) % 256)) }
        let q = PaletteQuantizer.quantize(image)
        #expect(q.palette[Int(q.pixels[0])] == paper)
    }
}
