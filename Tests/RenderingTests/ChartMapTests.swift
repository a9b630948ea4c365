import Foundation
import Testing
@testable import Rendering

@Suite("Chart maps draw what they are given")
struct ChartMapTests {
    let square: [(x: Double, y: Double)] = [(-50, 0), (50, 0), (50, 100), (-50, 100)]

    func raster(_ value: (Double, Double) -> Float) -> ChartRaster {
        let (w, h, cell) = (100, 100, 1.0)
        var values = [Float](repeating: 0, count: w * h)
        for r in 0..<h { for c in 0..<w { values[r * w + c] = value(-50 + Double(c) + 0.5, Double(r) + 0.5) } }
        return ChartRaster(minX: -50, minY: 0, cellSize: cell, width: w, height: h, values: values)
    }

    @Test("heatmap colours follow viridis from 0 to the maximum")
    func heatmapColours() throws {
        // Left half 0, right half at the maximum.
        let density = raster { x, _ in x < 0 ? 0 : 120 }
        let mask = raster { _, _ in 1 }
        let layout = ChartMapLayout(title: "t", pixelsPerMM: 2, textScale: 1)
        let image = ChartMaps.heatmap(density, scalpMask: mask, overlay: ChartOverlay(outline: square),
                                      layout: layout, maxValue: 120, unit: "impressions/cm²")
        let decoded = try PNGCodec.decodeRGBA(PNGCodec.encode(image))
        func colour(atChart x: Double, _ y: Double) -> RGB {
            // Re-derive the frame the renderer used: 4 mm padding, margins from the layout.
            let px = 30 + Int((x - (-54)) * 2), py = 40 + 30 + Int((y - (-4)) * 2)
            let i = 4 * (py * decoded.width + px)
            return RGB(decoded.rgba[i], decoded.rgba[i + 1], decoded.rgba[i + 2])
        }
        #expect(colour(atChart: -25, 50) == RGB(hex: ViridisTable.rgb[0]))
        #expect(colour(atChart: 25, 50) == RGB(hex: ViridisTable.rgb[255]))
    }

    @Test("text draws ink and nothing else")
    func text() {
        var canvas = Canvas(width: 80, height: 20, palette: [.white, .black])
        canvas.text("SMP 110/cm²", x: 1, y: 1, 1)
        let ink = canvas.image.pixels.filter { $0 == 1 }.count
        #expect(ink > 20)
        // Two palette entries only: anti-aliased edges snap to the nearer of ink and paper.
        #expect(Set(canvas.image.pixels).isSubset(of: [0, 1]))
        // The bitmap font's width is 6 px per glyph less one; the real font's is its advances.
        #expect(Canvas.textWidth("SMP", scale: 2) == (Typeface.shared == nil ? 34 : Typeface.shared!.width("SMP", scale: 2)))
    }

    @Test("dot map puts each session in its own colour")
    func dotColours() {
        var dots = SessionDots()
        dots.append(x: -20, y: 50, diameterMM: 0.1, session: 0)
        dots.append(x: 20, y: 50, diameterMM: 0.1, session: 1)
        dots.sessionLabels = ["Session 1", "Session 2"]
        let image = ChartMaps.dotMap(dots, scalpMask: raster { _, _ in 1 }, overlay: ChartOverlay(outline: square),
                                     layout: ChartMapLayout(title: "dots", pixelsPerMM: 2, textScale: 1))
        func colour(_ px: Int, _ py: Int) -> RGB {
            let i = 3 * (py * image.width + px)
            return RGB(image.bytes[i], image.bytes[i + 1], image.bytes[i + 2])
        }
        // Each dot is drawn in its session's colour: the session palette's, the one
        // fade_curves.png and report.html use.
        let px = 30 + Int((-20 - (-54)) * 2.0), py = 70 + Int((50 - (-4)) * 2.0)
        let qx = 30 + Int((20 - (-54)) * 2.0)
        #expect(colour(px, py) == SessionPalette.colour(session: 1))
        #expect(colour(qx, py) == SessionPalette.colour(session: 2))
    }

