import ArgumentParser
import CommandOptions
import Foundation
import Plans
import Simulation
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
            The hair colours are instrument readings, like the skin targets, so each healed colour
            is compared with the hair as read (lab_as_read: the 2 % surface share of
            Data/skin/tones.json added; lab stays specular excluded).
            --json keys: pigment, dilution, depth_mm, lab, lab_as_read, hex, hair_lab,
            delta_e00_to_hair, delta_e00_to_skin, undertone, faded_lab, faded_delta_e00_to_hair, drift_delta_e00, skin,
            skin_lab, depth_range_mm, dose_mg_per_cm2, horizon_days, passes, explanation, runners_up
            (the best answer for each other pigment, same answer keys).
            """)

    @Option(name: .long, help: "Skin tone preset, e.g. monk-5, fitzpatrick-IV.")
    var skin: String

    @Option(name: .long, help: "Hair colour target: a name from Data/hair/hair_colours.csv (e.g. dark-brown) or L,a,b.")
    var hair: HairOption

    @Option(name: .long, help: "Comma-separated pigments to consider (default: every pigment in Data/pigments/).")
    var pigments: PigmentList?

    @Option(name: .long, help: "Needle depths to search, LO:HI in mm (default: the recommended SMP range).")
    var depthRange: DepthRangeOption?

    @Option(name: .long, help: "Undiluted ink dose once healed, mg/cm² (at most 20; default: the mean injected 2.53 less the early loss of Data/fade/models.json, one third: 1.70).")
    var dose: Double?

    @Option(name: .long, help: "Days after healing at which the faded colour counts too (0: only the healed colour).")
    var horizonDays = ShadeAdvice.defaultHorizonDays

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    func run() throws {
        try reportingErrors {
            let request = ShadeRequest(skin: skin, hair: hair, pigments: pigments, depthRange: depthRange, dose: dose, horizonDays: horizonDays)
            let answer = try request.advise(data: DataLibrary.locate(explicit: data))
            print(json ? try Self.json(answer) : Self.text(answer), terminator: "")
        }
    }

    static func f(_ x: Double, _ decimals: Int) -> String { FixedDecimal.string(x, decimals: decimals) }

    static func text(_ c: ShadeRequest.Answer) -> String {
        func lab(_ l: Lab) -> String { "\(f(l.L, 1)), \(f(l.a, 1)), \(f(l.b, 1))" }
        let answers = c.answers, best = answers[0], years = f(c.advice.horizonDays / 365.25, 1)
        var out = """
            closest healed colour to hair \(c.hair) (L*a*b* \(lab(c.hairLab))) on \(c.skin) (skin \(lab(c.skinLab))),
            needle depths \(f(c.range.lowerBound, 2))–\(f(c.range.upperBound, 2)) mm\(c.recommended ? " (the recommended SMP range)" : ""), dose \(f(c.dose, 2)) mg/cm²\(c.advice.horizonDays > 0 ? ", and still close \(years) years on" : ""):

              \(best.pigment), dilution \(f(best.dilution, 3)), needle depth \(f(best.depthMM, 3)) mm
              healed L*a*b* \(lab(best.lab))  \(Colorimetry.srgb(best.lab).rgb.hex)  ΔE00 to skin \(f(best.deltaE00ToSkin, 2)), \(best.undertone.rawValue)
              as read L*a*b* \(lab(best.labAsRead))  ΔE00 to hair \(f(best.deltaE00ToTarget, 2)) (compared as an instrument reads both)

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
        let pigment: String, dilution: Double, depth_mm: Double, lab: JSONOutput.LabValue, lab_as_read: JSONOutput.LabValue, hex: String
        let delta_e00_to_hair: Double, delta_e00_to_skin: Double, undertone: String
        let faded_lab: JSONOutput.LabValue?, faded_delta_e00_to_hair: Double?, drift_delta_e00: Double?

        init(_ a: ColourSolution) {
            pigment = a.pigment; dilution = JSONOutput.rounded(a.dilution, 4); depth_mm = JSONOutput.rounded(a.depthMM, 4)
            lab = .init(a.lab); lab_as_read = .init(a.labAsRead); hex = Colorimetry.srgb(a.lab).rgb.hex
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

    static func json(_ c: ShadeRequest.Answer) throws -> String {
        try JSONOutput.text(SolveJSON(
            best: AnswerJSON(c.answers[0]), hair_lab: .init(c.hairLab), skin: c.skin, skin_lab: .init(c.skinLab),
            depth_range_mm: [JSONOutput.rounded(c.range.lowerBound, 4), JSONOutput.rounded(c.range.upperBound, 4)],
            dose_mg_per_cm2: JSONOutput.rounded(c.dose, 4), horizon_days: c.advice.horizonDays, passes: c.advice.passes,
            explanation: c.advice.explanation, runners_up: c.answers.dropFirst().map(AnswerJSON.init)))
    }
}

