@testable import Figures
import Foundation
import Rendering
import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// Follow-up pictures draw the fade the model computes, measured on the close-up's pixels: how
/// much darker than skin the dots make the picture (mean absorbance) falls with the pigment the
/// model says is left, and each dot's colour moves away from its healed colour. A follow-up
/// drawn with the healed dots (the look of session 3 reused) fails both.
@Suite("Follow-up pictures show the fade")
struct FadedPictureTests {
    /// The demo's close-up after session 3, and at each follow-up after it.
    static let closeUps: (healed: RGBImage, faded: [(day: Double, image: RGBImage, followUp: FollowUp)]) = {
        let r = Fixtures.demo
        let centre = AppearanceRenderer.patchCentre(r, position: r.plan.previewPosition)
        let renderer = AppearanceRenderer(result: r)
        let healed = renderer.patch(after: 3, centre: centre)
        let faded = r.outlook!.followUps.filter { $0.sessions.count == 3 }.map { f in
            var follow = renderer
            follow.faded = f.sessions
            follow.followUpDay = f.day
            return (f.day, follow.patch(after: 3, centre: centre), f)
        }
        return (healed, faded)
    }()

    static func luminance(_ image: RGBImage, _ k: Int) -> Double {
        0.2126 * Double(LinearRGB.decode(image.bytes[3 * k])) + 0.7152 * Double(LinearRGB.decode(image.bytes[3 * k + 1]))
            + 0.0722 * Double(LinearRGB.decode(image.bytes[3 * k + 2]))
    }

    /// Mean absorbance −ln(Y / Y_skin) over the picture; lighter-than-skin pixels count 0.
    static func darkness(_ image: RGBImage, skin: Double) -> Double {
        let n = image.width * image.height
        return (0..<n).reduce(0.0) { $0 + max(0, -Foundation.log(luminance(image, $1) / skin)) } / Double(n)
    }

    /// The skin the close-up is drawn on: its background colour as seen, i.e. with the surface
    /// reflection the renderer adds to every pixel, encoded as the picture encodes it. Not the
    /// median pixel: each dot's point-spread reaches 1.8 mm, so between dots the skin carries a
    /// faint tint of their halos, and a tinted baseline would hide part of the fade. (Measured
    /// against the skin without its surface reflection, as this test once did, every bare pixel
    /// reads lighter than "skin" and a dot's halo counts nothing until it darkens past the
    /// reflection, which made the 5-year picture look 23 % too light.)
    static var skin: Double {
        let c = LinearRGB(AppearanceRenderer(result: Fixtures.demo).skinColour), lift = Float(SurfaceReflection.viewingShare)
        func seen(_ v: Float) -> Double { Double(LinearRGB.decode(LinearRGB.encode(v + lift))) }
        return 0.2126 * seen(c.r) + 0.7152 * seen(c.g) + 0.0722 * seen(c.b)
    }

    /// Each follow-up's drawn darkness ÷ the healed close-up's, and the model's pigment left
    /// (weighted by each session's share of the dots in the picture's plan).
    static let darknessSteps: [(day: Double, darkness: Double, drawn: Double, retained: Double)] = {
        let r = Fixtures.demo
        let healed = darkness(closeUps.healed, skin: skin)
        let counts = (1...3).map { s in Double(r.impressions.filter { Int($0.session) == s }.count) }
        return closeUps.faded.map { (day, image, f) in
            let d = darkness(image, skin: skin)
            let retained = zip(f.sessions, counts).reduce(0.0) { $0 + $1.0.retained * $1.1 } / counts.reduce(0, +)
            return (day, d, d / healed, retained)
        }
    }()

    @Test("the dots' darkness falls step by step with the pigment left, within 20 % of the fade model up to 5 years")
    func darknessFollowsRetention() throws {
        let healed = Self.darkness(Self.closeUps.healed, skin: Self.skin)
        #expect(healed > 0.02, "the healed close-up shows no dots: \(healed)")
        var previous = healed
        for step in Self.darknessSteps {
            #expect(step.darkness < previous, "day \(step.day): darkness \(step.darkness) not below the step before (\(previous))")
            #expect(abs(step.drawn / step.retained - 1) < 0.2, "day \(step.day): drawn darkness \(step.drawn) of healed, model's pigment left \(step.retained)")
            previous = step.darkness
        }
        #expect(try #require(Self.darknessSteps.last).day == 1825)
    }

    @Test("at 5 years the dots' colour has moved by a good part of what the model says (ΔE00 on the dot pixels)")
    func colourMoves() throws {
        let five = try #require(Self.closeUps.faded.last)
        #expect(five.day == 1825)
        let healed = Self.closeUps.healed, faded = five.image
        let skin = Self.skin
        // A dot's core: pixels its pigment darkens by an absorbance over ¼.
        let dotCore = Foundation.exp(-0.25)
        var sum = 0.0, count = 0
        for k in 0..<(healed.width * healed.height) where Self.luminance(healed, k) < dotCore * skin {
            func lab(_ image: RGBImage) -> Lab {
                Colorimetry.lab(RGB8(r: image.bytes[3 * k], g: image.bytes[3 * k + 1], b: image.bytes[3 * k + 2]))
            }
            sum += deltaE2000(lab(healed), lab(faded))
            count += 1
        }
        #expect(count > 1000, "only \(count) dot pixels in the close-up")
        let drawn = sum / Double(max(1, count))
        // The model's colour change of a broad patch (ΔE00 2.4–4.8 by session); a dot covers part
        // of its pixels, so the drawn change is a fraction of it — but not nothing.
        let model = five.followUp.sessions.map(\.deltaE00ToHealed).reduce(0, +) / Double(five.followUp.sessions.count)
        #expect(drawn >= 0.3 * model, "dot pixels moved ΔE00 \(drawn); the model's patches \(model)")
        let unchanged = Self.darkness(healed, skin: skin) - Self.darkness(faded, skin: skin)
        #expect(unchanged > 0, "the 5-year close-up is not lighter than session 3's")
    }
}
