import Foundation
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

/// The client's head seen from the front, the right side and above, as a trainer and a client
/// judge SMP: the fitted head ellipsoid (`HeadChart`) with a face, ears and neck around it
/// (`HeadShape`), orthographic, shaded, with the scalp in the colours of the whole-head preview
/// — skin, shaved residual hair and each layer's healed dots as the area mean of the close-up's
/// drawing with one texture-to-tone gain (`AppearanceRenderer.surfaceCells`), i.e. the look at
/// conversational distance. What each pixel shows is `HeadViews+Sampling.swift`. Off the chart
/// the head is bare skin, with brows and eyes as landmarks so the hairline's height reads at a
/// glance. The front view runs from above the vertex to below the eyes; the side view on to the
/// nose, the whole ear and the top of the neck.
///
/// Edges are anti-aliased: each view's geometry is sampled once per pixel centre, and pixels
/// whose neighbours show another part (background, head, ear, eye, lid) are sampled again on a
/// 4 × 4 grid and averaged in linear light. Chart cells are read bilinearly, so treated zones,
/// residual hair and scars have no stair-steps either.
///
/// The geometry (which surface point, which chart position, how it is lit) does not depend on
/// the session, so it is built once per plan (`Layout`): a session's picture only reads the
/// cells' colours at the stored chart positions.
///
/// Display **assumptions**: Lambert shading with a light from the upper front-left plus 40 %
/// ambient, in linear light; the hair at the chart's lower edge (temples, sideburns, nape)
/// thins out over the last 3 mm of skin rather than stopping at a line (natural hairlines are
/// soft); ears and eyes in fixed colours (`HeadViewRenderer.earTint`, `eyeColours`).
struct HeadViewRenderer: Sendable {
    let result: SimulationResult
    let looks: AppearanceRenderer
    let shape: HeadShape
    let skin: LinearRGB
    let brow: LinearRGB
    /// Geometry of each view, in `View.allCases` order.
    private(set) var layouts: [Layout]

    /// Image scale, pixels per mm of head.
    static let pixelsPerMM = 1.85
    /// Subsamples per side at edge pixels.
    static let subsamples = 4
    /// Width of the soft lower edge of the hair (mm of skin): **assumption**.
    static let hairFeatherMM = 3.0
    /// Front view ends this fraction of the vertical semi-axis below the brow plane (below the
    /// eyes); the side view, lower, shows the nose, the ear and the turn into the neck.
    static let frontCropBelow = 0.42
    static let sideCropBelow = 0.7
    static let background = RGB(236, 236, 238)

    enum View: String, CaseIterable, Sendable {
        case front, side, top
    }

    /// One view's geometry: per pixel, the colour that does not depend on the session (lit
    /// skin, features, background, already weighted by coverage) plus the chart samples whose
    /// cell colours add to it, `weight` × bilinear cell colour.
    struct Layout: Sendable {
        let width: Int
        let height: Int
        /// Linear RGB, 3 per pixel.
        var fixed: [Float]
        /// Samples of pixel i are `start[i]..<start[i + 1]`.
        var start: [Int32]
        /// Chart position in grid cells (cell centres at integers) and weight.
        var gridX: [Float], gridY: [Float], weight: [Float]
    }

    /// What one point of a view shows: a session-independent colour, and optionally a chart
    /// position whose cell colour is added with `weight`. `part` tells edges apart.
    struct Fragment {
        var fixed: LinearRGB
        var weight: Float = 0
        var gridX: Float = 0, gridY: Float = 0
        var part: Part
    }

    enum Part: UInt8 {
        case background, head, ear, sclera, iris, pupil, catchlight, lid, nose
    }

    init(result: SimulationResult, looks: AppearanceRenderer) {
        self.result = result
        self.looks = looks
        let axes = result.chart.axes
        shape = HeadShape(a: axes.a, b: axes.b, c: axes.c)
        skin = LinearRGB(looks.skinColour)
        brow = LinearRGB(looks.hairColour)
        layouts = []
        let me = self
        layouts = parallelMap(View.allCases, parallel: result.parallel) { view in me.layout(view) }
    }

    // MARK: Frame

