@testable import Figures
import Foundation
import Rendering
import Simulation
import SimulationFixtures
import Testing

/// One colour per session in every figure of a plan (issue 21, item 6).
@Suite("Figure colours: a session keeps its colour across figures")
struct FigureColourTests {
    /// Pixels of each exact colour in a PNG.
    static func histogram(_ png: [UInt8]) throws -> [RGB: Int] {
        let d = try PNGCodec.decodeRGBA(png)
        var out: [RGB: Int] = [:]
        for i in stride(from: 0, to: d.rgba.count, by: 4) { out[RGB(d.rgba[i], d.rgba[i + 1], d.rgba[i + 2]), default: 0] += 1 }
        return out
    }

    @Test("session k's dots in the dot map, its lines in fade_curves.png and its keys in report.html share one colour")
    func sessionColourAcrossFigures() throws {
        let r = Fixtures.demo
        let maps = ChartMapRenderer(result: r)
        let one = try Self.histogram(maps.dotsPNG(after: r.sessions[0]))
        let three = try Self.histogram(maps.dotsPNG(after: r.sessions[2]))
        let curves = try Self.histogram(FadeCurvesFigure.png(r, r.outlook!))
        for k in 1...3 {
            let c = SessionPalette.colour(session: k)
            // Each dot is a 2 × 2 block: thousands of pixels per session after session 3.
            #expect(three[c, default: 0] > 4 * r.sessions[k - 1].newImpressions / 2, "session \(k) dots")
            // Two charts (ΔE00 and retained) with a 4 px line each, plus the legend keys.
            #expect(curves[c, default: 0] > 2_000, "session \(k) lines in fade_curves.png: \(curves[c, default: 0]) px")
        }
        // After session 1 only session 1's colour is on the map (dots and legend).
        #expect(one[SessionPalette.colour(session: 1), default: 0] > 2 * r.sessions[0].newImpressions)
        #expect(one[SessionPalette.colour(session: 2)] == nil && one[SessionPalette.colour(session: 3)] == nil)

        let page = String(decoding: HTMLReport.page(r, images: [:]), as: UTF8.self)
        for k in 1...3 {
            #expect(page.contains("<span class=\"key\" style=\"background:\(SessionPalette.hex(session: k))\"></span>\(k)</td>"), "session \(k) key")
        }
    }

    @Test("the appearance and head-view swatches carry each session's key beside its modelled colour")
    func swatchKeys() throws {
        let r = Fixtures.demo
        let looks = AppearanceRenderer(result: r)
        let head = try Self.histogram(HeadViewRenderer(result: r, looks: looks).png(after: 2))
        #expect(head[SessionPalette.colour(session: 1), default: 0] >= 64 && head[SessionPalette.colour(session: 2), default: 0] >= 64)
        #expect(head[SessionPalette.colour(session: 3)] == nil)
        // The healed colour itself, as seen (surface reflection added), is still the swatch's fill.
        #expect(head[AppearanceRenderer.asSeen(r.colours.sessions[0].lab), default: 0] >= 400)
    }
}
