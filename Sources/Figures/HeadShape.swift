import Foundation

/// The head around the scalp chart: what `HeadChart`'s ellipsoid leaves out — brow ridge, eye
/// sockets and eyes, nose and the lower face in profile, ears, the occiput turning into the
/// neck — so head views read as a person rather than an egg. Display only: nothing here feeds
/// a number, and the scalp itself (every point the chart covers) stays the fitted ellipsoid.
///
/// Coordinates are `HeadChart.surfacePoint`'s: mm, x to the client's right, y towards the nape,
/// z up from the brow plane, origin at the ellipsoid's centre.
///
/// **Assumption** (display only): the proportions of an average adult face, given for the
/// reference head (semi-axes a = 77.5, b = 97.5, c ≈ 100 mm) and scaled with the fitted axes —
/// widths by a / 77.5, heights by c / 100, depths by b / 97.5:
/// - pupils 25 mm below the brow plane, 63 mm apart; eye openings 28 × 9 mm;
/// - brows on the brow ridge from 11 to 56 mm off the midline, 5–10 mm below the plane;
/// - in profile: the brow ridge 2 mm in front of the glabella, the nasion 3 mm behind it,
///   the nose tip 12 mm in front of it and 50 mm below, the subnasale 5 mm behind at 63 mm,
///   the upper lip at 70 mm (the plain ellipsoid's front would lie 26 mm behind there);
/// - ears 60 mm long, from 6 to 66 mm below the plane, the ear canal 90 mm behind the glabella,
///   tilted back 15°, standing 16 mm off the head;
/// - the back of the neck 68 % of the semi-length behind the centre, the occiput turning into
///   it between 34 % and 58 % of the vertical semi-axis below the plane (the chart's hair band
///   at the back ends at 34 %, `HeadChart.edgeTheta`).
///
/// The face is the ellipsoid's front half pushed towards the viewer by a smooth displacement
/// `displacement(x:z:)` (a sum of Gaussian bumps), so shading, the profile and the features
/// come from one surface; no mesh or measured data is used.
struct HeadShape: Sendable {
    let a: Double, b: Double, c: Double
    /// Reference-head → this head: widths, depths, heights.
    let sx: Double, sy: Double, sz: Double

    /// `exactDisplacement` and its slopes on a 0.5 mm grid over x ≥ 0 (the face is symmetric),
    /// read bilinearly: a face pixel needs the displacement several times (its normal, the side
    /// view's search), and the Gaussians cost more than the rest of the pixel.
    let table: DisplacementTable

    init(a: Double, b: Double, c: Double) {
        self.a = a
        self.b = b
        self.c = c
        sx = a / 77.5
        sy = b / 97.5
        sz = c / 100
        let (sx, sy, sz) = (self.sx, self.sy, self.sz)
        table = DisplacementTable(maxX: 72 * sx, minZ: -0.85 * c, maxZ: 0.3 * c, step: 0.5) { x, z in
            Self.exactDisplacement(x: x, z: z, sx: sx, sy: sy, sz: sz, b: b, c: c)
        }
    }

    /// Forward displacement of the face at (x, z), mm (bilinear in `table`).
    func displacement(x: Double, z: Double) -> Double { table.value(x: x, z: z).d }

    // MARK: Landmarks (mm, head coordinates)

    /// Pupil centre: |x| and z.
    var eyeX: Double { 31.5 * sx }
    var eyeZ: Double { -25 * sz }
    /// Ear: centre of its outline (y, z), half length along its axis, half width, tilt.
    var earY: Double { -b + 100 * sy }
    var earZ: Double { -36 * sz }
    var earHalfLength: Double { 30 * sz }
    var earHalfWidth: Double { 16 * sy }
    static let earTilt = 15 * Double.pi / 180
    /// How far the ear stands off the head (front and top views), mm.
    var earStandOff: Double { 16 * sx }
    /// Highest and lowest z of the ear.
    var earTop: Double { earZ + earHalfLength * cos(Self.earTilt) }
    var earBottom: Double { earZ - earHalfLength * cos(Self.earTilt) }
    /// The back of the neck, y.
    var neckBack: Double { 0.68 * b }
    /// Where the occiput starts and ends turning into the neck (z).
    var occiputStart: Double { -0.34 * c }
    var occiputEnd: Double { -0.58 * c }
    /// The nose tip's forward reach beyond the glabella plane, mm (the frame's margin; the top
    /// view shows it at 55 %, mostly hidden under the brow ridge as seen from above).
    var noseReach: Double { 13 * sy }

