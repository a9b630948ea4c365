import Foundation

/// R(t) = exp(−k·m·t): one pool lost at a constant per-day rate (m = rate multiplier).
/// Half-life ln 2 / (k·m).
public struct MonoExponential: FadeModel {
    public static let name = "mono"
    public static let formula = "R(t) = exp(-k t)"
    public static let specification = [
        FadeParameter(name: "k", unit: "1/day", lower: 1e-7, upper: 1, defaultValue: 6.5e-4, meaning: "loss rate"),
    ]
    public static var hasAnalyticGradient: Bool { true }
    public let k: Double
    let m: Double

    public init(unchecked v: UnsafeBufferPointer<Double>, conditions: FadeConditions) {
        k = v[0]; m = conditions.rateMultiplier
    }
    public init(k: Double, conditions: FadeConditions = FadeConditions()) { self.k = k; m = conditions.rateMultiplier }

    @inline(__always) public func retained(atDay t: Double) -> Double { exp(-k * m * t) }
    public func gradient(atDay t: Double, into g: UnsafeMutableBufferPointer<Double>) -> Double {
        let r = exp(-k * m * t)
        g[0] = -m * t * r
        return r
    }
    /// Days until half the pigment is gone.
    public var halfLifeDays: Double { log(2) / (k * m) }
}

/// R(t) = f·exp(−k_fast·m·t) + (1 − f)·exp(−k_slow·m·t): a fraction f lost quickly and the rest
/// slowly. R(0) = 1, R(∞) = 0. Plans start the curve once healed, after the early loss of
/// healing (`HealedDose`), so the default fast pool is empty (f = 0): the pigment shed with the
/// healing epidermis or drained before capture is that early loss, not counted twice. Fits of
/// data that count from the session (with healing in them) free f.
public struct BiExponential: FadeModel {
    public static let name = "bi"
    public static let formula = "R(t) = f exp(-kFast t) + (1 - f) exp(-kSlow t)"
    public static let specification = [
        FadeParameter(name: "f", unit: "fraction", lower: 0, upper: 1, defaultValue: 0, meaning: "fraction in the fast pool"),
        FadeParameter(name: "kFast", unit: "1/day", lower: 1e-6, upper: 5, defaultValue: 0.03, meaning: "fast (early) loss rate"),
        FadeParameter(name: "kSlow", unit: "1/day", lower: 1e-8, upper: 1, defaultValue: 2e-4, meaning: "slow (long-term) loss rate"),
    ]
    public static var hasAnalyticGradient: Bool { true }
    public let f: Double, kFast: Double, kSlow: Double
    let m: Double

    public init(unchecked v: UnsafeBufferPointer<Double>, conditions: FadeConditions) {
        f = v[0]; kFast = v[1]; kSlow = v[2]; m = conditions.rateMultiplier
    }
    public init(f: Double, kFast: Double, kSlow: Double, conditions: FadeConditions = FadeConditions()) {
        self.f = f; self.kFast = kFast; self.kSlow = kSlow; m = conditions.rateMultiplier
    }

    @inline(__always) public func retained(atDay t: Double) -> Double {
        f * exp(-kFast * m * t) + (1 - f) * exp(-kSlow * m * t)
    }
    public func gradient(atDay t: Double, into g: UnsafeMutableBufferPointer<Double>) -> Double {
        let ef = exp(-kFast * m * t), es = exp(-kSlow * m * t)
        g[0] = ef - es
        g[1] = -f * m * t * ef
        g[2] = -(1 - f) * m * t * es
        return f * ef + (1 - f) * es
    }
}

/// R(t) = exp(−(m·t/λ)^β): stretched (β < 1: fast early loss with a long tail) or compressed
/// (β > 1) exponential; R(λ/m) = e⁻¹ for any β.
public struct StretchedExponential: FadeModel {
    public static let name = "weibull"
    public static let formula = "R(t) = exp(-(t / lambda)^beta)"
    public static let specification = [
        FadeParameter(name: "lambda", unit: "day", lower: 1, upper: 1e7, defaultValue: 5600, meaning: "characteristic time (R = 1/e)"),
        FadeParameter(name: "beta", unit: "1", lower: 0.05, upper: 5, defaultValue: 0.62, meaning: "shape: < 1 stretched, 1 exponential"),
    ]
    public static var hasAnalyticGradient: Bool { true }
    public let lambda: Double, beta: Double
    let m: Double

    public init(unchecked v: UnsafeBufferPointer<Double>, conditions: FadeConditions) {
        lambda = v[0]; beta = v[1]; m = conditions.rateMultiplier
    }
    public init(lambda: Double, beta: Double, conditions: FadeConditions = FadeConditions()) {
        self.lambda = lambda; self.beta = beta; m = conditions.rateMultiplier
    }

    @inline(__always) public func retained(atDay t: Double) -> Double {
        t <= 0 ? 1 : exp(-pow(m * t / lambda, beta))
    }
    public func gradient(atDay t: Double, into g: UnsafeMutableBufferPointer<Double>) -> Double {
        guard t > 0 else { g[0] = 0; g[1] = 0; return 1 }
        let x = m * t / lambda, lx = log(x), u = exp(beta * lx), r = exp(-u)
        g[0] = r * u * beta / lambda      // ∂/∂λ of −u = +β u/λ
        g[1] = -r * u * lx
        return r
    }
}

/// R(t) = exp(−k·(1 + g·s)·m·t): mono-exponential whose rate grows with the sun exposure s of
/// the scalp (photodegradation of pigment; g = UV gain). A single series cannot separate k
/// from g, so g is held at its default in fits.
public struct UVScaledExponential: FadeModel {
    public static let name = "uv"
    public static let formula = "R(t) = exp(-k (1 + uvGain s) t), s = sun exposure 0..1"
    public static let specification = [
        FadeParameter(name: "k", unit: "1/day", lower: 1e-7, upper: 1, defaultValue: 5.0e-4, meaning: "loss rate with no sun"),
        FadeParameter(name: "uvGain", unit: "1", lower: 0, upper: 20, defaultValue: 0.6, fitted: false,
                      meaning: "relative rate increase at full sun exposure"),
    ]
    public static var hasAnalyticGradient: Bool { true }
    public let k: Double, uvGain: Double, sun: Double
    let m: Double

    public init(unchecked v: UnsafeBufferPointer<Double>, conditions: FadeConditions) {
        k = v[0]; uvGain = v[1]; sun = conditions.sunExposure; m = conditions.rateMultiplier
    }

    @inline(__always) public func retained(atDay t: Double) -> Double { exp(-k * (1 + uvGain * sun) * m * t) }
    public func gradient(atDay t: Double, into g: UnsafeMutableBufferPointer<Double>) -> Double {
        let r = retained(atDay: t)
        g[0] = -(1 + uvGain * sun) * m * t * r
        g[1] = -k * sun * m * t * r
        return r
    }
}
