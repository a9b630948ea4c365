/// One named parameter of a fade model, with its unit, bounds and default.
///
/// Defaults and bounds compiled in here are overridden by `Data/fade/models.json`, where each
/// default is labelled as an assumption with its reasoning.
public struct FadeParameter: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var lower: Double
    public var upper: Double
    public var defaultValue: Double
    /// Whether `stipple fade fit` estimates it (false: held at its default, e.g. a UV gain that
    /// a single series cannot separate from the base rate).
    public var fitted: Bool
    public var meaning: String
    /// The reasoning behind the default (from models.json), marked as an assumption.
    public var assumption: String

    public init(name: String, unit: String, lower: Double, upper: Double, defaultValue: Double,
                fitted: Bool = true, meaning: String, assumption: String = "") {
        self.name = name; self.unit = unit; self.lower = lower; self.upper = upper
        self.defaultValue = defaultValue; self.fitted = fitted; self.meaning = meaning; self.assumption = assumption
    }

    public func contains(_ value: Double) -> Bool { value.isFinite && value >= lower && value <= upper }
}

/// Conditions a model is evaluated under.
public struct FadeConditions: Sendable, Equatable {
    /// Every rate is multiplied by this (equivalently, time runs this much faster): depth near
    /// the epidermis and faster-fading pigment groups raise it. 1 = reference.
    public var rateMultiplier: Double
    /// Sun exposure of the scalp, 0 (always covered) … 1 (outdoors all day, shaved). Only the
    /// UV-scaled model reads it here; for the others the plan pipeline folds the sun into
    /// `rateMultiplier` (`SunResponse`), so a fit's rates stay those of its own data.
    public var sunExposure: Double

    public init(rateMultiplier: Double = 1, sunExposure: Double = FadeConditions.referenceSunExposure) {
        self.rateMultiplier = rateMultiplier
        self.sunExposure = sunExposure
    }

    /// The exposure assumed when none is given (a typical shaved head, some hours outdoors).
    public static let referenceSunExposure = 0.5
}

/// A model of pigment concentration retained (fraction of the implanted mass, 1 at day 0)
/// against time in days.
///
/// Implementations are value types built from a parameter vector; the fitter and timeline are
/// generic over the model type, so evaluation in loops is statically dispatched.
public protocol FadeModel: Sendable {
    /// Short CLI name (`mono`, `bi`, …).
    static var name: String { get }
    /// One-line formula for documentation and `stipple fade models`.
    static var formula: String { get }
    /// The built-in parameter list (names, units, bounds, defaults), in vector order.
    static var specification: [FadeParameter] { get }
    /// Whether `gradient(atDay:into:)` is analytic; if false the fitter uses forward differences.
    static var hasAnalyticGradient: Bool { get }

    /// Builds the model from in-bounds values (count = `specification.count`) without
    /// validating them; throws only on numerical failure.
    init(unchecked values: UnsafeBufferPointer<Double>, conditions: FadeConditions) throws(FadeError)

    /// Retained fraction at `day` ≥ 0.
    func retained(atDay day: Double) -> Double

    /// Writes ∂retained/∂parameterᵢ at `day` for every parameter and returns retained at `day`
    /// (value and gradient share their exponentials). Only called if `hasAnalyticGradient`.
    func gradient(atDay day: Double, into gradient: UnsafeMutableBufferPointer<Double>) -> Double
}

extension FadeModel {
    public static var hasAnalyticGradient: Bool { false }
    public func gradient(atDay day: Double, into gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        preconditionFailure("\(Self.name) has no analytic gradient")
    }

    /// Builds the model from values checked against `parameters` (count and bounds).
    public init(values: [Double], parameters: [FadeParameter] = Self.specification,
                conditions: FadeConditions = FadeConditions()) throws(FadeError) {
        guard values.count == parameters.count else {
            throw .invalidInput(reason: "model \(Self.name) takes \(parameters.count) parameters (\(parameters.map(\.name).joined(separator: ", "))), got \(values.count)")
        }
        for (p, v) in zip(parameters, values) where !p.contains(v) {
            throw .parameterOutOfBounds(model: Self.name, name: p.name, value: v, lower: p.lower, upper: p.upper)
        }
        guard conditions.rateMultiplier.isFinite, conditions.rateMultiplier > 0 else {
            throw .invalidInput(reason: "rate multiplier must be positive and finite, got \(conditions.rateMultiplier)")
        }
        guard conditions.sunExposure.isFinite, conditions.sunExposure >= 0, conditions.sunExposure <= 1 else {
            throw .invalidInput(reason: "sun exposure must be in [0, 1], got \(conditions.sunExposure)")
        }
        self = try values.withUnsafeBufferPointer { (p) throws(FadeError) in try Self(unchecked: p, conditions: conditions) }
    }

    /// Fills `values[i] = R(days[i])` and, when `jacobian` is given, the n × P column-major
    /// matrix ∂R(daysᵢ)/∂θⱼ over all P parameters (analytic, or forward differences with
    /// step √ε·max(|θⱼ|, 1e-8·range) kept inside the bounds).
    static func evaluate(parameters: UnsafeMutableBufferPointer<Double>, conditions: FadeConditions,
                         days: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
                         jacobian: UnsafeMutableBufferPointer<Double>?, specification spec: [FadeParameter],
                         gradientScratch: UnsafeMutableBufferPointer<Double>) throws(FadeError) {
        let model = try Self(unchecked: UnsafeBufferPointer(parameters), conditions: conditions)
        let n = days.count
        let p = parameters.count
        if let jacobian, hasAnalyticGradient {
            for i in 0..<n {
                values[i] = model.gradient(atDay: days[i], into: gradientScratch)
                for j in 0..<p { jacobian[j * n + i] = gradientScratch[j] }
            }
            return
        }
        for i in 0..<n { values[i] = model.retained(atDay: days[i]) }
        guard let jacobian else { return }
        for j in 0..<p {
            let saved = parameters[j]
            var h = 1.4901161193847656e-8 * max(abs(saved), 1e-8 * max(spec[j].upper - spec[j].lower, 1e-300))
            if saved + h > spec[j].upper { h = -h }
            parameters[j] = saved + h
            let shifted = try Self(unchecked: UnsafeBufferPointer(parameters), conditions: conditions)
            parameters[j] = saved
            let step = (saved + h) - saved
            for i in 0..<n { jacobian[j * n + i] = (shifted.retained(atDay: days[i]) - values[i]) / step }
        }
    }
}
