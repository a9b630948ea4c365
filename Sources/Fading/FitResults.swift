import Foundation
import Support

/// Whether a model fit converged: `converged` only when a stopping test held and the estimate
/// passed the first-order optimality check (see `FitStopReason`).
public enum FitStatus: String, Sendable, Codable, Equatable {
    case converged
    case notConverged = "not-converged"
    case failed
}

/// How a parameter's 95 % interval was formed (`ParameterEstimate.ci95Method`).
///
/// The Wald interval θ̂ ± t·SE knows nothing of the parameter's bounds: a rate near zero gets a
/// negative lower limit, which no rate can have. Such an interval is cut at the bound and
/// flagged, and an estimate sitting on its bound gets no interval at all (the linearisation
/// behind it does not hold there), so an interval is never silently outside what the model
/// allows.
public enum IntervalMethod: String, Sendable, Codable, Equatable {
    /// θ̂ ± t₀.₉₇₅(N − q)·SE, inside the bounds.
    case wald
    /// The Wald interval crossed a bound and was cut there: read it as one-sided at that end.
    case clippedAtBound = "clipped-at-bound"
    /// The estimate is on a bound: no interval (the data push the parameter past what is allowed).
    case atBound = "at-bound"
    /// No standard error (held fixed, not identifiable, or withheld as unreliable).
    case none
}

extension IntervalMethod: DecodingDefault {
    /// Files written before the interval method was recorded.
    public static var decodingDefault: IntervalMethod { .none }
}

/// One parameter's estimate. Intervals are θ̂ ± t₀.₉₇₅(N − q)·SE (Wald, t distribution), kept
/// inside the parameter's bounds (`IntervalMethod`).
/// Coded with the `stipple fade fit` CSV's column names, so JSON and CSV readers see one schema;
/// every key is written (`NullWhenAbsent`: null when absent), as the CSV has every column.
public struct ParameterEstimate: Sendable, Codable, Equatable {
    public var name: String
    public var unit: String
    public var estimate: Double
    /// √(s²·[(JᵀJ)⁻¹]ⱼⱼ) with s² = SSR/(N − q); nil when held fixed, not identifiable, or
    /// withheld because the Jacobian is too ill-conditioned (`ModelFit.standardErrorsReliable`).
    @NullWhenAbsent public var standardError: Double?
    @NullWhenAbsent public var ci95Low: Double?
    @NullWhenAbsent public var ci95High: Double?
    /// How the interval was formed; `clippedAtBound` and `atBound` say a bound is active
    /// (`none` when a file has no such key).
    @DefaultWhenAbsent public var ci95Method: IntervalMethod
    /// False when held at its default (not fitted).
    public var fitted: Bool
    /// The estimate sits on a bound: no interval is given (`IntervalMethod.atBound`).
    public var atBound: Bool

    public init(name: String, unit: String, estimate: Double, standardError: Double?, ci95Low: Double?, ci95High: Double?,
                ci95Method: IntervalMethod = .none, fitted: Bool, atBound: Bool) {
        self.name = name; self.unit = unit; self.estimate = estimate; self.standardError = standardError
        self.ci95Low = ci95Low; self.ci95High = ci95High; self.ci95Method = ci95Method; self.fitted = fitted; self.atBound = atBound
    }

    /// The estimate with its Wald interval kept inside [lower, upper] and flagged when a bound
    /// is active (`IntervalMethod`).
    public static func bounded(name: String, unit: String, estimate value: Double, standardError s: Double?, t: Double,
                               lower: Double, upper: Double) -> ParameterEstimate {
        let atBound = value <= lower || value >= upper
        guard let s else {
            return ParameterEstimate(name: name, unit: unit, estimate: value, standardError: nil, ci95Low: nil, ci95High: nil,
                                     ci95Method: atBound ? .atBound : .none, fitted: true, atBound: atBound)
        }
        if atBound {
            return ParameterEstimate(name: name, unit: unit, estimate: value, standardError: s, ci95Low: nil, ci95High: nil,
                                     ci95Method: .atBound, fitted: true, atBound: true)
        }
        let low = value - t * s, high = value + t * s
        let clipped = low < lower || high > upper
        return ParameterEstimate(name: name, unit: unit, estimate: value, standardError: s, ci95Low: max(low, lower),
                                 ci95High: min(high, upper), ci95Method: clipped ? .clippedAtBound : .wald, fitted: true, atBound: false)
    }

    enum CodingKeys: String, CodingKey {
        case name = "parameter", unit, estimate, standardError = "std_error", ci95Low = "ci95_low", ci95High = "ci95_high"
        case ci95Method = "ci95_method", fitted, atBound = "at_bound"
    }
}

