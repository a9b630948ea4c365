import Foundation

/// Small statistics helpers for fit reports.
public enum FitStatistics {
    /// Regularised incomplete beta I_x(a, b) (continued fraction, Lentz; Numerical Recipes §6.4).
    public static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) { return exp(lnFront) * betaFraction(x, a, b) / a }
        return 1 - exp(lnFront) * betaFraction(1 - x, b, a) / b
    }

    private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// Student t cumulative distribution with `df` degrees of freedom.
    public static func studentTCDF(_ t: Double, df: Double) -> Double {
        let tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p` quantile (0.5 < p < 1) of Student's t with `df` > 0 degrees of freedom, by
    /// bisection on the CDF to 1e-12 (t₀.₉₇₅ for df = 10 is 2.228138852).
    public static func studentTQuantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0.5 && p < 1 && df > 0)
        var lo = 0.0, hi = 1.0
        while studentTCDF(hi, df: df) < p { hi *= 2; if hi > 1e12 { return .infinity } }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if studentTCDF(mid, df: df) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-12 * max(1, hi) { break }
        }
        return 0.5 * (lo + hi)
    }

    /// Gaussian log-likelihood at the maximum-likelihood σ̂² = SSR/N:
    /// ln L = −N/2 · (ln(2π · SSR/N) + 1).
    public static func logLikelihood(ssr: Double, n: Int) -> Double {
        let nn = Double(n)
        return -0.5 * nn * (log(2 * Double.pi * max(ssr, 1e-300) / nn) + 1)
    }

    /// AIC = −2 ln L + 2k, with k = fitted parameters + 1 (σ²).
    public static func aic(ssr: Double, n: Int, parameters p: Int) -> Double {
        -2 * logLikelihood(ssr: ssr, n: n) + 2 * Double(p + 1)
    }

    /// BIC = −2 ln L + k ln N, with k = fitted parameters + 1 (σ²).
    public static func bic(ssr: Double, n: Int, parameters p: Int) -> Double {
        -2 * logLikelihood(ssr: ssr, n: n) + Double(p + 1) * log(Double(n))
    }
}
