import ArgumentParser
import Foundation
import Plans
import Reports
import Simulation
import Fading
import Support
import SkinOptics

/// `stipple color solve`: the pigment, dilution and needle depth that heal closest to a target.
struct ColorSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Pick the pigment, dilution and needle depth whose healed colour is closest to the client's hair.",
        discussion: """
            Searches every pigment (or --pigments), dilution in [0.02, 1] and needle depth in the
            recommended SMP range (Data/skin/model.json; or --depth-range) for the colour closest
            in CIEDE2000 to the hair target when it heals and, faded by the default fade model,
            --horizon-days later (default 730; 0 = at healing only), with a grid start and a
            Nelder–Mead refinement. Says plainly when no choice passes the review's colour and
            fading thresholds (very light, grey or white hair).
            Examples:
              stipple color solve --skin monk-4 --hair dark-brown
              stipple color solve --skin fitzpatrick-VI --hair 30,4,8 --pigments carbon-black,warm-brown --json
            --json keys: pigment, dilution, depth_mm, lab, hex, hair_lab, delta_e00_to_hair,
            delta_e00_to_skin, undertone, faded_lab, faded_delta_e00_to_hair, drift_delta_e00, skin,
            skin_lab, depth_range_mm, dose_mg_per_cm2, horizon_days, passes, explanation, runners_up
            (the best answer for each other pigment, same answer keys).
            """)

    @Option(name: .long, help: "Skin tone preset, e.g. monk-5, fitzpatrick-IV.")
    var skin: String

    @Option(name: .long, help: "Hair colour target: a name from Data/hair/hair_colours.csv (e.g. dark-brown) or L,a,b.")
    var hair: String

    @Option(name: .long, help: "Comma-separated pigments to consider (default: every pigment in Data/pigments/).")
    var pigments: String?

    @Option(name: .long, help: "Needle depths to search, LO:HI in mm (default: the recommended SMP range).")
    var depthRange: String?

    @Option(name: .long, help: "Undiluted ink dose once healed, mg/cm² (at most 20; default: the mean injected 2.53 less the early loss of Data/fade/models.json, one third: 1.70).")
    var dose: Double?

    @Option(name: .long, help: "Days after healing at which the faded colour counts too (0: only the healed colour).")
    var horizonDays = ShadeAdvice.defaultHorizonDays

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    /// Option errors, reported like every other bad input: one line naming the option, exit 1.
    struct OptionError: Error, CustomStringConvertible {
        let option: String, message: String
        var description: String { "\(option): \(message)" }
    }

    static func parseRange(_ text: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo < hi else {
            throw OptionError(option: "--depth-range", message: "'\(text)' is not LO:HI in mm with LO < HI (e.g. 0.4:0.8)")
        }
        return lo...hi
    }

    func run() throws {
        try reportingErrors {
            if let dose, !(dose.isFinite && dose > 0 && dose <= PigmentedSkin.doseRange.upperBound) {
                throw OptionError(option: "--dose", message: "\(dose) mg/cm² is outside the modelled range: expected more than 0 and at most 20")
            }
            guard horizonDays.isFinite, (0...3650).contains(horizonDays) else {
                throw OptionError(option: "--horizon-days", message: "\(horizonDays) is outside 0–3650 days")
            }
            let library = try DataLibrary.locate(explicit: data)
            let root = library.root
            let skins = try SkinLibrary(dataDirectory: root)
            let preset: SkinPreset
            do { preset = try skins.preset(named: skin) } catch { throw OptionError(option: "--skin", message: "\(error)") }
            let model = try SkinModel(parameters: preset.parameters, basis: skins.basis)
            let pigmentLibrary = try PigmentLibrary(dataDirectory: root)
            var chosen = pigmentLibrary.pigments
            if let pigments {
                let names = pigments.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !names.isEmpty else {
                    throw OptionError(option: "--pigments", message: "empty list: expected pigment names separated by commas, from \(pigmentLibrary.names.joined(separator: ", "))")
                }
                do { chosen = try names.map { name throws(SkinOpticsError) in try pigmentLibrary.pigment(named: name) } } catch {
                    throw OptionError(option: "--pigments", message: "\(error)")
                }
            }
            let target = try Self.hairTarget(hair, root: root)
            let c = skins.basis.constants
            let range: ClosedRange<Double>
            if let depthRange {
                range = try Self.parseRange(depthRange)
                guard c.limits.needleDepthMM.contains(range.lowerBound), c.limits.needleDepthMM.contains(range.upperBound) else {
                    throw OptionError(option: "--depth-range", message: "\(depthRange) mm is outside the modelled needle depths: expected both ends \(c.limits.needleDepthMM.expectation) (recommended for SMP: \(c.recommendedNeedleDepthMM[0]):\(c.recommendedNeedleDepthMM[1]))")
                }
            } else {
                range = c.recommendedNeedleDepthRange
            }
            let fades: FadeLibrary
            do { fades = try FadeLibrary(dataDirectory: root) } catch { throw SimulationError.colour("fade models: \(error)") }
            let dose = self.dose ?? fades.healing.healed(injected: PigmentedSkin.meanDoseMgPerCm2)
            let advice = try ShadeAdvice(skin: model, skinName: preset.name, pigments: chosen, hair: target.lab, hairLabel: target.label,
                                         depthRange: range, doseMgPerCm2: dose, fadeLibrary: fades, rules: try ReviewRules(data: library),
                                         horizonDays: horizonDays)
            let answers = advice.answers
            let skinLab = PigmentedSkinEvaluator(skin: model, pigment: chosen[0]).skinLab
            let context = Context(skin: preset.name, skinLab: skinLab, hair: target.label, hairLab: target.lab, range: range,
                                  recommended: range == c.recommendedNeedleDepthRange, dose: dose, advice: advice)
            print(json ? try Self.json(answers, context) : Self.text(answers, context), terminator: "")
        }
    }

    struct Context {
        let skin: String, skinLab: Lab, hair: String, hairLab: Lab, range: ClosedRange<Double>, recommended: Bool, dose: Double
        let advice: ShadeAdvice
    }

    /// A hair name from the library, or explicit "L,a,b".
    static func hairTarget(_ text: String, root: URL) throws -> (label: String, lab: Lab) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 3, let l = parts[0], let a = parts[1], let b = parts[2] {
            guard PhysicalLimits.hairL.contains(l), PhysicalLimits.hairAB.contains(a), PhysicalLimits.hairAB.contains(b) else {
                throw OptionError(option: "--hair", message: "\(text): expected L* \(PhysicalLimits.hairL.expectation) and a*, b* \(PhysicalLimits.hairAB.expectation) (a plan's hair_colour limits)")
            }
            return (text, Lab(L: l, a: a, b: b))
        }
        let hair = try HairColours(dataDirectory: root)
        do { return (text.lowercased(), try hair.lab(named: text)) } catch {
            throw OptionError(option: "--hair", message: "\(error); or give L,a,b")
        }
    }

    static func f(_ x: Double, _ decimals: Int) -> String { FixedDecimal.string(x, decimals: decimals) }

    static func text(_ answers: [ColourSolution], _ c: Context) -> String {
        func lab(_ l: Lab) -> String { "\(f(l.L, 1)), \(f(l.a, 1)), \(f(l.b, 1))" }
        let best = answers[0], years = f(c.advice.horizonDays / 365.25, 1)
        var out = """
            closest healed colour to hair \(c.hair) (L*a*b* \(lab(c.hairLab))) on \(c.skin) (skin \(lab(c.skinLab))),
            needle depths \(f(c.range.lowerBound, 2))–\(f(c.range.upperBound, 2)) mm\(c.recommended ? " (the recommended SMP range)" : ""), dose \(f(c.dose, 2)) mg/cm²\(c.advice.horizonDays > 0 ? ", and still close \(years) years on" : ""):

              \(best.pigment), dilution \(f(best.dilution, 3)), needle depth \(f(best.depthMM, 3)) mm
              healed L*a*b* \(lab(best.lab))  \(Colorimetry.srgb(best.lab).rgb.hex)  ΔE00 to hair \(f(best.deltaE00ToTarget, 2)), to skin \(f(best.deltaE00ToSkin, 2)), \(best.undertone.rawValue)

            """
        if let faded = best.fadedLab, let toHair = best.fadedDeltaE00ToTarget, let drift = best.driftDeltaE00 {
            out += "  after \(years) years L*a*b* \(lab(faded))  ΔE00 to hair \(f(toHair, 2)), \(f(drift, 2)) from healed (touch-up at \(f(c.advice.criteria.maxDriftDeltaE00, 1)))\n"
        }
        out += c.advice.explanation.map { "NO CHOICE PASSES THE REVIEW: \($0).\n" }
            ?? "passes the review's colour\(c.advice.horizonDays > 0 ? " and fading" : "") thresholds\n"
        if answers.count > 1 {
            out += "runners-up (best of each other pigment):\n"
            for a in answers.dropFirst() {
                out += "  \(a.pigment): dilution \(f(a.dilution, 3)), depth \(f(a.depthMM, 3)) mm, ΔE00 to hair \(f(a.deltaE00ToTarget, 2)), \(a.undertone.rawValue)\n"
            }
        }
        return out
    }

    /// One answer in `--json` (keys as documented in the discussion above).
    struct AnswerJSON: Encodable {
        let pigment: String, dilution: Double, depth_mm: Double, lab: JSONOutput.LabValue, hex: String
        let delta_e00_to_hair: Double, delta_e00_to_skin: Double, undertone: String
        let faded_lab: JSONOutput.LabValue?, faded_delta_e00_to_hair: Double?, drift_delta_e00: Double?

        init(_ a: ColourSolution) {
            pigment = a.pigment; dilution = JSONOutput.rounded(a.dilution, 4); depth_mm = JSONOutput.rounded(a.depthMM, 4)
            lab = .init(a.lab); hex = Colorimetry.srgb(a.lab).rgb.hex
            delta_e00_to_hair = JSONOutput.rounded(a.deltaE00ToTarget, 4); delta_e00_to_skin = JSONOutput.rounded(a.deltaE00ToSkin, 4)
            undertone = a.undertone.rawValue
            faded_lab = a.fadedLab.map(JSONOutput.LabValue.init)
            faded_delta_e00_to_hair = a.fadedDeltaE00ToTarget.map { JSONOutput.rounded($0, 4) }
            drift_delta_e00 = a.driftDeltaE00.map { JSONOutput.rounded($0, 4) }
        }
    }

    /// The `--json` document: the best answer's fields, the context, and the runners-up.
    struct SolveJSON: Encodable {
        let best: AnswerJSON
        let hair_lab: JSONOutput.LabValue, skin: String, skin_lab: JSONOutput.LabValue
        let depth_range_mm: [Double], dose_mg_per_cm2: Double
        let horizon_days: Double, passes: Bool, explanation: String?
        let runners_up: [AnswerJSON]

        enum Keys: String, CodingKey {
            case hair_lab, skin, skin_lab, depth_range_mm, dose_mg_per_cm2, horizon_days, passes, explanation, runners_up
        }

        func encode(to encoder: Encoder) throws {
            try best.encode(to: encoder)  // the best answer's keys at the top level
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(hair_lab, forKey: .hair_lab); try c.encode(skin, forKey: .skin); try c.encode(skin_lab, forKey: .skin_lab)
            try c.encode(depth_range_mm, forKey: .depth_range_mm); try c.encode(dose_mg_per_cm2, forKey: .dose_mg_per_cm2)
            try c.encode(horizon_days, forKey: .horizon_days); try c.encode(passes, forKey: .passes)
            try c.encode(explanation, forKey: .explanation)
            try c.encode(runners_up, forKey: .runners_up)
        }
    }

    static func json(_ answers: [ColourSolution], _ c: Context) throws -> String {
        try JSONOutput.text(SolveJSON(
            best: AnswerJSON(answers[0]), hair_lab: .init(c.hairLab), skin: c.skin, skin_lab: .init(c.skinLab),
            depth_range_mm: [JSONOutput.rounded(c.range.lowerBound, 4), JSONOutput.rounded(c.range.upperBound, 4)],
            dose_mg_per_cm2: JSONOutput.rounded(c.dose, 4), horizon_days: c.advice.horizonDays, passes: c.advice.passes,
            explanation: c.advice.explanation, runners_up: answers.dropFirst().map(AnswerJSON.init)))
    }
}

