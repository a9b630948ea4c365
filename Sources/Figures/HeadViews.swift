import Foundation
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

/// The client's head seen from the front, the right side and above, as a trainer and a client
/// judge SMP: the fitted head ellipsoid (`HeadChart`), orthographic, shaded, with the scalp in
/// the colours of the whole-head preview — skin, shaved residual hair and each layer's healed
/// dots mixed by the area they cover (`AppearanceRenderer.surfaceCells`), i.e. the look at
/// conversational distance. Below the chart's edge the head is bare skin, with the brows drawn
/// as landmarks so the hairline's height reads at a glance.
///
/// Shading (**assumption**, display only): Lambert with a light from the upper front-left plus
/// 40 % ambient, applied in linear light. The face is the ellipsoid's lower half: no nose or
/// ears are modelled.
struct HeadViewRenderer: Sendable {
    let result: SimulationResult
    let looks: AppearanceRenderer
    /// Image scale, pixels per mm of head.
    static let pixelsPerMM = 2.0

    /// Front and side views end this fraction of the vertical semi-axis below the brow plane.
    static let cropBelow = 0.3

    enum View: String, CaseIterable, Sendable {
        case front, side, top
    }

    init(result: SimulationResult, looks: AppearanceRenderer) {
        self.result = result
        self.looks = looks
    }

    /// Colour of the head surface at parametric angles (θ, φ), linear light.
    func surfaceColour(theta: Double, phi: Double, cells: [LinearRGB], skin: LinearRGB, brow: LinearRGB) -> LinearRGB {
        let chart = result.chart
        if theta <= chart.edgeTheta(phi: phi) {
            let p = chart.chartPoint(theta: theta, phi: phi)
            let grid = result.scalp.grid
            if let i = grid.index(x: p.x, y: p.y) { return cells[i] }
            return skin
        }
        // Brows: two short arcs just below the glabella's level, in the hair colour.
        let below = theta - Double.pi / 2
        if abs(phi) > 0.12 && abs(phi) < 0.62 && below > 0.11 && below < 0.15 + 0.04 * (1 - abs(abs(phi) - 0.37) / 0.25) {
            return skin.mixed(with: brow, 0.8)
        }
        return skin
    }

    /// One orthographic view, `widthPx` × `heightPx` around the head's centre.
    func image(_ view: View, cells: [LinearRGB]) -> RGBImage {
        let a = result.chart.axes.a, b = result.chart.axes.b, c = result.chart.axes.c
        let s = Self.pixelsPerMM
        // Half extents on screen (mm): front (x, z), side (y, z), top (x, y). Front and side
        // are cropped just below the brows: the scalp is what is judged.
        let (halfU, topV, bottomV): (Double, Double, Double)
        switch view {
        case .front: (halfU, topV, bottomV) = (a + 6, c + 6, Self.cropBelow * c)
        case .side: (halfU, topV, bottomV) = (b + 6, c + 6, Self.cropBelow * c)
        case .top: (halfU, topV, bottomV) = (a + 6, b + 6, b + 6)
        }
        let w = Int((2 * halfU * s).rounded()), h = Int(((topV + bottomV) * s).rounded())
        var image = RGBImage(width: w, height: h, fill: RGB(236, 236, 238))
        let skin = LinearRGB(looks.skinColour), brow = LinearRGB(looks.hairColour)
        // Light from the viewer's upper left, slightly in front (head coordinates, unit length).
        let light: (Double, Double, Double)
        switch view {
        case .front: light = (0.45, -0.75, 0.48)
        case .side: light = (0.75, -0.45, 0.48)
        case .top: light = (0.35, -0.45, 0.82)
        }
        for py in 0..<h {
            for px in 0..<w {
                let u = (Double(px) + 0.5) / s - halfU, v = topV - (Double(py) + 0.5) / s
                // Surface point seen along the view direction (orthographic).
                var x = 0.0, y = 0.0, z = 0.0
                switch view {
                case .front:
                    x = -u; z = v
                    let q = 1 - x * x / (a * a) - z * z / (c * c)
                    guard q > 0 else { continue }
                    y = -b * q.squareRoot()
                case .side:
                    y = u; z = v
                    let q = 1 - y * y / (b * b) - z * z / (c * c)
                    guard q > 0 else { continue }
                    x = a * q.squareRoot()
                case .top:
                    x = u; y = -v
                    let q = 1 - x * x / (a * a) - y * y / (b * b)
                    guard q > 0 else { continue }
                    z = c * q.squareRoot()
                }
                let theta = acos(max(-1, min(1, z / c)))
                let phi = atan2(x / a, -y / b)
                var colour = surfaceColour(theta: theta, phi: phi, cells: cells, skin: skin, brow: brow)
                // Lambert shading with the ellipsoid's normal ∝ (x/a², y/b², z/c²).
                let nx = x / (a * a), ny = y / (b * b), nz = z / (c * c)
                let norm = (nx * nx + ny * ny + nz * nz).squareRoot()
                let lambert = max(0, (nx * light.0 + ny * light.1 + nz * light.2) / norm)
                let shade = Float(0.4 + 0.6 * lambert)
                colour = LinearRGB(r: colour.r * shade, g: colour.g * shade, b: colour.b * shade)
                let k = 3 * (py * w + px)
                image.bytes[k] = LinearRGB.encode(colour.r)
                image.bytes[k + 1] = LinearRGB.encode(colour.g)
                image.bytes[k + 2] = LinearRGB.encode(colour.b)
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