    // MARK: The face as a displaced ellipsoid

    /// Highest z the face displacement reaches (above it the head is the plain ellipsoid).
    var faceTop: Double { 0.3 * c }

    @inline(__always) static func bump(_ t: Double) -> Double { exp(-t * t) }
    @inline(__always) static func smoothstep(_ e0: Double, _ e1: Double, _ x: Double) -> Double {
        let t = min(1, max(0, (x - e0) / (e1 - e0)))
        return t * t * (3 - 2 * t)
    }
    /// Compact lateral window: 1 on the midline, 0 from |X| = X0 on.
    @inline(__always) static func window(_ x: Double, _ x0: Double) -> Double {
        let t = x / x0
        return t * t < 1 ? (1 - t * t) * (1 - t * t) : 0
    }

    /// Forward displacement (mm, towards −y) of the ellipsoid's front half at (x, z): brow ridge,
    /// nasion, eye sockets and eyeballs, cheekbones, temples, nose and the lower face. The
    /// views read it from `table` (`displacement(x:z:)`); this is the formula the table samples.
    static func exactDisplacement(x: Double, z: Double, sx: Double, sy: Double, sz: Double, b: Double, c: Double) -> Double {
        if z > 0.3 * c { return 0 }
        let X = abs(x) / sx, Z = z / sz
        if X > 72 { return 0 }
        // How far the front of the ellipsoid recedes at height z on the midline.
        func recess(_ z: Double) -> Double { b * (1 - max(0, 1 - z * z / (c * c)).squareRoot()) }
        var d = 2.2 * Self.bump((Z + 3) / 6) * Self.window(X, 62)           // brow ridge
        d -= 2.2 * Self.bump((Z + 14) / 5.5) * Self.bump(X / 11)             // nasion
        d -= 5.0 * Self.bump((Z + 24) / 9) * Self.bump((X - 31.5) / 14)      // eye socket
        d += 2.6 * Self.bump((Z + 25) / 5) * Self.bump((X - 31.5) / 9)       // eyeball
        d += 2.5 * Self.bump((Z + 40) / 9) * Self.bump((X - 44) / 12)        // cheekbone
        d -= 2.0 * Self.bump(Z / 10) * Self.bump((X - 57) / 7)              // temple
        if Z < -8 {
            // Nose: a ridge from the nasion to the tip, widening, undercut below the tip.
            let t = Self.smoothstep(-12, -50, Z)
            let height = (17.5 * pow(t, 1.3) + 4 * Self.bump((Z + 49) / 6)) * (1 - Self.smoothstep(-49, -63, Z))
            let width = 4.5 + 8.5 * t
            d += height * Self.bump(X / width)
        }
        if Z < 0 {
            // Lower face: the ellipsoid recedes faster than a face does; bring the midline
            // forward to a profile 12 mm behind the glabella at −40 mm, 1 mm at −75 mm (a
            // soft maximum with 0, so the surface has no crease where it starts).
            let behind = 12 - 11 * min(1, max(0, (-40 - Z) / 35))
            let ahead = recess(z) / sy - behind
            d += (ahead + (ahead * ahead + 4).squareRoot()) / 2 * Self.window(X, 48)
            d += 2.0 * Self.bump((Z + 72) / 4) * Self.window(X, 26)           // upper lip
        }
        return d * sy
    }

    /// The y of the displaced front surface at (x, z), or nil off the ellipsoid.
    func frontY(x: Double, z: Double) -> Double? {
        let q = 1 - x * x / (a * a) - z * z / (c * c)
        guard q >= 0 else { return nil }
        return -b * q.squareRoot() - displacement(x: x, z: z)
    }