    /// Extents around the head's centre on screen (mm): left, right, top, bottom.
    func extents(_ view: View) -> (left: Double, right: Double, top: Double, bottom: Double) {
        let a = shape.a, b = shape.b, c = shape.c
        switch view {
        case .front: return (a + shape.earStandOff + 3, a + shape.earStandOff + 3, c + 6, Self.frontCropBelow * c)
        case .side: return (b + shape.noseReach + 4, b + 4, c + 6, Self.sideCropBelow * c)
        case .top: return (a + shape.earStandOff + 2, a + shape.earStandOff + 2, b + 0.55 * shape.noseReach + 5, b + 5)
        }
    }

    /// Pixel size of a view.
    func size(_ view: View) -> (width: Int, height: Int) {
        let e = extents(view), s = Self.pixelsPerMM
        return (Int(((e.left + e.right) * s).rounded()), Int(((e.top + e.bottom) * s).rounded()))
    }

    /// Where the head's centre falls, in pixels from the top-left corner: the extents' share of
    /// the whole pixel size, so a view framed symmetrically is mirror-symmetric to the pixel.
    func origin(_ view: View) -> (x: Double, y: Double) {
        let e = extents(view), (w, h) = size(view)
        return (Double(w) * e.left / (e.left + e.right), Double(h) * e.top / (e.top + e.bottom))
    }

    /// Light from the viewer's upper left, slightly in front (head coordinates, unit length).
    static func light(_ view: View) -> (Double, Double, Double) {
        switch view {
        case .front: return (0.45, -0.75, 0.48)
        case .side: return (0.75, -0.45, 0.48)
        case .top: return (0.35, -0.45, 0.82)
        }
    }

    // MARK: Layout

    /// Samples a view: every pixel centre, then 4 × 4 subsamples where a neighbour differs.
    func layout(_ view: View) -> Layout {
        let (w, h) = size(view), o = origin(view), s = Self.pixelsPerMM
        func at(_ fx: Double, _ fy: Double) -> Fragment {
            fragment(view, u: (fx - o.x) / s, v: (o.y - fy) / s)
        }
        var centres: [Fragment] = []
        centres.reserveCapacity(w * h)
        for py in 0..<h {
            for px in 0..<w { centres.append(at(Double(px) + 0.5, Double(py) + 0.5)) }
        }
        var fixed = [Float](repeating: 0, count: 3 * w * h)
        var start = [Int32](repeating: 0, count: w * h + 1)
        var gx: [Float] = [], gy: [Float] = [], weight: [Float] = []
        gx.reserveCapacity(w * h)
        gy.reserveCapacity(w * h)
        weight.reserveCapacity(w * h)
        let n = Self.subsamples, share = 1 / Float(n * n)
        for py in 0..<h {
            for px in 0..<w {
                let i = py * w + px
                let centre = centres[i]
                var edge = false
                for dy in -1...1 where py + dy >= 0 && py + dy < h {
                    for dx in -1...1 where px + dx >= 0 && px + dx < w && centres[i + dy * w + dx].part != centre.part {
                        edge = true
                    }
                }
                if edge {
                    var r: Float = 0, g: Float = 0, b: Float = 0
                    for sy in 0..<n {
                        for sx in 0..<n {
                            let f = at(Double(px) + (Double(sx) + 0.5) / Double(n), Double(py) + (Double(sy) + 0.5) / Double(n))
                            r += f.fixed.r * share
                            g += f.fixed.g * share
                            b += f.fixed.b * share
                            if f.weight > 0 {
                                gx.append(f.gridX)
                                gy.append(f.gridY)
                                weight.append(f.weight * share)
                            }
                        }
                    }
                    fixed[3 * i] = r
                    fixed[3 * i + 1] = g
                    fixed[3 * i + 2] = b
                } else {
                    fixed[3 * i] = centre.fixed.r
                    fixed[3 * i + 1] = centre.fixed.g
                    fixed[3 * i + 2] = centre.fixed.b
                    if centre.weight > 0 {
                        gx.append(centre.gridX)
                        gy.append(centre.gridY)
                        weight.append(centre.weight)
                    }
                }
                start[i + 1] = Int32(weight.count)
            }
        }
        return Layout(width: w, height: h, fixed: fixed, start: start, gridX: gx, gridY: gy, weight: weight)
    }

