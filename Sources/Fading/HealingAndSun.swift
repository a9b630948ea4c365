/// What healing takes: the share of the injected pigment gone before the skin has healed.
///
/// Engel et al. (2008) measured tattoo doses (0.60–9.42 mg/cm², mean 2.53) in skin excised right
/// after tattooing, i.e. the *injected* dose; about one third of it disappears within weeks
/// (Bäumler 2015, Curr Probl Dermatol 48). So the dose that is there to be seen and to fade over
/// the years is the **healed** dose, injected × (1 − earlyLoss). The fade models describe what
/// happens from healing on (their R = 1 at the healed dose); healing itself is treated as one
/// step at the session (the first weeks are not resolved in time).
public struct HealedDose: Sendable, Equatable, Codable {
    /// Fraction of the injected pigment lost while the skin heals, in [0, 1).
    public var earlyLoss: Double

    public init(earlyLoss: Double = 0.33) { self.earlyLoss = earlyLoss }

    /// Bäumler (2015): "about one third" within weeks, read as 0.33.
    public static let standard = HealedDose()

    /// The share of the injected dose still there once healed: 1 − earlyLoss.
    public var healedShare: Double { 1 - earlyLoss }

    /// The healed dose of an injected one (same unit).
    public func healed(injected: Double) -> Double { injected * healedShare }

    /// A fraction of the healed dose as a fraction of the injected one.
    public func ofInjected(retainedOfHealed: Double) -> Double { retainedOfHealed * healedShare }

    func validate() throws(FadeError) {
        guard earlyLoss.isFinite, earlyLoss >= 0, earlyLoss < 1 else {
            throw .invalidInput(reason: "healing.earlyLoss must be in [0, 1), got \(earlyLoss)")
        }
    }
}

/// How sun exposure of the scalp speeds fading in every built-in model but `uv` (which has its
/// own gain and reads the exposure itself): every rate × (1 + gain·s) / (1 + gain·s_ref),
/// s = sun exposure 0…1, s_ref = 0.5 (the plan default).
///
/// The rates in `Data/fade/models.json` are therefore those of a typical client (s = 0.5), the
/// exposure of the clients behind the figures they rest on; a covered scalp fades
/// 1/(1 + gain/2) as fast, full sun (1 + gain)/(1 + gain/2) as fast. The direction is sourced (practitioners name sun the most common cause of SMP fading; UV breaks
/// down tattoo pigments, Hering et al. 2015, Curr Probl Dermatol 48:164 — carbon black among the
/// most stable); the size of the gain is an **assumption**: no human rate ratio is published.
public struct SunResponse: Sendable, Equatable, Codable {
    /// Relative rate increase at full exposure (s = 1).
    public var gain: Double

    /// The exposure at which the rates are stated (the multiplier is 1 there).
    public var referenceExposure: Double

    public init(gain: Double = 1, referenceExposure: Double = FadeConditions.referenceSunExposure) {
        self.gain = gain
        self.referenceExposure = referenceExposure
    }

    public static let standard = SunResponse()

    /// The rate multiplier at exposure `s` for a model of kind `kind` (1 for `uv`, which applies
    /// its own gain).
    public func rateMultiplier(sunExposure s: Double, kind: FadeModelKind) -> Double {
        kind == .uv ? 1 : (1 + gain * s) / (1 + gain * referenceExposure)
    }

    func validate() throws(FadeError) {
        guard gain.isFinite, gain >= 0 else { throw .invalidInput(reason: "sun.gain must be finite and ≥ 0, got \(gain)") }
    }
}