/// One model fitted to one series. JSON keys are the CSV columns' names (`CodingKeys`).
public struct ModelFit: Sendable, Codable, Equatable {
    public var model: String
    public var status: FitStatus
    /// The test that stopped the fit (nil when it failed before iterating).
    public var reason: FitStopReason?
    public var message: String?
    /// N: number of observed values (points × channels).
    public var observations: Int
    /// q: number of fitted parameters (model parameters fitted + 2 per colour channel when affine).
    public var fittedParameters: Int
    public var parameters: [ParameterEstimate]
    /// Residual sum of squares at the estimate.
    public var ssr: Double?
    /// √(SSR/(N − q)): the residual standard deviation (NIST's "residual standard deviation").
    public var sigma: Double?
    /// √(SSR/N).
    public var rmse: Double?
    /// −2 ln L + 2(q + 1), Gaussian likelihood at σ̂² = SSR/N.
    public var aic: Double?
    /// −2 ln L + (q + 1) ln N.
    public var bic: Double?
    /// √(Σ held-out squared errors / N) over k deterministic folds (point i in fold i mod k).
    public var cvRMSE: Double?
    public var iterations: Int
    /// Rank by AIC among this series' converged fits (1 = best); nil for failed fits.
    public var aicRank: Int?
    /// κ₂ of the column-scaled Jacobian at the estimate, when ≥ 10⁴ (nil below: well conditioned).
    public var condition: Double?
    /// False when the standard errors were withheld: κ ≥ 1/√ε, or J singular at the estimate.
    public var standardErrorsReliable: Bool?

    /// Degrees of freedom N − q of the residual variance.
    public var degreesOfFreedom: Int { observations - fittedParameters }

    /// The stored values' keys: the compiler's `Decodable` reads these (a missing optional is nil).
    enum CodingKeys: String, CodingKey {
        case model, status, reason, message, observations = "n", fittedParameters = "q", ssr, sigma, rmse, aic, bic
        case cvRMSE = "cv_rmse", iterations, aicRank = "aic_rank", condition, standardErrorsReliable = "se_reliable", parameters
    }

    /// `dof`, written for readers of the JSON beside the stored values; derived, so never read back.
    private enum DerivedKeys: String, CodingKey {
        case dof
    }

    public init(model: String, status: FitStatus, reason: FitStopReason? = nil, message: String?, observations: Int,
                fittedParameters: Int, parameters: [ParameterEstimate], ssr: Double? = nil, sigma: Double? = nil, rmse: Double?,
                aic: Double?, bic: Double?, cvRMSE: Double?, iterations: Int, aicRank: Int?, condition: Double? = nil,
                standardErrorsReliable: Bool? = nil) {
        self.model = model; self.status = status; self.reason = reason; self.message = message
        self.observations = observations; self.fittedParameters = fittedParameters; self.parameters = parameters
        self.ssr = ssr; self.sigma = sigma; self.rmse = rmse; self.aic = aic; self.bic = bic; self.cvRMSE = cvRMSE
        self.iterations = iterations; self.aicRank = aicRank; self.condition = condition
        self.standardErrorsReliable = standardErrorsReliable
    }

    /// Every key is written, null when absent, so each fit carries the CSV's full set of columns.
    /// (`StippleJSON` sorts keys, so `dof` from the second container lands where it always did.)
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model); try c.encode(status, forKey: .status); try c.encode(reason, forKey: .reason)
        try c.encode(message, forKey: .message); try c.encode(observations, forKey: .observations)
        try c.encode(fittedParameters, forKey: .fittedParameters)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(degreesOfFreedom, forKey: .dof)
        try c.encode(ssr, forKey: .ssr); try c.encode(sigma, forKey: .sigma); try c.encode(rmse, forKey: .rmse)
        try c.encode(aic, forKey: .aic); try c.encode(bic, forKey: .bic); try c.encode(cvRMSE, forKey: .cvRMSE)
        try c.encode(iterations, forKey: .iterations); try c.encode(aicRank, forKey: .aicRank)
        try c.encode(condition, forKey: .condition); try c.encode(standardErrorsReliable, forKey: .standardErrorsReliable)
        try c.encode(parameters, forKey: .parameters)
    }
}

/// Every requested model fitted to one series (in the order requested).
public struct SeriesFit: Sendable, Codable, Equatable {
    public var series: String
    public var fits: [ModelFit]
    /// True if any model failed or did not converge for this series.
    public var hasFailure: Bool { fits.contains { $0.status != .converged } }
}
