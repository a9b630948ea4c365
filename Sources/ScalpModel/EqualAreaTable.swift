import Foundation

/// Precomputed cumulative surface area F(θ, φ) = ∫₀^θ J(θ′, φ) dθ′ of the ellipsoid
/// x = a sinθ sinφ, y = −b sinθ cosφ, z = c cosθ (θ from the vertex, φ from the front).
///
/// The generalised Lambert chart sets ρ²/2 = F(θ, φ), so ρ dρ dφ = J dθ dφ: chart area equals
/// skin area exactly, whatever the ellipsoid. J depends on φ only through sin²φ and cos²φ, so
/// the table covers φ ∈ [0, π/2] and the other quadrants fold onto it. Along θ each interval is
/// integrated with Simpson's rule, and lookups use cubic Hermite interpolation with the exact
/// derivative J, so table errors are far below a grid cell.
struct EqualAreaTable: Sendable {
    let axes: EllipsoidAxes
    let thetaMax: Double
    let thetaCount: Int
    let phiCount: Int
    let dTheta: Double
    let dPhi: Double
    /// F at (iφ, iθ), row-major by φ: `f[iφ * (thetaCount + 1) + iθ]`.
    private let f: [Double]
    /// J at the same nodes.
    private let j: [Double]

    init(axes: EllipsoidAxes, thetaMax: Double, thetaCount: Int = 256, phiCount: Int = 360) {
        self.axes = axes
        self.thetaMax = thetaMax
        self.thetaCount = thetaCount
        self.phiCount = phiCount
        dTheta = thetaMax / Double(thetaCount)
        dPhi = (Double.pi / 2) / Double(phiCount)
        let stride = thetaCount + 1
        var f = [Double](repeating: 0, count: (phiCount + 1) * stride)
        var j = f
        for ip in 0...phiCount {
            let phi = Double(ip) * dPhi
            let s2 = sin(phi) * sin(phi), c2 = cos(phi) * cos(phi)
            var acc = 0.0
            var jPrev = Self.areaElement(axes, theta: 0, sin2Phi: s2, cos2Phi: c2)
            j[ip * stride] = jPrev
            for it in 1...thetaCount {
                let t1 = Double(it) * dTheta
                let jMid = Self.areaElement(axes, theta: t1 - dTheta / 2, sin2Phi: s2, cos2Phi: c2)
                let jNext = Self.areaElement(axes, theta: t1, sin2Phi: s2, cos2Phi: c2)
                acc += dTheta / 6 * (jPrev + 4 * jMid + jNext)
                f[ip * stride + it] = acc
                j[ip * stride + it] = jNext
                jPrev = jNext
            }
        }
        self.f = f
        self.j = j
    }

    /// Area element |∂r/∂θ × ∂r/∂φ| = sinθ √(c² sin²θ (b² sin²φ + a² cos²φ) + a² b² cos²θ).
    @inlinable
    static func areaElement(_ e: EllipsoidAxes, theta: Double, sin2Phi: Double, cos2Phi: Double) -> Double {
        let st = sin(theta), ct = cos(theta)
        let inner = e.c * e.c * st * st * (e.b * e.b * sin2Phi + e.a * e.a * cos2Phi) + e.a * e.a * e.b * e.b * ct * ct
        return st * inner.squareRoot()
    }

    static func areaElement(_ e: EllipsoidAxes, theta: Double, phi: Double) -> Double {
        areaElement(e, theta: theta, sin2Phi: sin(phi) * sin(phi), cos2Phi: cos(phi) * cos(phi))
    }

    /// Folds any azimuth onto [0, π/2] using the ellipsoid's two mirror symmetries.
    @inlinable
    static func fold(_ phi: Double) -> Double {
        var p = abs(phi).truncatingRemainder(dividingBy: 2 * Double.pi)
        if p > Double.pi { p = 2 * Double.pi - p }
        if p > Double.pi / 2 { p = Double.pi - p }
        return p
    }

    /// F(θ, φ) for θ in [0, thetaMax].
    func cumulativeArea(theta: Double, phi: Double) -> Double {
        let (ip, w) = phiCell(Self.fold(phi))
        let (it, u) = thetaCell(theta)
        return (1 - w) * hermite(ip, it, u) + w * hermite(ip + 1, it, u)
    }

    /// θ such that F(θ, φ) = area (clamped to [0, thetaMax]).
    func theta(cumulativeArea area: Double, phi: Double) -> Double {
        let (ip, w) = phiCell(Self.fold(phi))
        let stride = thetaCount + 1
        @inline(__always) func blended(_ it: Int) -> Double { (1 - w) * f[ip * stride + it] + w * f[(ip + 1) * stride + it] }
        if area <= 0 { return 0 }
        if area >= blended(thetaCount) { return thetaMax }
        var lo = 0, hi = thetaCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if blended(mid) <= area { lo = mid } else { hi = mid }
        }
        // Secant start inside the bracket, then Newton steps on the Hermite interpolant.
        let f0 = blended(lo), f1 = blended(hi)
        var u = f1 > f0 ? (area - f0) / (f1 - f0) : 0
        for _ in 0..<3 {
            let value = (1 - w) * hermite(ip, lo, u) + w * hermite(ip + 1, lo, u)
            let slope = ((1 - w) * hermiteSlope(ip, lo, u) + w * hermiteSlope(ip + 1, lo, u)) * dTheta
            guard slope > 0 else { break }
            u = min(1, max(0, u - (value - area) / slope))
        }
        return (Double(lo) + u) * dTheta
    }

    private func phiCell(_ p: Double) -> (Int, Double) {
        let s = p / dPhi
        let i = min(phiCount - 1, max(0, Int(s)))
        return (i, s - Double(i))
    }

    private func thetaCell(_ t: Double) -> (Int, Double) {
        let s = min(max(t, 0), thetaMax) / dTheta
        let i = min(thetaCount - 1, max(0, Int(s)))
        return (i, s - Double(i))
    }

    /// Cubic Hermite interpolation of F on [θ_it, θ_it+1] in column ip at fraction u.
    @inline(__always)
    private func hermite(_ ip: Int, _ it: Int, _ u: Double) -> Double {
        let k = ip * (thetaCount + 1) + it
        let u2 = u * u, u3 = u2 * u
        let h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2
        return h00 * f[k] + h10 * dTheta * j[k] + h01 * f[k + 1] + h11 * dTheta * j[k + 1]
    }

    /// dF/du of the Hermite interpolant (multiply by 1/dθ for dF/dθ).
    @inline(__always)
    private func hermiteSlope(_ ip: Int, _ it: Int, _ u: Double) -> Double {
        let k = ip * (thetaCount + 1) + it
        let u2 = u * u
        let d00 = 6 * u2 - 6 * u, d10 = 3 * u2 - 4 * u + 1, d01 = -6 * u2 + 6 * u, d11 = 3 * u2 - 2 * u
        return (d00 * f[k] + d10 * dTheta * j[k] + d01 * f[k + 1] + d11 * dTheta * j[k + 1]) / dTheta
    }
}
