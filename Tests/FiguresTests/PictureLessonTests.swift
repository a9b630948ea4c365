@testable import Figures
import Foundation
import Rendering
import Simulation
import SimulationFixtures
import SkinOptics
import Testing

/// The pictures teach the right lesson: a sound plan reads as discrete grey dots and, at a
/// distance, as a light tone; the mistakes look wrong (too close: darker; too deep: gone;
/// too fast: merged). Measured on the rendered pixels, in linear light.
@Suite("Pictures that teach the right lesson")
struct PictureLessonTests {
    /// Mean linear luminance and the spread (standard deviation) of an image's pixels.
    static func stats(_ image: RGBImage) -> (mean: Double, darkest: Double, brightest: Double) {
        var sum = 0.0, darkest = 1.0, brightest = 0.0
        let n = image.width * image.height
        for k in 0..<n {
            let y = 0.2126 * Double(LinearRGB.decode(image.bytes[3 * k])) + 0.7152 * Double(LinearRGB.decode(image.bytes[3 * k + 1]))
                + 0.0722 * Double(LinearRGB.decode(image.bytes[3 * k + 2]))
            sum += y; darkest = min(darkest, y); brightest = max(brightest, y)
        }
        return (sum / Double(n), darkest, brightest)
    }

    static func macro(_ r: SimulationResult, session: Int) -> RGBImage {
        let looks = AppearanceRenderer(result: r)
        let centre = AppearanceRenderer.patchCentre(r, position: r.plan.previewPosition)
        // The macro drawing without its scale bar.
        return looks.render(after: session, centre: (centre.x, centre.y + 5), widthMM: AppearanceRenderer.macroWidthMM,
                            heightMM: AppearanceRenderer.macroHeightMM, pixelsPerMM: AppearanceRenderer.macroPixelsPerMM)
    }

    static func distance(_ r: SimulationResult, session: Int) -> RGBImage {
        let looks = AppearanceRenderer(result: r)
        let centre = AppearanceRenderer.patchCentre(r, position: r.plan.previewPosition)
        return looks.atDistance(after: session, centre: (centre.x, centre.y + 5))
    }

    @Test("macro view: the demo's dots span ≥ 8 px and are discrete grey dots, not black specks")
    func demoMacro() {
        let image = Self.macro(Fixtures.demo, session: 3)
        #expect(image.width == 640 && image.height == 480)
        let fwhm = Fixtures.demo.colours.sessions[2].dot.apparentFWHMMM * AppearanceRenderer.macroPixelsPerMM
        #expect(fwhm >= 8, "a dot spans \(fwhm) px")
        let s = Self.stats(image)
        // Grey, not black: the darkest pixel (a dot's centre, or two touching) keeps over a
        // third of the skin's light; discrete: most of the picture is skin.
        #expect(s.darkest > 0.33 * s.brightest, "darkest \(s.darkest), skin \(s.brightest)")
        #expect(s.darkest < 0.8 * s.brightest, "the dots must show: darkest \(s.darkest), skin \(s.brightest)")
        #expect(s.mean > 0.9 * s.brightest, "mean \(s.mean), skin \(s.brightest)")
    }

    @Test("at a distance the too-close plan reads darker than the sound one; the too-deep one all but vanishes")
    func distanceLesson() {
        let sound = Self.stats(Self.distance(Fixtures.demo, session: 3))
        let close = Self.stats(Self.distance(Fixtures.tooClose, session: 3))
        let deep = Self.stats(Self.distance(Fixtures.tooDeep, session: 3))
        let bare = Self.stats(Self.distance(Fixtures.demo, session: 1))
        #expect(close.mean < sound.mean * 0.97, "too close \(close.mean), sound \(sound.mean)")
        #expect(deep.mean > sound.mean, "too deep \(deep.mean) should be lighter than sound \(sound.mean)")
        #expect(sound.mean < bare.mean, "three layers darker than one")
    }

    @Test("too fast: merges read as merged (two touching dots are one blot darker than either alone)")
    func mergesLookMerged() {
        let look = Fixtures.tooFast.colours.sessions[0].dot
        let renderer = AppearanceRenderer(result: Fixtures.tooFast)
        var one = renderer.dotAbsorber(session: 0), two = renderer.dotAbsorber(session: 0)
        one.append(x: 0, y: 0)
        two.append(x: -0.1, y: 0); two.append(x: 0.1, y: 0)
        let skin = renderer.skinColour
        func render(_ layer: AbsorberLayer) -> RGBImage {
            SkinPatchRenderer.render(background: skin, layers: [], absorbers: [layer], centreX: 0, centreY: 0,
                                     widthMM: 1, heightMM: 1, pixelsPerMM: 64)
        }
        let a = render(one), b = render(two)
        let mid = 3 * (32 * 64 + 32)
        // Between two dots 0.2 mm apart the skin does not come back: darker than one dot's centre.
        #expect(b.bytes[mid + 1] < a.bytes[mid + 1])
        #expect(look.apparentFWHMMM > 0.2)
    }
}

@Suite("Needle groupings in plans")
struct GroupingPlanTests {
    /// The demo plan with its first session's line replaced by `session`.
    static func plan(firstSession session: String, oily: Bool = false) throws -> URL {
        var text = try String(contentsOf: Fixtures.dataRoot.appendingPathComponent("plans/norwood-v-three-sessions.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex { $0.contains("{day: 0,") })
        var edited = lines
        edited[i] = "  - " + session
        text = edited.joined(separator: "\n")
        if oily { text = text.replacingOccurrences(of: "skin_oiliness: normal", with: "skin_oiliness: oily") }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grouping-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a 3RL session heals to a wider column and a wider, darker dot than 1RL")
    func threeRL() throws {
        let url = try Self.plan(firstSession: "{day: 0, fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 0.6, dilution: 0.5, grouping: 3RL}")
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try Fixtures.engine.simulate(Fixtures.engine.planReader.read(contentsOf: url), source: url.path)
        #expect(r.plan.sessions[0].grouping == .rl3)
        #expect(r.sessions[0].healedDiameterMM > 2 * Fixtures.demo.sessions[0].healedDiameterMM)
        #expect(r.colours.sessions[0].dot.apparentFWHMMM > Fixtures.demo.colours.sessions[0].dot.apparentFWHMMM)
        #expect(r.colours.sessions[0].dot.centreLab.L < Fixtures.demo.colours.sessions[0].dot.centreLab.L)
    }

    @Test("an unknown grouping and a column beyond the modelled range are errors naming the field")
    func badGrouping() throws {
        let unknown = try Self.plan(firstSession: "{day: 0, fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 0.6, grouping: 9RL}")
        defer { try? FileManager.default.removeItem(at: unknown) }
        #expect {
            try Fixtures.engine.planReader.read(contentsOf: unknown)
        } throws: { error in
            let text = "\(error)"
            return text.contains("sessions[0].grouping") && text.contains("1RL, 3RL, 5RL")
        }
        let wide = try Self.plan(firstSession: "{day: 0, fraction_of_target: 0.3, needle_mm: 0.6, depth_mm: 0.6, grouping: 5RL}", oily: true)
        defer { try? FileManager.default.removeItem(at: wide) }
        #expect {
            try Fixtures.engine.simulate(Fixtures.engine.planReader.read(contentsOf: wide), source: wide.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("sessions[0].needle_mm") && text.contains("outside the modelled") && text.contains("1.3 mm")
        }
    }
}
