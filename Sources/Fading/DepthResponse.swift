import Foundation

/// How implant depth modulates fading (all defaults are assumptions; see Data/fade/README.md).
///
/// - **Too shallow** — pigment near or in the epidermis is shed as the epidermis renews itself
///   (~4–6 weeks). Every rate of the fade model is multiplied by
///   `m(d) = 1 + shallowGain · exp(−max(0, d − epidermisMM) / shallowLengthMM)`,
///   which is 1 + shallowGain at the dermal–epidermal junction and falls to ≈ 1 by ~0.5 mm
///   (defaults: m(0.3) ≈ 2.9, m(0.4) ≈ 1.4, m(0.6) ≈ 1.03).
/// - **Too deep** — dots blur and spread over the years; the spread rate grows with depth:
///   `diameterScale(t, d) = √(1 + spreadPerYear · exp((d − referenceDepthMM)/spreadDepthScaleMM) · t/365.25)`
///   (area growing linearly in time, as for slow diffusive migration).
/// - **Drift** — pigment slowly migrates deeper (carried by macrophages):
///   `depth(t) = d + driftMaxMM · (1 − exp(−t / driftDays))`. Deeper pigment is seen through
///   more scattering dermis, so the optics model (SkinOptics) turns it bluer.
public struct DepthResponse: Sendable, Equatable, Codable {
    /// Where the shallow-loss term starts: the skin model's epidermis (`Data/skin/model.json`,
    /// set by `FadeLibrary(dataDirectory:)`). The compiled-in 0.07 is that value; a test holds
    /// the two equal.
    public var epidermisMM: Double
    public var shallowGain: Double
    public var shallowLengthMM: Double
    public var spreadPerYear: Double
    public var referenceDepthMM: Double
    public var spreadDepthScaleMM: Double
    public var driftMaxMM: Double
    public var driftDays: Double

    public init(epidermisMM: Double = 0.07, shallowGain: Double = 50, shallowLengthMM: Double = 0.07,
                spreadPerYear: Double = 0.02, referenceDepthMM: Double = 0.6, spreadDepthScaleMM: Double = 0.25,
                driftMaxMM: Double = 0.08, driftDays: Double = 1095) {
        self.epidermisMM = epidermisMM; self.shallowGain = shallowGain; self.shallowLengthMM = shallowLengthMM
        self.spreadPerYear = spreadPerYear; self.referenceDepthMM = referenceDepthMM
        self.spreadDepthScaleMM = spreadDepthScaleMM; self.driftMaxMM = driftMaxMM; self.driftDays = driftDays
    }

    public static let standard = DepthResponse()

    /// Rate multiplier at implant depth `d` (mm).
    public func rateMultiplier(depthMM d: Double) -> Double {
        1 + shallowGain * exp(-max(0, d - epidermisMM) / shallowLengthMM)
    }

    /// Dot diameter relative to the healed diameter, `day` days after implantation.
    public func diameterScale(atDay day: Double, depthMM d: Double) -> Double {
        (1 + spreadPerYear * exp((d - referenceDepthMM) / spreadDepthScaleMM) * max(0, day) / 365.25).squareRoot()
    }

    /// Depth of the pigment `day` days after implantation at depth `d`.
    public func depth(atDay day: Double, depthMM d: Double) -> Double {
        d + driftMaxMM * (1 - exp(-max(0, day) / driftDays))
    }

    func validate() throws(FadeError) {
        let fields: [(String, Double, Bool)] = [
            ("epidermisMM", epidermisMM, epidermisMM >= 0), ("shallowGain", shallowGain, shallowGain >= 0),
            ("shallowLengthMM", shallowLengthMM, shallowLengthMM > 0), ("spreadPerYear", spreadPerYear, spreadPerYear >= 0),
            ("referenceDepthMM", referenceDepthMM, referenceDepthMM > 0), ("spreadDepthScaleMM", spreadDepthScaleMM, spreadDepthScaleMM > 0),
            ("driftMaxMM", driftMaxMM, driftMaxMM >= 0), ("driftDays", driftDays, driftDays > 0),
        ]
        for (name, value, ok) in fields where !(value.isFinite && ok) {
            throw .invalidInput(reason: "depth response \(name) = \(value) is out of range")
        }
    }
}