    /// Unit outward normal of the displaced front surface at (x, z) (the displacement's slopes
    /// from `table`; the ellipsoid's own slope exactly).
    func frontNormal(x: Double, z: Double) -> (Double, Double, Double) {
        let q = max(1e-9, 1 - x * x / (a * a) - z * z / (c * c))
        let root = q.squareRoot()
        var gx = b * x / (a * a * root), gz = b * z / (c * c * root)
        if z < faceTop {
            let t = table.value(x: x, z: z)
            gx -= t.dx
            gz -= t.dz
        }
        let n = (gx * gx + 1 + gz * gz).squareRoot()
        return (gx / n, -1 / n, gz / n)
    }

    /// Side view: the x of the visible (right-hand) point of the displaced front half at
    /// (y, z), y < 0, or nil when (y, z) lies in front of the profile. Solves
    /// −b √(1 − x²/a² − z²/c²) − D(x, z) = y by fixed-point steps from the plain ellipsoid's x
    /// (D changes slowly across x, so a few steps mostly settle; bisection where they do not).
    func sideX(y: Double, z: Double) -> Double? {
        let q0 = 1 - z * z / (c * c)
        guard q0 > 0 else { return nil }
        let ellipsoidX = { (depth: Double) -> Double in self.a * max(0, q0 - depth * depth / (self.b * self.b)).squareRoot() }
        if z > faceTop { return y >= -b * q0.squareRoot() ? ellipsoidX(y) : nil }
        guard y >= -b * q0.squareRoot() - displacement(x: 0, z: z) else { return nil }
        var x = ellipsoidX(min(0, y + displacement(x: 0, z: z)))
        for _ in 0..<3 {
            x = ellipsoidX(min(0, y + displacement(x: x, z: z)))
        }
        if abs((frontY(x: x, z: z) ?? 0) - y) < 0.02 { return x }
        // Where D changes fast across x (under the nose) the steps need not settle: bisect,
        // as along x the surface's y rises from the profile to 0 at the rim.
        var lo = 0.0, hi = a * q0.squareRoot()
        for _ in 0..<16 {
            let mid = (lo + hi) / 2
            if (frontY(x: mid, z: z) ?? 0) < y { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The back of the head and neck in profile (y at height z): the ellipsoid down to the end
    /// of the hair band, then a concave turn into the neck.
    func backY(z: Double) -> Double {
        let ellipse = b * max(0, 1 - z * z / (c * c)).squareRoot()
        if z >= occiputStart { return ellipse }
        let w = 1 - Self.smoothstep(occiputStart, occiputEnd, z)
        return neckBack + (max(ellipse, neckBack) - neckBack) * w
    }

    /// For y > 0 below the hair band, the ellipsoid is squeezed along y so its back follows
    /// `backY`: the factor k ≥ 1 that multiplies y.
    func backSqueeze(z: Double) -> Double {
        guard z < occiputStart else { return 1 }
        let ellipse = b * max(0, 1 - z * z / (c * c)).squareRoot()
        return max(1, ellipse / backY(z: z))
    }

    // MARK: Ears

    /// Ear seen from the side at (y, z): nil outside, else its shade (0…1.2, relief of helix,
    /// scapha, concha and canal under a light from the front and above) and the distance to its
    /// outline in mm (positive inside).
    func sideEar(y: Double, z: Double) -> (shade: Double, inside: Double)? {
        let dy = y - earY, dz = z - earZ
        let t = Self.earTilt
        // p along the ear's axis (up, tilted back), q across it (backwards).
        let p = dz * cos(t) + dy * sin(t), q = dy * cos(t) - dz * sin(t)
        let L = earHalfLength, P = p / L
        let W = earHalfWidth * (P < 0 ? 1 - 0.32 * min(1, -P) : 1)
        let Q = q / W
        let e = P * P + Q * Q
        guard e < 1 else { return nil }
        let r = e.squareRoot()
        // Distance to the outline, approximately (the gradient of r in mm).
        let inside = (1 - r) * min(L, W)
        var shade = 0.92
        // Helix: a rolled rim around the top and back, lit on its outer slope.
        let rimBand = Self.bump((r - 0.86) / 0.07) * Self.smoothstep(-0.75, -0.2, P + 0.6 * max(0, Q))
        shade += 0.16 * rimBand
        // Scapha: the groove inside the rim.
        shade -= 0.22 * Self.bump((r - 0.7) / 0.06) * Self.smoothstep(-0.6, 0, P) * Self.smoothstep(-0.2, 0.3, Q + 0.4 * P)
        // Concha: the bowl in front of the antihelix, deepest at the canal.
        let cp = (P + 0.12) / 0.34, cq = (Q + 0.2) / 0.38
        shade -= 0.34 * Self.bump((cp * cp + cq * cq).squareRoot() * 1.1)
        let kp = (P + 0.18) / 0.1, kq = (Q + 0.5) / 0.1
        shade -= 0.3 * Self.bump((kp * kp + kq * kq).squareRoot())
        // Lobe: soft and a little lighter.
        shade += 0.05 * Self.smoothstep(-0.5, -0.8, P)
        return (shade, inside)
    }

    /// How far the ear stands off the head at height z (front view), 0 outside its height.
    func earOffset(z: Double) -> Double {
        guard z < earTop, z > earBottom else { return 0 }
        let s = (earTop - z) / (earTop - earBottom)
        return earStandOff * pow(sin(Double.pi * pow(s, 0.75)), 0.6)
    }

    /// The ear's y range seen from above (front edge, back edge).
    var earSpanY: (Double, Double) { (earY - earHalfWidth - 4 * sy, earY + earHalfWidth + 10 * sy) }

    /// How far the ear stands off the head at depth y (top view), 0 outside its span.
    func earOffset(y: Double) -> Double {
        let (y0, y1) = earSpanY
        guard y > y0, y < y1 else { return 0 }
        let s = (y - y0) / (y1 - y0)
        return 0.85 * earStandOff * pow(sin(Double.pi * pow(s, 0.8)), 0.6)
    }
}

/// A function of (x, z), even in x, sampled with its slopes on a square grid over x ≥ 0 and
/// read bilinearly; zero outside the grid.
struct DisplacementTable: Sendable {
    let maxX: Double, minZ: Double, maxZ: Double, step: Double
    let columns: Int, rows: Int
    /// Value, ∂/∂x and ∂/∂z per node, row-major (rows along z).
    let d: [Double], dx: [Double], dz: [Double]

    init(maxX: Double, minZ: Double, maxZ: Double, step: Double, _ f: (Double, Double) -> Double) {
        self.maxX = maxX
        self.minZ = minZ
        self.maxZ = maxZ
        self.step = step
        columns = Int((maxX / step).rounded(.up)) + 1
        rows = Int(((maxZ - minZ) / step).rounded(.up)) + 1
        var d = [Double](repeating: 0, count: columns * rows), dx = d, dz = d
        for r in 0..<rows {
            for c in 0..<columns { d[r * columns + c] = f(Double(c) * step, minZ + Double(r) * step) }
        }
        // Slopes by central differences between nodes (one-sided at the grid's edge; even in x,
        // so the value left of x = 0 mirrors the one right of it).
        for r in 0..<rows {
            for c in 0..<columns {
                let i = r * columns + c
                let left = c > 0 ? d[i - 1] : d[i + 1], right = c < columns - 1 ? d[i + 1] : d[i]
                dx[i] = (right - left) / (c > 0 && c < columns - 1 ? 2 * step : step)
                let below = r > 0 ? d[i - columns] : d[i], above = r < rows - 1 ? d[i + columns] : d[i]
                dz[i] = (above - below) / (r > 0 && r < rows - 1 ? 2 * step : step)
            }
        }
        self.d = d
        self.dx = dx
        self.dz = dz
    }

    @inline(__always)
    func value(x: Double, z: Double) -> (d: Double, dx: Double, dz: Double) {
        let ax = abs(x)
        guard ax < maxX, z > minZ, z < maxZ else { return (0, 0, 0) }
        let fx = ax / step, fz = (z - minZ) / step
        let c0 = min(columns - 2, Int(fx)), r0 = min(rows - 2, Int(fz))
        let tx = fx - Double(c0), tz = fz - Double(r0)
        let i = r0 * columns + c0
        let w00 = (1 - tx) * (1 - tz), w10 = tx * (1 - tz), w01 = (1 - tx) * tz, w11 = tx * tz
        func mix(_ v: [Double]) -> Double {
            v[i] * w00 + v[i + 1] * w10 + v[i + columns] * w01 + v[i + columns + 1] * w11
        }
        let sign: Double = x < 0 ? -1 : 1
        return (mix(d), sign * mix(dx), mix(dz))
    }
}
