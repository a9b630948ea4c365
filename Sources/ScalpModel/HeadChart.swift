import Foundation

/// The equal-area head chart: a generalised Lambert azimuthal projection of an ellipsoidal
/// head about its vertex.
///
/// Surface: x = a sinθ sinφ, y = −b sinθ cosφ, z = c cosθ, with θ the parametric polar angle
/// from the vertex and φ the azimuth from the front (glabella at θ = π/2, φ = 0; φ > 0 to the
/// client's right). The chart puts a surface point at radius ρ, ρ²/2 = ∫₀^θ J dθ′, in direction
/// φ about the vertex, so every region keeps its skin area (on a sphere this is exactly Lambert's
/// projection). Chart millimetres: x = ρ sinφ, y = ρ_g − ρ cosφ, where ρ_g is the glabella's
/// radius, so y = 0 at the glabella and y grows towards the nape.
///
/// Extent: the upper half-ellipsoid plus a band below the circumference plane that is zero at
/// the front and deepens towards the back, δ(φ) = δ_back (1 − cosφ)/2, modelling the hair that
/// grows down the sides towards the ears and down the occiput towards the nape (assumption,
/// δ_back = 20° by default; with the atlas's native hairline it gives a Norwood I hair-bearing
/// scalp of about 500 cm², Bernstein & Rassman, Data/SOURCES.md).
public struct HeadChart: Sendable {
    public let axes: EllipsoidAxes
    /// Head circumference (mm) this chart was built for.
    public let circumferenceMM: Double
    /// circumference / 570 mm: multiplies the atlas's reference-head coordinates.
    public let referenceScale: Double
    /// Depth of the band below the circumference plane at the back (radians).
    public let bandBelowAtBack: Double
    /// Chart radius of the glabella (distance from the vertex on the chart), mm.
    public let glabellaRadius: Double
    let table: EqualAreaTable
    /// Outline radius ρ_max at φ = k·π/outlineSteps for k in 0...outlineSteps (φ ∈ [0, π]).
    private let outlineRadius: [Double]
    private let outlineSteps = 720
    /// Skin arc length from the glabella up the midline, at θ = π/2 − k·Δ.
    private let midlineArc: [Double]
    private let midlineSteps = 512

    /// Chart for a head of the given circumference, its axes fitted (Gauss–Newton + LAPACK) to
    /// the reference measurements scaled by circumference.
    public init(circumferenceMM: Double = 570, bandBelowAtBackDegrees: Double = 20) throws(ScalpModelError) {
        let m = try HeadMeasurements.scaled(circumferenceMM: circumferenceMM)
        let axes = try EllipsoidFit.fit(m)
        try self.init(axes: axes, circumferenceMM: circumferenceMM, bandBelowAtBackDegrees: bandBelowAtBackDegrees)
    }

    /// Chart for explicit axes. `circumferenceMM` sets the atlas scale (circumference / 570);
    /// when nil, the Ramanujan perimeter of (a, b) stands in for the measured circumference.
    public init(axes: EllipsoidAxes, circumferenceMM: Double? = nil, bandBelowAtBackDegrees: Double = 20) throws(ScalpModelError) {
        for (name, v) in [("a", axes.a), ("b", axes.b), ("c", axes.c)] where !(v.isFinite && v >= 20 && v <= 200) {
            throw .outOfRange(field: "ellipsoid semi-axis \(name) (mm)", value: v, expected: "20–200 mm")
        }
        guard bandBelowAtBackDegrees.isFinite, (0...45).contains(bandBelowAtBackDegrees) else {
            throw .outOfRange(field: "band below the circumference plane (degrees)", value: bandBelowAtBackDegrees, expected: "0–45°")
        }
        let circ = circumferenceMM ?? EllipsoidAxes.ramanujanPerimeter(axes.a, axes.b)
        guard HeadMeasurements.circumferenceRange.contains(circ) else {
            throw .outOfRange(field: "head circumference (mm)", value: circ, expected: "400–700 mm")
        }
        self.axes = axes
        self.circumferenceMM = circ
        referenceScale = circ / HeadMeasurements.reference.circumference
        bandBelowAtBack = bandBelowAtBackDegrees * Double.pi / 180
        let thetaTop = Double.pi / 2 + bandBelowAtBack
        table = EqualAreaTable(axes: axes, thetaMax: max(thetaTop, Double.pi / 2 + 1e-3))
        glabellaRadius = (2 * table.cumulativeArea(theta: Double.pi / 2, phi: 0)).squareRoot()
        var outline = [Double](repeating: 0, count: outlineSteps + 1)
        for k in 0...outlineSteps {
            let phi = Double(k) * Double.pi / Double(outlineSteps)
            outline[k] = (2 * table.cumulativeArea(theta: Self.edgeTheta(phi: phi, band: bandBelowAtBack), phi: phi)).squareRoot()
        }
        outlineRadius = outline
        // Midline arc: ds = √(b² cos²θ + c² sin²θ) dθ along φ = 0, Simpson per step.
        var arc = [Double](repeating: 0, count: midlineSteps + 1)
        let h = (Double.pi / 2) / Double(midlineSteps)
        func speed(_ t: Double) -> Double { (axes.b * axes.b * cos(t) * cos(t) + axes.c * axes.c * sin(t) * sin(t)).squareRoot() }
        for k in 1...midlineSteps {
            let t0 = Double.pi / 2 - Double(k - 1) * h, t1 = t0 - h
            arc[k] = arc[k - 1] + h / 6 * (speed(t0) + 4 * speed(t0 - h / 2) + speed(t1))
        }
        midlineArc = arc
    }

