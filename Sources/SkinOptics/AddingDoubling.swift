import Foundation

/// Adding–doubling radiative transfer for plane-parallel layered media (Prahl 1995, "The
/// adding-doubling method", in Welch & van Gemert, *Optical-Thermal Response of
/// Laser-Irradiated Tissue*, ch. 5; van de Hulst 1980, *Multiple Light Scattering*).
///
/// **Why it is here.** The run-time skin model (`TwoStream`) is a two-flux approximation: fast,
/// but its angular closure is only approximate for thin, strongly forward-scattering layers under
/// a refractive-index step. Adding–doubling solves the same layered problem to quadrature
/// accuracy (errors of order 10⁻⁴ in reflectance at 16–32 angles), so it is the reference the
/// run-time model is held to in the tests and the source of any correction tabulated offline.
/// It costs n³ per matrix operation on n angles, a few hundred colours per second — far too slow
/// for run time, which is why it lives beside the fast model rather than replacing it.
///
/// **Method.** Light is carried by `n` discrete directions per hemisphere (cosines ν with
/// quadrature weights w; `Quadrature`). The Henyey–Greenstein phase function is azimuthally
/// averaged into a redistribution matrix by its Legendre series, with the δ-M truncation of
/// Wiscombe (1977, J. Atmos. Sci. 34:1408): the part of the forward peak the n angles cannot
/// resolve is treated as unscattered, rescaling albedo and optical thickness. A thin starting
/// layer (optical thickness below the smallest ν) is solved by the infinitesimal-generator or
/// the diamond initialisation (Wiscombe 1976, J. Quant. Spectrosc. Radiat. Transfer 16:637),
/// chosen as Prahl chooses; doubling it k times gives the layer. Layers, and the Fresnel
/// boundary at the surface, are joined by the adding equations.
///
/// **Convention.** Operators act on *flux per quadrature direction* (radiance × 2νw): column j
/// of a reflection operator is the flux leaving in each direction per unit flux arriving in
/// direction j. Totals are then column sums, and energy conservation is "columns of ρ + τ sum
/// to 1" for a non-absorbing layer. (Prahl's published matrices are in radiance form; `prahlForm`
/// converts for the tests.)
public enum AddingDoubling {
    /// Discrete directions of one hemisphere, ascending ν, the last one normal (ν = 1).
    public struct Quadrature: Sendable {
        /// Direction cosines inside the medium and their weights on [0, 1] (Σ w = 1).
        public let nu: [Double], weight: [Double]
        /// 2νw: the share of a diffuse (Lambertian) flux carried by each direction.
        public let c: [Double]
        /// Refractive index of the medium relative to the air above it.
        public let refractiveIndex: Double
        /// Index of the first direction that can leave into air (ν above the critical cosine).
        public let firstEscaping: Int
        public var count: Int { nu.count }

        /// Prahl's choice: with an index step, Gauss points below the critical cosine ν_c and
        /// Radau points from ν_c to 1 (so that ν = 1, the normal beam, is a direction and no
        /// direction straddles total internal reflection); without one, Radau points on [0, 1].
        /// `points` is the number per hemisphere (even with an index step).
        public init(points: Int, refractiveIndex n: Double) {
            refractiveIndex = n
            var x: [Double] = [], w: [Double] = []
            if n == 1 {
                (x, w) = Legendre.radau(points, from: 0, to: 1)
            } else {
                precondition(points % 2 == 0, "an index step needs an even number of directions")
                let nuC = (1 - 1 / (n * n)).squareRoot()
                let g = Legendre.gauss(points / 2, from: 0, to: nuC)
                let r = Legendre.radau(points / 2, from: nuC, to: 1)
                x = g.nodes + r.nodes; w = g.weights + r.weights
            }
            nu = x; weight = w
            c = zip(x, w).map { 2 * $0 * $1 }
            let nuC = n > 1 ? (1 - 1 / (n * n)).squareRoot() : 0
            firstEscaping = x.firstIndex { $0 > nuC } ?? x.count
        }
    }

    /// Reflection and transmission operators of a layer (or a stack): `reflection` for light
    /// arriving from above, `reflectionBelow` from below, `transmission` downwards,
    /// `transmissionUp` upwards. A homogeneous slab is symmetric (the pairs are equal).
    public struct Operators: Sendable {
        public var reflection: Matrix, reflectionBelow: Matrix
        public var transmission: Matrix, transmissionUp: Matrix

