import Fading
import Foundation
import Plans
import Simulation
import SkinOptics

/// What `stipple color solve` and `stipple init --hair` ask for: the shade (`ShadeAdvice`)
/// for a client's skin and hair, from the commands' options, with each bad option reported by
/// its name. Both commands solve here, so the shade `init` writes into a plan is the one
/// `color solve` prints.
public struct ShadeRequest: Sendable {
    public var skin: String
    public var hair: HairOption
    /// Pigments to consider (nil: every pigment of the data folder).
    public var pigments: PigmentList?
    /// Needle depths to search (nil: the recommended SMP range of `Data/skin/model.json`).
    public var depthRange: DepthRangeOption?
    /// Undiluted ink dose once healed, mg/cm² (nil: the mean injected dose less the early loss).
    public var dose: Double?
    public var horizonDays: Double

    public init(skin: String, hair: HairOption, pigments: PigmentList? = nil, depthRange: DepthRangeOption? = nil,
                dose: Double? = nil, horizonDays: Double = ShadeAdvice.defaultHorizonDays) {
        (self.skin, self.hair, self.pigments) = (skin, hair, pigments)
        (self.depthRange, self.dose, self.horizonDays) = (depthRange, dose, horizonDays)
    }

    /// The advice and what it was solved for (the skin's and hair's labels and colours, the
    /// depths searched and the dose), as `color solve` prints them.
    public struct Answer: Sendable {
        public let skin: String, skinLab: Lab, hair: String, hairLab: Lab
        public let range: ClosedRange<Double>, recommended: Bool, dose: Double
        public let advice: ShadeAdvice
        public var answers: [ColourSolution] { advice.answers }
    }

    /// Solves with the data folder's skins, pigments, fade models and review rules.
    public func advise(data: DataLibrary) throws -> Answer {
        try checkNumbers()
        let root = data.root
        let skins = try SkinLibrary(dataDirectory: root)
        let pigments = try PigmentLibrary(dataDirectory: root)
        let fades: FadeLibrary
        do { fades = try FadeLibrary(dataDirectory: root) } catch { throw SimulationError.colour("fade models: \(error)") }
        return try advise(skins: skins, pigments: pigments, fades: fades, rules: ReviewRules(data: data), dataDirectory: root)
    }

    /// Solves with libraries already loaded (an engine's).
    public func advise(skins: SkinLibrary, pigments library: PigmentLibrary, fades: FadeLibrary, rules: ReviewRules,
                       dataDirectory root: URL) throws -> Answer {
        try checkNumbers()
        let target = try hair.value().resolve(dataDirectory: root)
        let preset: SkinPreset
        do { preset = try skins.preset(named: skin) } catch { throw OptionError(option: "--skin", message: "\(error)") }
        let model = try SkinModel(parameters: preset.parameters, basis: skins.basis)
        let chosen = try pigments?.resolve(in: library) ?? library.pigments
        let c = skins.basis.constants
        let range = try depthRange.map { option throws in
            let range = try option.value()
            // The limits a plan's sessions are read with (`PhysicalLimits`; the depths from the data folder).
            guard c.limits.needleDepthMM.contains(range.lowerBound), c.limits.needleDepthMM.contains(range.upperBound) else {
                throw OptionError(option: "--depth-range", message: "\(option.text) mm is outside the modelled needle depths: expected both ends \(c.limits.needleDepthMM.expectation) (recommended for SMP: \(c.recommendedNeedleDepthMM[0]):\(c.recommendedNeedleDepthMM[1]))")
            }
            return range
        } ?? c.recommendedNeedleDepthRange
        let dose = self.dose ?? fades.healing.healed(injected: PigmentedSkin.meanDoseMgPerCm2)
        let advice = try ShadeAdvice(skin: model, skinName: preset.name, pigments: chosen, hair: target.lab, hairLabel: target.label,
                                     depthRange: range, doseMgPerCm2: dose, fadeLibrary: fades, rules: rules, horizonDays: horizonDays)
        return Answer(skin: preset.name, skinLab: PigmentedSkinEvaluator(skin: model, pigment: chosen[0]).skinLab,
                      hair: target.label, hairLab: target.lab, range: range, recommended: range == c.recommendedNeedleDepthRange,
                      dose: dose, advice: advice)
    }

    /// The dose and horizon within the modelled ranges.
    func checkNumbers() throws(OptionError) {
        if let dose, !(dose.isFinite && dose > 0 && dose <= PigmentedSkin.doseRange.upperBound) {
            throw OptionError(option: "--dose", message: "\(dose) mg/cm² is outside the modelled range: expected more than 0 and at most 20")
        }
        guard horizonDays.isFinite, (0...3650).contains(horizonDays) else {
            throw OptionError(option: "--horizon-days", message: "\(horizonDays) is outside 0–3650 days")
        }
    }
}
