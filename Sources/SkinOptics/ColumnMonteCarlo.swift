import Foundation
import Support

/// A 3-D photon Monte Carlo of one pigment column in layered skin: how the surface reflectance
/// changes at distance r from the axis of a vertical column of pigment, written for Stipple to
/// tabulate each dot's point-spread (`DotPointSpreadTable`) offline.
///
/// **Why a column, not a patch.** Light walks sideways through the epidermis and upper dermis, so
/// a small pigment column shows less contrast than a broad patch of the same pigment, spread wider
/// than the column. The 1-D transport (`PigmentedSkinEvaluator`) gives the patch; this gives the
/// dot.
///
/// **Method: perturbation Monte Carlo with the microscopic Beer–Lambert law.** Photon packets
/// enter the bare skin normally at the origin (after the specular loss), take exponential steps
/// in units of *scattering* optical depth, scatter by Henyey–Greenstein, meet the surface with an
/// all-or-nothing Fresnel choice (MCML's rules, Wang, Jacques & Zheng 1995), and carry the weight
/// exp(−∫μa ds) of the bare tissue's absorption along their path. Because absorption never
/// changes a path, the same packets serve every pigment: a packet that exits with weight W and
/// travelled a length L_j inside the column within depth slab j exits through the pigmented skin
/// with weight W·exp(−τ·Σ_j ρ_j L_j), where ρ(z) (mm⁻¹, ∫ρ dz = 1) is the deposit's depth profile
/// and τ the pigment's vertical optical depth in the patch (η·ε·10·dose·dilution). By translation
/// invariance, a packet entering at the origin and leaving at Δ, scored against a column centred
/// at Δ − p, is a packet seen at distance |p| from a column under uniform illumination; one
/// random azimuth per packet and radius. So one run per skin and wavelength gives the whole
/// table over column diameter, observation radius, deposit and τ.
///
/// **Assumptions** (labelled): the pigment only absorbs (carbon's mass scattering is ≈ 4 % of
/// its absorption; the 1-D model keeps scattering for the patch colour); the column is a vertical
/// cylinder whose concentration at each depth equals the patch's; all layers share one refractive
/// index; the reticular dermis is semi-infinite (as in `SkinModel`).
///
/// Seeded (`Xoshiro256StarStar`): the same inputs and seed give the same numbers.
public struct ColumnMonteCarlo: Sendable {
    /// One homogeneous layer; coefficients per mm, thickness in mm (`.infinity` for the last).
    public struct Layer: Sendable, Equatable {
        public var muA: Double, muS: Double, g: Double, thicknessMM: Double
        public init(muA: Double, muS: Double, g: Double, thicknessMM: Double) {
            self.muA = muA; self.muS = muS; self.g = g; self.thicknessMM = thicknessMM
        }
    }

    /// What is scored: observation radii, column diameters, deposit profiles on a depth grid,
    /// and pigment optical depths.
    public struct Scoring: Sendable {
        /// Observation distances from the column axis (mm).
        public var radiiMM: [Double]
        /// Column diameters (mm); `.infinity` scores the broad patch.
        public var diametersMM: [Double]
        /// Depth-slab edges (mm below the surface), increasing; pigment lies only between the
        /// first and the last edge.
        public var slabEdgesMM: [Double]
        /// Deposit depth profiles ρ (mm⁻¹), one value per slab (`slabEdgesMM.count − 1`); each
        /// integrates to 1 over the slabs.
        public var profiles: [[Double]]
        /// Vertical pigment optical depths τ of the patch.
        public var opticalDepths: [Double]

        public init(radiiMM: [Double], diametersMM: [Double], slabEdgesMM: [Double], profiles: [[Double]], opticalDepths: [Double]) {
            self.radiiMM = radiiMM; self.diametersMM = diametersMM; self.slabEdgesMM = slabEdgesMM
            self.profiles = profiles; self.opticalDepths = opticalDepths
        }
    }

