import ArgumentParser
import CommandOptions
import Fading
import Foundation
import Impressions
import Plans
import Simulation
import SkinOptics
import Support

/// `stipple color [query]`: colour of one pigment at one depth in one skin preset.
struct ColorQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Colour of a pigment at a depth in a skin preset: Lab, sRGB, ΔE00 vs skin, undertone, blur.",
        discussion: """
            Pigments: see Data/pigments/pigments.json (e.g. carbon-black). Skin presets: monk-1 … monk-10,
            fitzpatrick-1 … fitzpatrick-6 (also 'Monk 5', 'fitzpatrick-IV'), caucasian-forehead,
            chinese-forehead; `stipple skin --list`.
            --json prints the same as JSON: lab, skin_lab ({"L","a","b"}), hex, skin_hex, clipped,
            skin_clipped, delta_e00, delta_L, undertone, blur_radius_mm, lab_as_seen (surface reflection
            included, as every picture draws it), the inputs (pigment, skin, dilution, depth_mm,
            dose_mg_per_cm2, deposit, needle_mm, grouping), and `dot`: one healed dot's diameter_mm
            (the physical pigment column, HealingModel), apparent_fwhm_mm (how wide it looks),
            centre_lab, centre_delta_e00 (to the skin) and extent_mm (the radius where it comes within
            ΔE00 1 of the skin). Lab values have 4 decimals, depths and blur 4.
            The depth is the needle depth: the dose lies along the track from the dermal-epidermal
            junction down to it, densest at the top (Data/pigments/CALIBRATION.md).
            """)

    @Option(name: .long, help: "Pigment name.")
    var pigment = PlanDefaults.pigment

    @Option(name: .long, help: "Pigment fraction of the ink mixture, in (0, 1] (0.5 = 1:1 with diluent).")
    var dilution = PlanDefaults.dilution

    @Option(name: .long, help: "Needle depth below the skin surface, mm (more than the epidermis, at most the model's maximum); the pigment lies along the track above it.")
    var depth: Double

    @Option(name: .long, help: "Where the pigment lies: needle-track (from the dermal-epidermal junction down, densest at the top) or deep (only near the tip: a blow-out).")
    var deposit = DepositOption(argument: DepositKind.needleTrack.rawValue)

    @Option(name: .long, help: "Skin tone preset, e.g. monk-5, fitzpatrick-IV.")
    var skin = PlanDefaults.skin

    @Option(name: .long, help: "Undiluted ink dose once healed, mg/cm² (at most 20; default: the mean injected dose 2.53 (Engel 2008, published 0.6–9.4) less the early loss of Data/fade/models.json, one third: 1.70).")
    var dose: Double?

    @Option(name: .customLong("needle-mm"), help: "Needle diameter, mm (0.1–0.6; 0.18–0.30 typical): sets the healed dot's pigment column.")
    var needleMM = 0.20

    @Option(name: .long, help: "Needle grouping: 1RL (one needle), 3RL or 5RL (round groups, wider footprints).")
    var grouping = NeedleGroupingOption(argument: NeedleGrouping.rl1.rawValue)

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var shared: DataOption

    /// Checks the options against the modelled ranges: one line naming the option, exit 1.
    func checked() throws -> (grouping: NeedleGrouping, deposit: DepositKind) {
        // The limits a plan's sessions are read with (`PhysicalLimits`; the depths from the data folder).
        let depths = try SkinModelConstants(dataDirectory: shared.library().root).limits.needleDepthMM
        guard depths.contains(depth) else {
            throw OptionError(option: "--depth", message: "\(depth) mm is outside the modelled needle depths: expected \(depths.expectation)")
        }
        guard PhysicalLimits.dilution.contains(dilution) else {
            throw OptionError(option: "--dilution \(dilution)", message: "is outside \(PhysicalLimits.dilution): expected the pigment fraction of the mixture, e.g. 0.5 for 1:1 with diluent")
        }
        if let dose, !(dose.isFinite && dose > 0 && dose <= PigmentedSkin.doseRange.upperBound) {
            throw OptionError(option: "--dose \(dose)", message: "mg/cm² is outside the modelled range: expected more than 0 and at most \(FixedDecimal.string(PigmentedSkin.doseRange.upperBound, decimals: 0)) (published tattoo doses 0.6–9.4 mg/cm², mean 2.53)")
        }
        guard needleMM.isFinite, HealingModel.needleRangeMM.contains(needleMM) else {
            throw OptionError(option: "--needle-mm \(needleMM)", message: "is outside the modelled range: expected \(HealingModel.needleRangeMM.lowerBound)–\(HealingModel.needleRangeMM.upperBound) mm (0.18–0.30 typical)")
        }
        return (try grouping.value(), try deposit.value())
    }

    func run() throws {
        try reportingErrors {
            let (grouping, deposit) = try checked()
            let root = try shared.library().root
            let dose: Double
            if let given = self.dose {
                dose = given
            } else {
                do { dose = try FadeLibrary(dataDirectory: root).healing.healed(injected: PigmentedSkin.meanDoseMgPerCm2) } catch {
                    throw SimulationError.colour("fade models: \(error)")
                }
            }
            let column = HealingModel().healedDiameterMM(needleMM: needleMM, grouping: grouping, depthMM: depth, skin: .normal)
            let report = try PigmentColourReport(dataDirectory: root, pigment: pigment, skin: skin,
                                                 dilution: dilution, depthMM: depth, doseMgPerCm2: dose, deposit: deposit,
                                                 columnDiameterMM: column)
            print(json ? try JSONOutput.text(ReportJSON(report, needleMM: needleMM, grouping: grouping)) : Self.text(report, needleMM: needleMM, grouping: grouping),
                  terminator: "")
        }
    }

    static func f(_ x: Double, _ decimals: Int) -> String { FixedDecimal.string(x, decimals: decimals) }

    static func text(_ r: PigmentColourReport, needleMM: Double, grouping: NeedleGrouping) -> String {
        func row(_ name: String, _ lab: Lab, _ rgb: RGB8, _ clipped: Bool) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + [f(lab.L, 2), f(lab.a, 2), f(lab.b, 2)].map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined()
                + "  " + rgb.hex + (clipped ? " (clipped to sRGB)" : "") + "\n"
        }
        return """
            \(r.pigment), dilution \(f(r.dilution, 2)), dose \(f(r.doseMgPerCm2, 2)) mg/cm², needle depth \(f(r.depthMM, 2)) mm (\(r.deposit.rawValue)), skin \(r.skin)
                            L*      a*      b*  sRGB

            """
            + row("pigmented", r.lab, r.rgb, r.clipped)
            + row("as seen", r.labAsSeen, Colorimetry.srgb(r.labAsSeen).rgb, Colorimetry.srgb(r.labAsSeen).clipped)
            + row("skin", r.skinLab, r.skinRGB, r.skinClipped)
            + """
            ΔE00 vs skin  \(f(r.deltaE00, 2))
            ΔL*           \(f(r.deltaL, 2))
            undertone     \(r.undertone.rawValue)
            blur radius   \(f(r.blurRadiusMM, 3)) mm

            """
            + (r.dot.map { d in """
                one dot (\(grouping.rawValue), needle \(f(needleMM, 2)) mm): pigment column \(f(d.diameterMM, 3)) mm, looks \(f(d.apparentFWHMMM, 3)) mm across (FWHM)
                  centre L*a*b* \(f(d.centreLab.L, 2)), \(f(d.centreLab.a, 2)), \(f(d.centreLab.b, 2)), ΔE00 to skin \(f(d.centreDeltaE00, 2)); within ΔE00 1 of the skin beyond \(f(d.extentMM, 3)) mm

                """ } ?? "")
    }

    /// The `--json` document (keys as documented in the discussion above).
    struct ReportJSON: Encodable {
        let pigment: String, skin: String
        let dilution: Double, depth_mm: Double, dose_mg_per_cm2: Double, deposit: String
        let lab: JSONOutput.LabValue, hex: String, clipped: Bool
        let skin_lab: JSONOutput.LabValue, skin_hex: String, skin_clipped: Bool
        let delta_e00: Double, delta_L: Double, undertone: String, blur_radius_mm: Double
        let lab_as_seen: JSONOutput.LabValue
        let needle_mm: Double, grouping: String
        let dot: Dot?

        struct Dot: Encodable {
            let diameter_mm: Double, apparent_fwhm_mm: Double, centre_lab: JSONOutput.LabValue, centre_delta_e00: Double, extent_mm: Double
        }

        init(_ r: PigmentColourReport, needleMM: Double, grouping: NeedleGrouping) {
            pigment = r.pigment; skin = r.skin
            dilution = JSONOutput.rounded(r.dilution, 4); depth_mm = JSONOutput.rounded(r.depthMM, 4)
            dose_mg_per_cm2 = JSONOutput.rounded(r.doseMgPerCm2, 4); deposit = r.deposit.rawValue
            lab = .init(r.lab); hex = r.rgb.hex; clipped = r.clipped
            skin_lab = .init(r.skinLab); skin_hex = r.skinRGB.hex; skin_clipped = r.skinClipped
            delta_e00 = JSONOutput.rounded(r.deltaE00, 4); delta_L = JSONOutput.rounded(r.deltaL, 4)
            undertone = r.undertone.rawValue; blur_radius_mm = JSONOutput.rounded(r.blurRadiusMM, 4)
            lab_as_seen = .init(r.labAsSeen)
            needle_mm = JSONOutput.rounded(needleMM, 4); self.grouping = grouping.rawValue
            dot = r.dot.map { d in
                Dot(diameter_mm: JSONOutput.rounded(d.diameterMM, 4), apparent_fwhm_mm: JSONOutput.rounded(d.apparentFWHMMM, 4),
                    centre_lab: .init(d.centreLab), centre_delta_e00: JSONOutput.rounded(d.centreDeltaE00, 4),
                    extent_mm: JSONOutput.rounded(d.extentMM, 4))
            }
        }
    }

}
