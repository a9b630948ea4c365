/// Semi-axes (mm) of the ellipsoidal head: `a` half breadth (x, to the right), `b` half length
/// (front–back), `c` height of the vertex above the brow/circumference plane.
public struct EllipsoidAxes: Hashable, Sendable, Codable {
    public var a: Double
    public var b: Double
    public var c: Double

    public init(a: Double, b: Double, c: Double) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// The measurements an ellipsoid with these axes would give, exactly as the fit models them
    /// (Ramanujan perimeters; arcs are half perimeters of the principal sections).
    public var modelledMeasurements: HeadMeasurements {
        HeadMeasurements(circumference: Self.ramanujanPerimeter(a, b), length: 2 * b, breadth: 2 * a,
                         sagittalArc: Self.ramanujanPerimeter(b, c) / 2,
                         coronalArc: Self.ramanujanPerimeter(a, c) / 2)
    }

    /// Ramanujan's first approximation to the perimeter of an ellipse with semi-axes p, q:
    /// π[3(p+q) − √((3p+q)(p+3q))]; relative error below 1e-4 for the aspect ratios of heads.
    @inlinable
    public static func ramanujanPerimeter(_ p: Double, _ q: Double) -> Double {
        Double.pi * (3 * (p + q) - ((3 * p + q) * (p + 3 * q)).squareRoot())
    }

    /// Partial derivatives of `ramanujanPerimeter` with respect to p and q (analytic, for the
    /// Gauss–Newton Jacobian).
    @inlinable
    public static func ramanujanGradient(_ p: Double, _ q: Double) -> (dp: Double, dq: Double) {
        let s = ((3 * p + q) * (p + 3 * q)).squareRoot()
        return (Double.pi * (3 - (3 * p + 5 * q) / s), Double.pi * (3 - (5 * p + 3 * q) / s))
    }
}