    /// Reflectances per incident packet (specular excluded).
    public struct Result: Sendable {
        /// Bare-skin diffuse reflectance and its standard error.
        public var bare: Double, bareError: Double
        /// Specular reflectance at the surface (not in `bare`).
        public var specular: Double
        /// Diffuse transmittance through a finite last layer (0 when semi-infinite).
        public var transmittance: Double
        /// Reflectance with the pigment: index `[((r · diameters + a) · profiles + m) · depths + q]`.
        public var pigmented: [Double]
        let shape: (radii: Int, diameters: Int, profiles: Int, depths: Int)

        public func reflectance(radius r: Int, diameter a: Int, profile m: Int, depth q: Int) -> Double {
            pigmented[((r * shape.diameters + a) * shape.profiles + m) * shape.depths + q]
        }
    }

    public var layers: [Layer]
    public var refractiveIndex: Double
    /// Refractive index below the last layer (only matters when it is finite).
    public var refractiveIndexBelow = 1.0

    public init(layers: [Layer], refractiveIndex: Double) {
        self.layers = layers
        self.refractiveIndex = refractiveIndex
    }

    /// Runs `photons` packets from `seed`. Cost grows with radii × diameters × the packet's path
    /// segments inside the pigmented depth range; everything is scored in one pass.
    public func run(photons: Int, seed: UInt64, scoring: Scoring) -> Result {
        precondition(!layers.isEmpty && scoring.slabEdgesMM.count >= 2)
        let nR = scoring.radiiMM.count, nA = scoring.diametersMM.count
        let nM = scoring.profiles.count, nQ = scoring.opticalDepths.count
        let nSlab = scoring.slabEdgesMM.count - 1
        precondition(scoring.profiles.allSatisfy { $0.count == nSlab })
        var rng = Xoshiro256StarStar(seed: seed)
        @inline(__always) func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }

        var tops = [Double](), bottoms = [Double]()
        var depth = 0.0
        for l in layers { tops.append(depth); depth += l.thicknessMM; bottoms.append(depth) }
        let n = refractiveIndex
        let rsp = ((1 - n) / (1 + n)) * ((1 - n) / (1 + n))
        let zTop = scoring.slabEdgesMM[0], zBottom = scoring.slabEdgesMM[nSlab]
        let edges = scoring.slabEdgesMM
        // τ_q factors by repeated squaring when the grid doubles; otherwise one exp each.
        let taus = scoring.opticalDepths
        let doubling = nQ > 1 && (1..<nQ).allSatisfy { abs(taus[$0] - 2 * taus[$0 - 1]) <= 1e-12 * taus[$0] }

        // Accumulators of W·(1 − factor): the loss each packet suffers from the pigment.
        var loss = [Double](repeating: 0, count: nR * nA * nM * nQ)
        var bareSum = 0.0, bareSumSq = 0.0, transmitted = 0.0
        // Path segments inside the pigmented depth range: start (x, y, z) and end.
        var sx0 = [Double](), sy0 = [Double](), sz0 = [Double](), sx1 = [Double](), sy1 = [Double](), sz1 = [Double]()
        var lengths = [Double](repeating: 0, count: nSlab)
        var factors = [Double](repeating: 0, count: nQ)