    @Test("edges are anti-aliased: a round scalp edge and a round region boundary pass through intermediate shades, not a staircase")
    func antiAliasedEdges() {
        // A smooth cone whose 0.5 contour is a circle of radius 30 mm around (0, 50), on 1 mm
        // cells drawn at 4 px/mm, so a staircase would show 4-pixel steps.
        let mask = raster { x, y in Float(max(0, min(1, 0.5 + (30 - ((x * x + (y - 50) * (y - 50)).squareRoot())) / 4))) }
        let labels = raster { x, y in (x * x + (y - 50) * (y - 50)).squareRoot() < 15 ? 2 : 1 }
        let overlay = ChartOverlay(outline: square, regionLabels: labels, regionNames: [])
        let layout = ChartMapLayout(title: "t", pixelsPerMM: 4, textScale: 1)
        let density = raster { _, _ in 120 }
        let image = ChartMaps.heatmap(density, scalpMask: mask, overlay: overlay, layout: layout, maxValue: 120, unit: "u")
        let frameLeft = 30, frameTop = 70
        func colour(atChart x: Double, _ y: Double) -> RGB {
            let px = frameLeft + Int(((x + 54) * 4).rounded(.down)), py = frameTop + Int(((y + 4) * 4).rounded(.down))
            let i = 3 * (py * image.width + px)
            return RGB(image.bytes[i], image.bytes[i + 1], image.bytes[i + 2])
        }
        let inside = RGB(hex: ViridisTable.rgb[255]), outside = ChartPalette.offScalp
        #expect(colour(atChart: 0, 50 + 20) == inside)
        #expect(colour(atChart: 0, 50 + 40) == outside)
        // Along rays at many angles, the scalp edge is found at 30 mm within half a pixel, and
        // somewhere on each ray a pixel lies strictly between the two colours (coverage).
        var mixed = 0
        for k in 0..<24 {
            let angle = Double(k) * Double.pi / 12
            var lastInside = 0.0
            var sawMix = false
            for step in 0..<200 {
                let r = 25 + Double(step) * 0.05
                let c = colour(atChart: r * cos(angle), 50 + r * sin(angle))
                if c == inside { lastInside = r } else if c != outside { sawMix = true }
            }
            #expect(abs(lastInside - 30) < 0.5, "edge at \(lastInside) mm on ray \(k)")
            if sawMix { mixed += 1 }
        }
        #expect(mixed >= 20)
        // The region boundary: white (or nearly) close to radius 15 on every ray, viridis-yellow a
        // millimetre away on both sides.
        for k in 0..<24 {
            let angle = Double(k) * Double.pi / 12
            let near = (0..<9).map { colour(atChart: (14.5 + Double($0) * 0.125) * cos(angle), 50 + (14.5 + Double($0) * 0.125) * sin(angle)) }
            #expect(near.contains { Int($0.b) > Int(inside.b) + 60 }, "no boundary near 15 mm on ray \(k): \(near.map(\.hexString))")
            #expect(colour(atChart: 13.5 * cos(angle), 50 + 13.5 * sin(angle)) == inside)
            #expect(colour(atChart: 16.5 * cos(angle), 50 + 16.5 * sin(angle)) == inside)
        }
    }
}

@Suite("Canvas primitives stay inside the image")
struct CanvasClippingTests {
    @Test("discs and lines partly or wholly off the canvas are clipped, not crashed on")
    func clipping() {
        var canvas = Canvas(width: 10, height: 10, palette: [.white, .black])
        canvas.fillDisc(cx: -3, cy: 5, radius: 2, 1)      // wholly left of the canvas
        canvas.fillDisc(cx: 5, cy: 50, radius: 2, 1)      // wholly below
        #expect(canvas.image.pixels.allSatisfy { $0 == 0 })
        canvas.fillDisc(cx: 0, cy: 0, radius: 3, 1)       // a quarter inside
        #expect(canvas.image.pixels[0] == 1 && canvas.image.pixels[99] == 0)
        canvas.line(from: (-20, -20), to: (30, 30), thickness: 3, 1)
        #expect(canvas.image.pixels[5 * 10 + 5] == 1)
    }
}