    // MARK: Pictures

    /// One view after the session whose cell colours are `cells` (linear light, one per chart cell).
    func image(_ view: View, cells: [LinearRGB]) -> RGBImage {
        let layout = layouts[View.allCases.firstIndex(of: view)!]
        let grid = result.scalp.grid
        let gw = grid.width, gh = grid.height
        var image = RGBImage(width: layout.width, height: layout.height, fill: Self.background)
        cells.withUnsafeBufferPointer { cells in
            for i in 0..<(layout.width * layout.height) {
                var r = layout.fixed[3 * i], g = layout.fixed[3 * i + 1], b = layout.fixed[3 * i + 2]
                for k in Int(layout.start[i])..<Int(layout.start[i + 1]) {
                    // Bilinear between the four nearest cell centres, clamped at the grid's edge.
                    let fx = layout.gridX[k], fy = layout.gridY[k]
                    let x0f = fx.rounded(.down), y0f = fy.rounded(.down)
                    let tx = fx - x0f, ty = fy - y0f
                    let x0 = min(gw - 1, max(0, Int(x0f))), x1 = min(gw - 1, max(0, Int(x0f) + 1))
                    let y0 = min(gh - 1, max(0, Int(y0f))), y1 = min(gh - 1, max(0, Int(y0f) + 1))
                    let c00 = cells[y0 * gw + x0], c10 = cells[y0 * gw + x1]
                    let c01 = cells[y1 * gw + x0], c11 = cells[y1 * gw + x1]
                    let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                    let wk = layout.weight[k]
                    r += wk * (c00.r * w00 + c10.r * w10 + c01.r * w01 + c11.r * w11)
                    g += wk * (c00.g * w00 + c10.g * w10 + c01.g * w01 + c11.g * w11)
                    b += wk * (c00.b * w00 + c10.b * w10 + c01.b * w01 + c11.b * w11)
                }
                image.bytes[3 * i] = LinearRGB.encode(r)
                image.bytes[3 * i + 1] = LinearRGB.encode(g)
                image.bytes[3 * i + 2] = LinearRGB.encode(b)
            }
        }
        return image
    }

    /// The words of `head_session<N>.png` (`SheetText`: short in the picture, details as HTML).
    static func text(_ result: SimulationResult, session: Int) -> SheetText {
        let s = result.sessions[session - 1]
        return SheetText(
            title: "The head after session \(session) (day \(CSV.number(s.plan.day)))",
            captions: ["front", "right side", "top"],
            details: [
                "Front: hairline \(CSV.number(result.plan.design.hairline.heightAboveBrowMM)) mm above the brow (\(result.plan.design.hairline.shape.rawValue)); "
                    + "right side: face to the left; top: face at the top.",
                "\(s.totalImpressions) impressions, \(result.plan.client.hairLoss.label), skin \(result.colours.skinName). Seen whole: the close-up's mean tone, "
                    + "contrast ×\(CSV.number(Double(AppearanceRenderer.toneGain))) (a display assumption, so the tone shows at this scale).",
            ])
    }

    /// `head_session<N>.png`: front, side and top after `session` (1-based).
    func png(after session: Int) throws(SimulationError) -> [UInt8] {
        let cells = looks.surfaceCells(after: session)
        let text = Self.text(result, session: session)
        let images = [image(.front, cells: cells), image(.side, cells: cells), image(.top, cells: cells)]
        // Filled as seen, like the appearance previews' swatches; one place per plan session.
        let swatches = [ProjectorSheet.Swatch(colour: AppearanceRenderer.asSeen(result.colours.skinLab), key: "skin")]
            + (0..<session).map { k in
                ProjectorSheet.Swatch(colour: AppearanceRenderer.asSeen(result.colours.sessions[k].lab), key: "S\(k + 1)",
                                      category: SessionPalette.colour(session: k + 1))
            }
        let image = ProjectorSheet.compose(title: text.title, panels: Array(zip(images, text.captions)).map { ($0.0, $0.1) },
                                           swatches: swatches, slots: 1 + result.sessions.count)
        return try looks.encoding.encode(image)
    }
}
