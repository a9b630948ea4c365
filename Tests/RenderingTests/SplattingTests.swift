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

@Suite("Absorber dots and the distance blur")
struct AbsorberTests {
    static let profile: [Float] = [1.0, 0.8, 0.5, 0.2, 0.05, 0]

    @Test("overlapping dots add in absorbance: transmissions multiply")
    func absorbanceAdds() {
        let bg = RGB(200, 180, 160)
        var a = AbsorberLayer(absorbanceR: Self.profile, absorbanceG: Self.profile, absorbanceB: Self.profile, stepMM: 0.05)
        var b = a
        a.append(x: 0, y: 0)
        b.append(x: 0, y: 0)
        let single = SkinPatchRenderer.render(background: bg, layers: [], absorbers: [a], centreX: 0, centreY: 0,
                                              widthMM: 1, heightMM: 1, pixelsPerMM: 20)
        let double = SkinPatchRenderer.render(background: bg, layers: [], absorbers: [a, b], centreX: 0, centreY: 0,
                                              widthMM: 1, heightMM: 1, pixelsPerMM: 20)
        let k = 3 * (10 * 20 + 10)
        let background = LinearRGB.decode(bg.r)
        let t1 = LinearRGB.decode(single.bytes[k]) / background, t2 = LinearRGB.decode(double.bytes[k]) / background
        #expect(abs(t2 - t1 * t1) < 0.02, "one dot \(t1), two \(t2), expected \(t1 * t1)")
        // Beyond the profile's reach the background is untouched.
        #expect(single.bytes[0] == bg.r && single.bytes[1] == bg.g)
    }

    @Test("the surface reflection lifts every pixel by the same linear amount")
    func surfaceLift() {
        let bg = RGB(120, 100, 90)
        let plain = SkinPatchRenderer.render(background: bg, layers: [], centreX: 0, centreY: 0, widthMM: 1, heightMM: 1, pixelsPerMM: 4)
        let lifted = SkinPatchRenderer.render(background: bg, layers: [], surfaceReflectance: 0.03, centreX: 0, centreY: 0,
                                              widthMM: 1, heightMM: 1, pixelsPerMM: 4)
        #expect(abs(LinearRGB.decode(lifted.bytes[0]) - LinearRGB.decode(plain.bytes[0]) - 0.03) < 0.004)
    }

    @Test("the Gaussian blur keeps a flat image flat and spreads a point symmetrically")
    func blur() {
        var flat = RGBImage(width: 20, height: 10, fill: RGB(90, 90, 90))
        #expect(GaussianBlur.apply(flat, sigmaPixels: 2) == flat)
        flat.bytes[3 * (5 * 20 + 10)] = 255
        let spread = GaussianBlur.apply(flat, sigmaPixels: 2)
        #expect(spread.bytes[3 * (5 * 20 + 10)] < 255 && spread.bytes[3 * (5 * 20 + 12)] > 90)
        #expect(spread.bytes[3 * (5 * 20 + 12)] == spread.bytes[3 * (5 * 20 + 8)])
        let up = spread.upscaled(by: 2)
        #expect(up.width == 40 && up.height == 20)
    }
}