        public init(reflection: Matrix, reflectionBelow: Matrix, transmission: Matrix, transmissionUp: Matrix) {
            self.reflection = reflection; self.reflectionBelow = reflectionBelow
            self.transmission = transmission; self.transmissionUp = transmissionUp
        }

        init(symmetric r: Matrix, _ t: Matrix) { self.init(reflection: r, reflectionBelow: r, transmission: t, transmissionUp: t) }
    }

    /// `top` laid on `bottom` (the adding equations; the multiple reflections between the two
    /// are summed by one linear solve each way).
    public static func add(_ a: Operators, over b: Operators) -> Operators {
        let n = a.reflection.n, id = Matrix.identity(n)
        // Downward light bouncing between the layers: (I − ρ̃_a ρ_b)⁻¹ τ_a.
        let down = (id - a.reflectionBelow * b.reflection).solve(a.transmission)
        // Upward light: (I − ρ_b ρ̃_a)⁻¹ τ̃_b.
        let up = (id - b.reflection * a.reflectionBelow).solve(b.transmissionUp)
        return Operators(reflection: a.reflection + a.transmissionUp * (b.reflection * down),
                         reflectionBelow: b.reflectionBelow + b.transmission * (a.reflectionBelow * up),
                         transmission: b.transmission * down,
                         transmissionUp: a.transmissionUp * up)
    }

    /// Reflection (from above) of layer `a` lying on a substrate that reflects `substrate`: the
    /// bottom-up step, which needs neither transmission of the stack below.
    public static func reflection(of a: Operators, over substrate: Matrix) -> Matrix {
        let id = Matrix.identity(substrate.n)
        let down = (id - a.reflectionBelow * substrate).solve(a.transmission)
        return a.reflection + a.transmissionUp * (substrate * down)
    }

    /// The step between air (above) and the medium of `q` (below): Fresnel reflection and
    /// transmission per direction, total internal reflection for directions below the critical
    /// cosine. Flux is what crosses, so no n² radiance factor enters here (it enters the
    /// diffuse totals, `Totals`).
    public static func airBoundary(_ q: Quadrature) -> Operators {
        let r = q.nu.map { fresnelFromInside(cosine: $0, n: q.refractiveIndex) }
        let t = r.map { 1 - $0 }
        return Operators(symmetric: .diagonal(r), .diagonal(t))
    }

    /// Unpolarised Fresnel reflectance of the step for light inside the medium (index n, air
    /// outside) at direction cosine ν; 1 beyond the critical angle. The same for the reverse path.
    public static func fresnelFromInside(cosine nu: Double, n: Double) -> Double {
        if n == 1 { return 0 }
        let sinOut2 = n * n * (1 - nu * nu)
        if sinOut2 >= 1 { return 1 }
        let cOut = (1 - sinOut2).squareRoot()
        let rs = (n * nu - cOut) / (n * nu + cOut)
        let rp = (nu - n * cOut) / (nu + n * cOut)
        return 0.5 * (rs * rs + rp * rp)
    }

    /// Van de Hulst's totals for a stack with operators `s` whose directions are `q`:
    /// UR1/UT1 for a normal beam of unit flux, URU/UTU for unit diffuse flux from air above,
    /// each counting only the light that leaves into air (directions above the critical
    /// cosine). UR1 includes the specular reflection of the surface when the stack has one.
    public struct Totals: Equatable, Sendable {
        public var ur1: Double, ut1: Double, uru: Double, utu: Double

        public init(_ s: Operators, _ q: Quadrature) {
            let n = q.count, k = q.firstEscaping, rows = k..<n
            ur1 = s.reflection.columnSum(n - 1, rows: rows)
            ut1 = s.transmission.columnSum(n - 1, rows: rows)
            // Diffuse light from air fills the escaping directions in proportion to 2νw; their
            // sum is 1/n², hence the n² (Prahl 1995, eq. for URU).
            let m2 = q.refractiveIndex * q.refractiveIndex
            uru = m2 * rows.reduce(0) { $0 + q.c[$1] * s.reflection.columnSum($1, rows: rows) }
            utu = m2 * rows.reduce(0) { $0 + q.c[$1] * s.transmission.columnSum($1, rows: rows) }
        }
    }

    /// Prahl's matrix (his R or T, radiance out per flux in) from a flux operator: R_ij = ρ_ij / c_i.
    public static func prahlForm(_ m: Matrix, _ q: Quadrature) -> Matrix {
        m.scaled(rows: q.c.map { 1 / $0 }, columns: q.c.map { _ in 1 })
    }
}
