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

    /// Mean absorbance −ln(Y / Y_skin) over the picture, with the median pixel (most of the
    /// close-up is bare skin) as skin; lighter-than-skin pixels count 0.
    static func darkness(_ image: RGBImage, skin: Double) -> Double {
        let n = image.width * image.height
        return (0..<n).reduce(0.0) { $0 + max(0, -Foundation.log(luminance(image, $1) / skin)) } / Double(n)
    }

    static var skin: Double {
        let image = closeUps.healed
        return (0..<(image.width * image.height)).map { luminance(image, $0) }.sorted()[image.width * image.height / 2]
    }

    @Test("the dots' darkness falls step by step with the pigment left, within 20 % of the fade model")
    func darknessFollowsRetention() {
        let r = Fixtures.demo
        let skin = Self.skin
        let healed = Self.darkness(Self.closeUps.healed, skin: skin)
        #expect(healed > 0.005, "the healed close-up shows no dots: \(healed)")
        var previous = healed
        for (day, image, f) in Self.closeUps.faded {
            let d = Self.darkness(image, skin: skin)
            // Pigment left, weighted by each session's share of the dots in the picture's plan.
            let counts = (1...3).map { s in Double(r.impressions.filter { Int($0.session) == s }.count) }
            let retained = zip(f.sessions, counts).reduce(0.0) { $0 + $1.0.retained * $1.1 } / counts.reduce(0, +)
            let ratio = d / healed
            #expect(d < previous, "day \(day): darkness \(d) not below the step before (\(previous))")
            #expect(abs(ratio / retained - 1) < 0.2, "day \(day): drawn darkness \(ratio) of healed, model's pigment left \(retained)")
            previous = d
        }
    }

    @Test("at 5 years the dots' colour has moved by a good part of what the model says (ΔE00 on the dot pixels)")
    func colourMoves() throws {
        let five = try #require(Self.closeUps.faded.last)
        #expect(five.day == 1825)
        let healed = Self.closeUps.healed, faded = five.image
        let skin = Self.skin
        var sum = 0.0, count = 0
        for k in 0..<(healed.width * healed.height) where Self.luminance(healed, k) < 0.85 * skin {
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
