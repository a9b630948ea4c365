import Support

/// Seeded, smooth 1-D value noise: random knot values every `wavelength` mm, joined by
/// Catmull–Rom cubics (C¹, so the curve has no kinks). Deterministic for a given seed on every
/// platform, because the knots come from SplitMix64 rather than the system generator.
struct SmoothNoise1D: Sendable, Hashable {
    let wavelength: Double
    let origin: Double
    let knots: [Double]

    /// Noise covering [from, to] with values in about [−1, 1].
    init(seed: UInt64, wavelength: Double, from: Double, to: Double) {
        self.wavelength = wavelength
        origin = from - 2 * wavelength
        let count = Int(((to - from) / wavelength).rounded(.up)) + 5
        var rng = SplitMix64(seed: seed)
        knots = (0..<count).map { _ in rng.nextUnit() * 2 - 1 }
    }

    func value(at x: Double) -> Double {
        let s = (x - origin) / wavelength
        let i = min(max(1, Int(s.rounded(.down))), knots.count - 3)
        let t = min(max(s - Double(i), 0), 1)
        let p0 = knots[i - 1], p1 = knots[i], p2 = knots[i + 1], p3 = knots[i + 2]
        let t2 = t * t, t3 = t2 * t
        return 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3)
    }
}
