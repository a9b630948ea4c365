import Testing
@testable import Rendering

@Suite("Dot splatting in linear light")
struct SplattingTests {
    func render(softness: Double, radius: Float = 0.5) -> RGBImage {
        var layer = SplatLayer(colour: .black, softnessMM: softness)
        layer.append(x: 0, y: 0, radiusMM: radius)
        return SkinPatchRenderer.render(background: .white, layers: [layer], centreX: 0, centreY: 0,
                                        widthMM: 4, heightMM: 4, pixelsPerMM: 20)
    }

    func grey(_ image: RGBImage, _ x: Int, _ y: Int) -> UInt8 { image.bytes[3 * (y * image.width + x)] }

    @Test("a black dot is black at its centre, white far away, and half-way at its rim")
    func profile() {
        let image = render(softness: 0.05)
        #expect(image.width == 80 && image.height == 80)
        #expect(grey(image, 40, 40) < 5)
        #expect(grey(image, 2, 2) == 255)
        // Opacity is 1/2 exactly at the rim (0.5 mm = 10 px out), linear 0.5 → sRGB ≈ 188: the
        // pixel just inside the rim (centre 0.475 mm out) is darker, the one just outside lighter.
        #expect(grey(image, 49, 40) < 188 && grey(image, 50, 40) > 188)
    }

    @Test("softer rims spread the same dot wider and lighter at the edge")
    func softness() {
        let sharp = render(softness: 0.02), soft = render(softness: 0.2)
        // Outside the core (0.7 mm out) the soft dot darkens the skin, the sharp one does not.
        #expect(grey(sharp, 54, 40) == 255)
        #expect(grey(soft, 54, 40) < 250)
        // Just inside the core the soft dot is lighter than the sharp one.
        #expect(grey(soft, 48, 40) > grey(sharp, 48, 40))
    }

    @Test("sRGB transfer round-trips every 8-bit value")
    func transfer() {
        for v in 0...255 { #expect(LinearRGB.encode(LinearRGB.decode(UInt8(v))) == UInt8(v)) }
    }

    @Test("the table-driven encoder is within one code of the exact curve everywhere")
    func tableAccuracy() {
        var worst = 0
        for i in 0...100_000 {
            let v = Float(i) / 100_000
            worst = max(worst, abs(Int(LinearRGB.encode(v)) - Int(LinearRGB.encodeExact(v))))
        }
        #expect(worst <= 1)
    }
}