        for _ in 0..<photons {
            var w = 1 - rsp
            var x = 0.0, y = 0.0, z = 0.0
            var ux = 0.0, uy = 0.0, uz = 1.0
            var layer = 0
            sx0.removeAll(keepingCapacity: true); sy0.removeAll(keepingCapacity: true); sz0.removeAll(keepingCapacity: true)
            sx1.removeAll(keepingCapacity: true); sy1.removeAll(keepingCapacity: true); sz1.removeAll(keepingCapacity: true)
            var exitedUp = false
            var steps = 0
            alive: while true {
                steps += 1
                if steps > 200_000 { break alive }  // a pathological packet: drop it
                var remaining = -Foundation.log(max(uniform(), 1e-300))
                while true {
                    let l = layers[layer]
                    let s = l.muS > 0 ? remaining / l.muS : Double.infinity
                    var dBoundary = Double.infinity
                    if uz > 0 { dBoundary = (bottoms[layer] - z) / uz } else if uz < 0 { dBoundary = (tops[layer] - z) / uz }
                    let d = min(s, dBoundary)
                    let nx = x + d * ux, ny = y + d * uy
                    let nz = s < dBoundary ? z + d * uz : (uz > 0 ? bottoms[layer] : tops[layer])
                    w *= Foundation.exp(-l.muA * d)
                    if max(z, nz) > zTop && min(z, nz) < zBottom {
                        sx0.append(x); sy0.append(y); sz0.append(z); sx1.append(nx); sy1.append(ny); sz1.append(nz)
                    }
                    x = nx; y = ny; z = nz
                    if s < dBoundary { break }
                    remaining -= dBoundary * l.muS
                    let down = uz > 0
                    let next = down ? layer + 1 : layer - 1
                    if next >= 0 && next < layers.count { layer = next; continue }
                    let r = Self.fresnel(n1: n, n2: down ? refractiveIndexBelow : 1, cosI: abs(uz))
                    if uniform() <= r {
                        uz = -uz
                    } else {
                        if down { transmitted += w } else { exitedUp = true }
                        break alive
                    }
                }
                (ux, uy, uz) = Self.scatter(ux, uy, uz, g: layers[layer].g, xi1: uniform(), xi2: uniform())
                if w < 1e-4 {
                    if uniform() < 0.1 { w *= 10 } else { break alive }
                }
            }
            guard exitedUp else { continue }
            bareSum += w; bareSumSq += w * w
            guard !sx0.isEmpty else { continue }

            func score(into base: Int) {
                for m in 0..<nM {
                    var s = 0.0
                    let profile = scoring.profiles[m]
                    for j in 0..<nSlab where lengths[j] != 0 { s += profile[j] * lengths[j] }
                    guard s > 0 else { continue }
                    if doubling {
                        var f = Foundation.exp(-taus[0] * s)
                        for q in 0..<nQ { factors[q] = f; f *= f }
                    } else {
                        for q in 0..<nQ { factors[q] = Foundation.exp(-taus[q] * s) }
                    }
                    let o = base + m * nQ
                    for q in 0..<nQ { loss[o + q] += w * (1 - factors[q]) }
                }
            }
            let phi = 2 * Double.pi * uniform()
            let cosP = Foundation.cos(phi), sinP = Foundation.sin(phi)
            for ri in 0..<nR {
                let cx = x - scoring.radiiMM[ri] * cosP, cy = y - scoring.radiiMM[ri] * sinP
                for ai in 0..<nA {
                    let radius = 0.5 * scoring.diametersMM[ai]
                    if radius == .infinity && ri > 0 { continue }  // the broad patch: scored once, at r = 0
                    for j in 0..<nSlab { lengths[j] = 0 }
                    var hit = false
                    for k in sx0.indices {
                        let (t0, t1) = Self.chord(x0: sx0[k] - cx, y0: sy0[k] - cy, x1: sx1[k] - cx, y1: sy1[k] - cy, radius: radius)
                        guard t1 > t0 else { continue }
                        hit = true
                        Self.addLength(za: sz0[k], zb: sz1[k], t0: t0, t1: t1,
                                       length: Self.distance(sx0[k], sy0[k], sz0[k], sx1[k], sy1[k], sz1[k]),
                                       edges: edges, into: &lengths)
                    }
                    if hit { score(into: (ri * nA + ai) * nM * nQ) }
                }
            }
        }
        let count = Double(photons)
        let bare = bareSum / count
        let pigmented = loss.map { bare - $0 / count }
        return Result(bare: bare, bareError: ((bareSumSq / count - bare * bare) / count).squareRoot(), specular: rsp,
                      transmittance: transmitted / count, pigmented: pigmented, shape: (nR, nA, nM, nQ))
    }

    @inline(__always)
    static func distance(_ x0: Double, _ y0: Double, _ z0: Double, _ x1: Double, _ y1: Double, _ z1: Double) -> Double {
        let dx = x1 - x0, dy = y1 - y0, dz = z1 - z0
        return (dx * dx + dy * dy + dz * dz).squareRoot()
    }

    /// The parameter interval [t0, t1] ⊂ [0, 1] of the segment (x0, y0) → (x1, y1) inside the
    /// circle of `radius` about the origin (empty: t1 ≤ t0). An infinite radius is everything.
    @inline(__always)
    static func chord(x0: Double, y0: Double, x1: Double, y1: Double, radius: Double) -> (Double, Double) {
        if radius == .infinity { return (0, 1) }
        let dx = x1 - x0, dy = y1 - y0
        let a = dx * dx + dy * dy
        let c = x0 * x0 + y0 * y0 - radius * radius
        if a < 1e-24 { return c <= 0 ? (0, 1) : (1, 0) }  // a vertical segment: in or out
        let b = x0 * dx + y0 * dy
        let disc = b * b - a * c
        guard disc > 0 else { return (1, 0) }
        let root = disc.squareRoot()
        return (max(0, (-b - root) / a), min(1, (-b + root) / a))
    }

    /// Adds the part of a segment (depth za → zb, total `length`) between parameters t0 and t1
    /// to the depth slabs it crosses.
    @inline(__always)
    static func addLength(za: Double, zb: Double, t0: Double, t1: Double, length: Double, edges: [Double], into lengths: inout [Double]) {
        let dz = zb - za
        var lo = za + dz * t0, hi = za + dz * t1
        if lo > hi { swap(&lo, &hi) }
        lo = max(lo, edges[0]); hi = min(hi, edges[edges.count - 1])
        if abs(dz) < 1e-15 {
            // Horizontal: all of it in the slab holding za.
            guard za >= edges[0] && za < edges[edges.count - 1] else { return }
            var j = 0
            while edges[j + 1] <= za { j += 1 }
            lengths[j] += (t1 - t0) * length
            return
        }
        guard hi > lo else { return }
        let perDepth = length / abs(dz)
        var j = 0
        while edges[j + 1] <= lo { j += 1 }
        while j < lengths.count && edges[j] < hi {
            let a = max(lo, edges[j]), b = min(hi, edges[j + 1])
            if b > a { lengths[j] += (b - a) * perDepth }
            j += 1
        }
    }

    /// Unpolarised Fresnel reflectance from index n1 into n2 at incidence cosine cosI.
    public static func fresnel(n1: Double, n2: Double, cosI: Double) -> Double {
        if n1 == n2 { return 0 }
        let sinT = n1 / n2 * (1 - cosI * cosI).squareRoot()
        if sinT >= 1 { return 1 }
        let cosT = (1 - sinT * sinT).squareRoot()
        let rs = (n1 * cosI - n2 * cosT) / (n1 * cosI + n2 * cosT)
        let rp = (n1 * cosT - n2 * cosI) / (n1 * cosT + n2 * cosI)
        return 0.5 * (rs * rs + rp * rp)
    }

    /// Henyey–Greenstein scattering of direction (ux, uy, uz) (MCML's spin).
    @inline(__always)
    static func scatter(_ ux: Double, _ uy: Double, _ uz: Double, g: Double, xi1: Double, xi2: Double) -> (Double, Double, Double) {
        let cosT: Double
        if abs(g) < 1e-6 {
            cosT = 2 * xi1 - 1
        } else {
            let f = (1 - g * g) / (1 - g + 2 * g * xi1)
            cosT = max(-1, min(1, (1 + g * g - f * f) / (2 * g)))
        }
        let sinT = (1 - cosT * cosT).squareRoot()
        let psi = 2 * Double.pi * xi2
        let cosP = Foundation.cos(psi), sinP = Foundation.sin(psi)
        if abs(uz) > 0.99999 {
            return (sinT * cosP, sinT * sinP, cosT * (uz >= 0 ? 1 : -1))
        }
        let t = (1 - uz * uz).squareRoot()
        return (sinT * (ux * uz * cosP - uy * sinP) / t + ux * cosT,
                sinT * (uy * uz * cosP + ux * sinP) / t + uy * cosT,
                -sinT * cosP * t + uz * cosT)
    }
}
