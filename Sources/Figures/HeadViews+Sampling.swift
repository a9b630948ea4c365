import Foundation
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

/// What a head view shows at each point: the scalp's cells on the fitted ellipsoid, the face,
/// eyes, brows and ears around it (`HeadShape`), shaded.
extension HeadViewRenderer {
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
}