    /// Polar angle of the chart's lower edge at azimuth φ: π/2 + δ_back (1 − cosφ)/2.
    static func edgeTheta(phi: Double, band: Double) -> Double {
        Double.pi / 2 + band * (1 - cos(phi)) / 2
    }

    /// Polar angle of this chart's lower edge at azimuth φ (surface points with θ beyond it lie
    /// off the scalp chart).
    public func edgeTheta(phi: Double) -> Double { Self.edgeTheta(phi: phi, band: bandBelowAtBack) }

    // MARK: Forward and inverse maps

    /// Chart position of the surface point (θ, φ).
    public func chartPoint(theta: Double, phi: Double) -> ChartPoint {
        let rho = (2 * table.cumulativeArea(theta: theta, phi: phi)).squareRoot()
        return ChartPoint(x: rho * sin(phi), y: glabellaRadius - rho * cos(phi))
    }

    /// Polar chart coordinates about the vertex: ρ (mm) and φ ∈ (−π, π], φ = 0 towards the brow.
    public func polar(x: Double, y: Double) -> (rho: Double, phi: Double) {
        let forward = glabellaRadius - y
        return ((x * x + forward * forward).squareRoot(), atan2(x, forward))
    }

    /// Surface angles (θ, φ) of a chart point (inverse map; θ clamped to the table's range).
    public func surfaceAngles(x: Double, y: Double) -> (theta: Double, phi: Double) {
        let (rho, phi) = polar(x: x, y: y)
        return (table.theta(cumulativeArea: rho * rho / 2, phi: phi), phi)
    }

    /// 3-D surface point (mm; x right, y towards the nape, z up from the brow plane).
    public func surfacePoint(theta: Double, phi: Double) -> (x: Double, y: Double, z: Double) {
        (axes.a * sin(theta) * sin(phi), -axes.b * sin(theta) * cos(phi), axes.c * cos(theta))
    }

    /// Area element of the parametrisation at (θ, φ), mm² per rad².
    public func areaElement(theta: Double, phi: Double) -> Double {
        EqualAreaTable.areaElement(axes, theta: theta, phi: phi)
    }

    // MARK: Extent

    /// Chart radius of the outline at azimuth φ (linear interpolation in a 0.25° table).
    public func outlineRadius(phi: Double) -> Double {
        let s = abs(phi) / Double.pi * Double(outlineSteps)
        let i = min(outlineSteps - 1, Int(s))
        let w = min(1, s - Double(i))
        return (1 - w) * outlineRadius[i] + w * outlineRadius[i + 1]
    }

    /// The smallest and largest outline radius (of the table `outlineRadius(phi:)` interpolates):
    /// a chart point nearer the vertex than the first is on the chart, one beyond the second is
    /// off it, whatever its direction.
    public var outlineRadiusBounds: (min: Double, max: Double) {
        (outlineRadius.min()!, outlineRadius.max()!)
    }

    /// Whether (x, y) lies on the scalp chart.
    public func contains(x: Double, y: Double) -> Bool {
        let (rho, phi) = polar(x: x, y: y)
        return rho <= outlineRadius(phi: phi)
    }

    /// Closed outline polygon (first point not repeated), starting at the glabella, going towards the client's right.
    public func outline(points: Int = 360) -> [ChartPoint] {
        (0..<points).map { k in
            let phi = 2 * Double.pi * Double(k) / Double(points)
            let p = phi > Double.pi ? phi - 2 * Double.pi : phi
            let rho = outlineRadius(phi: p)
            return ChartPoint(x: rho * sin(p), y: glabellaRadius - rho * cos(p))
        }
    }

    /// Axis-aligned bounds of the chart (mm).
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var minX = 0.0, maxX = 0.0, maxY = 0.0
        var minY = Double.infinity
        for k in 0...outlineSteps {
            let phi = Double(k) * Double.pi / Double(outlineSteps)
            let rho = outlineRadius[k]
            maxX = max(maxX, rho * sin(phi)); minX = -maxX
            minY = min(minY, glabellaRadius - rho * cos(phi))
            maxY = max(maxY, glabellaRadius - rho * cos(phi))
        }
        return (minX, minY, maxX, maxY)
    }

    /// Chart area (mm²) = skin area of the chart's cap, by ∫ ρ_max²/2 dφ.
    public var areaMM2: Double {
        var sum = 0.0
        for k in 0..<outlineSteps {
            let r0 = outlineRadius[k], r1 = outlineRadius[k + 1]
            sum += (r0 * r0 + r1 * r1) / 4 * (Double.pi / Double(outlineSteps))
        }
        return 2 * sum
    }

    // MARK: Midline heights

    /// Skin arc length (mm) from the glabella to the vertex along the midline.
    public var glabellaToVertexArcMM: Double { midlineArc[midlineSteps] }

    /// Chart y of the midline point `heightMM` above the glabella measured along the skin
    /// (hairline heights are measured with a tape on the skin, not on the chart).
    public func chartY(heightAboveBrowMM heightMM: Double) -> Double {
        let h = min(max(heightMM, 0), glabellaToVertexArcMM)
        var lo = 0, hi = midlineSteps
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if midlineArc[mid] <= h { lo = mid } else { hi = mid }
        }
        let span = midlineArc[hi] - midlineArc[lo]
        let u = span > 0 ? (h - midlineArc[lo]) / span : 0
        let theta = Double.pi / 2 - (Double(lo) + u) * (Double.pi / 2) / Double(midlineSteps)
        return chartPoint(theta: theta, phi: 0).y
    }
}
