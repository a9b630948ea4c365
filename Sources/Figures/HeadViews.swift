import Foundation
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

/// The client's head seen from the front, the right side and above, as a trainer and a client
/// judge SMP: the fitted head ellipsoid (`HeadChart`) with a face, ears and neck around it
/// (`HeadShape`), orthographic, shaded, with the scalp in the colours of the whole-head preview
/// — skin, shaved residual hair and each layer's healed dots mixed by the area they cover
/// (`AppearanceRenderer.surfaceCells`), i.e. the look at conversational distance. Off the chart
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

    // MARK: Sampling

    /// Ears and the nose tip are a little redder than the face (**assumption**, display only).
    static let earTint = LinearRGB(RGB(196, 96, 84))
    /// Sclera, iris, pupil, catch-light (**assumption**: a brown iris, display only).
    static let eyeColours = (sclera: LinearRGB(RGB(226, 219, 210)), iris: LinearRGB(RGB(92, 66, 46)),
                             pupil: LinearRGB(RGB(22, 18, 16)), catchlight: LinearRGB(RGB(250, 250, 250)))

    /// What the view shows at screen point (u, v), mm from the head's centre (u right, v up).
    func fragment(_ view: View, u: Double, v: Double) -> Fragment {
        let a = shape.a, b = shape.b, c = shape.c
        switch view {
        case .front:
            let x = -u, z = v
            let q = 1 - x * x / (a * a) - z * z / (c * c)
            if q > 0 {
                return surface(view, x: x, y: -b * q.squareRoot(), z: z, normal: shape.frontNormal(x: x, z: z))
            }
            let rim = a * max(0, 1 - z * z / (c * c)).squareRoot(), off = shape.earOffset(z: z)
            if off > 0, abs(x) < rim + off {
                // The ear edge-on: shadowed where it leaves the head, its rim catching the light.
                let t = (abs(x) - rim) / off
                let relief = (0.55 + 0.4 * HeadShape.smoothstep(0, 0.6, t)) * (1 - 0.2 * HeadShape.bump((t - 0.5) / 0.14))
                    + 0.1 * HeadShape.bump((t - 0.88) / 0.08)
                let lit = x > 0 ? 0.85 : 0.62
                return ear(relief * lit)
            }
        case .side:
            let y = u, z = v
            if let e = shape.sideEar(y: y, z: z) {
                let f = ear(e.shade * 0.82)
                return f
            }
            if y < 0 {
                if let x = shape.sideX(y: y, z: z) {
                    return surface(view, x: x, y: y, z: z, normal: shape.frontNormal(x: x, z: z))
                }
            } else {
                let k = shape.backSqueeze(z: z)
                let q = 1 - k * k * y * y / (b * b) - z * z / (c * c)
                if q > 0 {
                    let x = a * q.squareRoot()
                    return surface(view, x: x, y: y, z: z, normal: Self.unit(x / (a * a), k * k * y / (b * b), z / (c * c)))
                }
            }
        case .top:
            let x = u, y = -v
            let q = 1 - x * x / (a * a) - y * y / (b * b)
            if q > 0 {
                let z = c * q.squareRoot()
                return surface(view, x: x, y: y, z: z, normal: Self.unit(x / (a * a), y / (b * b), z / (c * c)))
            }
            let rim = a * max(0, 1 - y * y / (b * b)).squareRoot(), off = shape.earOffset(y: y)
            if off > 0, abs(x) < rim + off {
                let t = (abs(x) - rim) / off
                return ear((0.5 + 0.3 * HeadShape.smoothstep(0, 0.7, t)) * (x < 0 ? 0.95 : 0.8))
            }
            let noseHalf = 10 * shape.sx
            if y < 0, abs(x) < noseHalf {
                let s = x / noseHalf
                let tip = -b - 0.55 * shape.noseReach * (1 - s * s).squareRoot()
                if y > tip {
                    // Seen from above the tip catches the light; its root is in the brow's shadow.
                    let out = min(1, max(0, (-b - y) / (0.55 * shape.noseReach)))
                    let relief = 0.5 + 0.22 * out + 0.1 * (1 - s * s) + (x < 0 ? 0.05 : -0.05)
                    return Fragment(fixed: Self.scaled(skin.mixed(with: Self.earTint, 0.1), relief), part: .nose)
                }
            }
        }
        return Fragment(fixed: LinearRGB(Self.background), part: .background)
    }

    func ear(_ shade: Double) -> Fragment {
        Fragment(fixed: Self.scaled(skin.mixed(with: Self.earTint, 0.12), shade), part: .ear)
    }

    static func unit(_ x: Double, _ y: Double, _ z: Double) -> (Double, Double, Double) {
        let n = (x * x + y * y + z * z).squareRoot()
        return (x / n, y / n, z / n)
    }

    static func scaled(_ c: LinearRGB, _ s: Double) -> LinearRGB {
        let f = Float(s)
        return LinearRGB(r: c.r * f, g: c.g * f, b: c.b * f)
    }

    /// A point of the head's surface: lit skin and features, plus the chart where it covers.
    func surface(_ view: View, x: Double, y: Double, z: Double, normal n: (Double, Double, Double)) -> Fragment {
        let a = shape.a, b = shape.b, c = shape.c
        let l = Self.light(view)
        var shade = 0.4 + 0.6 * max(0, n.0 * l.0 + n.1 * l.1 + n.2 * l.2)
        if view == .side, let e = shape.sideEar(y: y - 2.5 * shape.sy, z: z + 2.5 * shape.sz) {
            // The ear's shadow on the head behind it.
            shade *= 1 - 0.3 * HeadShape.smoothstep(0, 2.5, e.inside)
        }
        let theta = acos(max(-1, min(1, z / c)))
        let phi = atan2(x / a, -max(-b, min(b, y)) / b)
        let chart = result.chart
        let edge = chart.edgeTheta(phi: phi)
        let hair = theta < edge ? HeadShape.smoothstep(0, 1, (edge - theta) * c / Self.hairFeatherMM) : 0
        var paint = (alpha: 0.0, colour: skin, part: Part.head, skinShade: 1.0)
        if y < 0, z < 0.05 * c { paint = face(x: x, z: z, profile: view == .side) }
        let s = Float(shade)
        let keep = Float((1 - paint.alpha) * (1 - hair) * paint.skinShade)
        let alpha = Float(paint.alpha)
        var fragment = Fragment(fixed: LinearRGB(r: s * (skin.r * keep + paint.colour.r * alpha),
                                                 g: s * (skin.g * keep + paint.colour.g * alpha),
                                                 b: s * (skin.b * keep + paint.colour.b * alpha)),
                                part: paint.part)
        if hair > 0 {
            let p = chart.chartPoint(theta: theta, phi: phi)
            let grid = result.scalp.grid
            fragment.gridX = Float((p.x - grid.minX) / grid.cellSize - 0.5)
            fragment.gridY = Float((p.y - grid.minY) / grid.cellSize - 0.5)
            fragment.weight = s * Float((1 - paint.alpha) * hair)
        }
        return fragment
    }

    /// Brows, eyes and the lid creases on the face's front (x, z): the paint's opacity and
    /// colour, the part for edge detection, and a multiplier for the bare skin around it.
    ///
    /// The eyes look straight ahead, so seen from the side the iris sits at the front of the
    /// opening and narrow (`profile`): the paint is per view there, as the cornea's bulge is
    /// not in the surface.
    func face(x: Double, z: Double, profile: Bool = false) -> (alpha: Double, colour: LinearRGB, part: Part, skinShade: Double) {
        let X = abs(x) / shape.sx, Z = z / shape.sz
        // Eye: u outward from the pupil, w up, tilted so the outer corner sits a little higher.
        let u = X - shape.eyeX / shape.sx, w = Z - shape.eyeZ / shape.sz - 0.06 * u
        if abs(u) < 24, w > -10, w < 14 {
            let s = u / 14
            let open = max(0, 1 - s * s)
            let upper = 5.0 * open * (1 - 0.1 * s), lower = -3.8 * open
            if abs(s) < 1, w < upper, w > lower {
                let colours = Self.eyeColours
                let lidShadow = 1 - 0.45 * HeadShape.bump((upper - w) / 1.6)
                let iu = profile ? (u + 5.5) * 1.6 : u
                let iw = w - 0.4, r = (iu * iu + iw * iw).squareRoot()
                let xr = profile ? iu : (x - (x < 0 ? -shape.eyeX : shape.eyeX)) / shape.sx
                let cx = xr - 1.7, cz = w - 1.9
                if cx * cx + cz * cz < 0.8 { return (1, colours.catchlight, .catchlight, 1) }
                if r < 2.1 { return (1, Self.scaled(colours.pupil, lidShadow), .pupil, 1) }
                if r < 5.6 {
                    let limbus = 1 - 0.45 * HeadShape.smoothstep(4.2, 5.6, r)
                    return (1, Self.scaled(colours.iris, lidShadow * limbus * (0.85 + 0.15 * r / 5.6)), .iris, 1)
                }
                let corners = 0.72 + 0.28 * open
                return (1, Self.scaled(colours.sclera, lidShadow * corners), .sclera, 1)
            }
            let lidTop = upper + 1.1 * (1 - 0.55 * s * s)
            if abs(s) < 1.08, w >= upper - 0.01, w < lidTop, w > 0 || abs(s) > 0.6 {
                return (0.88, Self.scaled(brow, 0.55), .lid, 1)
            }
            // Crease above the lid, the lower lid's line, the shadow at the inner corner.
            var skinShade = 1 - 0.16 * HeadShape.bump((w - upper - 4.2) / 1.5) * open
            skinShade -= 0.14 * HeadShape.bump((w - lower + 0.6) / 0.6) * open
            skinShade -= 0.1 * HeadShape.bump((u + 15) / 3) * HeadShape.bump(w / 4)
            if abs(s) >= 1 || w >= upper { return browPaint(X: X, Z: Z, skinShade: skinShade) }
        }
        return browPaint(X: X, Z: Z, skinShade: 1)
    }

    /// Brows: a tapering arch along the brow ridge, soft-edged, in the hair colour.
    func browPaint(X: Double, Z: Double, skinShade: Double) -> (alpha: Double, colour: LinearRGB, part: Part, skinShade: Double) {
        guard X > 9, X < 60, Z > -18, Z < 2 else { return (0, skin, .head, skinShade) }
        let t = (X - 12.5) / 43.5
        let tc = min(1, max(0, t))
        let centre = -10.5 + 4.5 * (1 - ((tc - 0.6) / 0.6) * ((tc - 0.6) / 0.6))
        let half = 4.0 - 2.7 * pow(tc, 1.2)
        let distance = abs(Z - centre) - half
        var alpha = min(1, max(0, 0.5 - distance / 1.3))
        alpha *= HeadShape.smoothstep(-0.07, 0.1, t) * (1 - HeadShape.smoothstep(0.92, 1.06, t))
        // Denser in the body, sparse at the head and the tail; a faint grain of hairs.
        alpha *= (0.62 + 0.26 * HeadShape.smoothstep(0, 0.3, t) - 0.12 * tc) * (0.94 + 0.035 * sin(X * 2.9 - Z * 1.7) + 0.025 * sin(X * 1.3 + Z * 2.1))
        return (alpha, brow, .head, skinShade)
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

    /// `head_session<N>.png`: front, side and top after `session` (1-based).
    func png(after session: Int) throws(SimulationError) -> [UInt8] {
        let cells = looks.surfaceCells(after: session)
        let s = result.sessions[session - 1]
        let panels = [
            AppearanceSheet.Panel(image: image(.front, cells: cells), caption: ["front", "hairline \(CSV.number(result.plan.design.hairline.heightAboveBrowMM)) mm above the brow (\(result.plan.design.hairline.shape.rawValue))"]),
            AppearanceSheet.Panel(image: image(.side, cells: cells), caption: ["right side", "face to the left"]),
            AppearanceSheet.Panel(image: image(.top, cells: cells), caption: ["top", "face at the top"]),
        ]
        let swatches = [AppearanceSheet.Swatch(colour: looks.skinColour, label: ["skin \(result.colours.skinName)"])]
            + (0..<session).map { k in
                AppearanceSheet.Swatch(colour: looks.sessionColour(k), label: ["session \(k + 1): \(result.colours.sessions[k].srgbHex)"],
                                       key: SessionPalette.colour(session: k + 1))
            }
        let image = AppearanceSheet.compose(
            title: "\(result.plan.name): the head after session \(session)",
            subtitle: "day \(CSV.number(s.plan.day)), \(s.totalImpressions) impressions, \(result.plan.client.hairLoss.label), skin \(result.colours.skinName); seen from conversational distance (each dot shades like a shaved follicle)",
            panels: panels, swatches: swatches)
        do { return try PNGCodec.encode(image) } catch { throw .rendering(error.description) }
    }
}
