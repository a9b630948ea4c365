import ArgumentParser
import Foundation
import Plans
import SkinOptics
import Support

/// `stipple skin`: the fitted skin-tone presets of the colour model.
struct Skin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a skin tone preset's fitted model parameters, colour, fit residual and ITA°, or list them.",
        discussion: """
            Examples:
              stipple skin --tone monk-7
              stipple skin --tone fitzpatrick-IV --json
              stipple skin --list
            Each preset is fitted to a measured skin colour (its basis names the source); the Monk
            swatch is only a display label (swatches are lighter and darker than measured skin).
            --json keys: name, parameters {melanin_fraction, blood_fraction, scattering_scale,
            pheomelanin_share}, model_lab, model_hex, target_lab, target_hex ({"L","a","b"}, 4 decimals:
            the measured target), basis, melanin_class, swatch_hex (Monk presets only),
            residual_delta_e00 (of measured_lab: the model as the target's instrument reads it, a 2 %
            surface reflection added), ita_deg, ita_class (of the modelled skin), target_ita_deg,
            target_ita_class, bounds {each fitted parameter: [min, max]}, at_bound (the parameters
            that ended at a bound; empty when none), melanin_class_range ([min, max], a soft prior).
            """)

    @Option(name: .long, help: "Preset: monk-1 … monk-10, fitzpatrick-1 … fitzpatrick-6 (or fitzpatrick-I … VI), caucasian-forehead, chinese-forehead (sun-exposed).")
    var tone: String?

    @Flag(name: .long, help: "List every preset with its fit residual.")
    var list = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var shared: DataOption

    func validate() throws {
        if tone == nil && !list { throw ValidationError("give --tone NAME (e.g. --tone monk-7) or --list") }
        if tone != nil && list { throw ValidationError("give either --tone or --list, not both") }
    }

    func run() throws {
        try reportingErrors {
            let root = try shared.library().root
            if let tone {
                let r = try SkinPresetReport(dataDirectory: root, tone: tone)
                print(json ? try JSONOutput.text(PresetJSON(r)) : Self.text(r), terminator: "")
            } else {
                let all = try SkinPresetReport.all(dataDirectory: root)
                print(json ? try JSONOutput.text(all.map(PresetJSON.init)) : Self.table(all), terminator: "")
            }
        }
    }

    static func f(_ x: Double, _ decimals: Int) -> String { FixedDecimal.string(x, decimals: decimals) }
    static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    static func lab(_ c: Lab) -> String { pad(f(c.L, 2), 7) + pad(f(c.a, 2), 8) + pad(f(c.b, 2), 8) }

    static func text(_ r: SkinPresetReport) -> String {
        let p = r.preset.parameters
        return """
            \(r.preset.name)
            melanin fraction      \(f(p.melaninFraction, 4))
            blood fraction        \(f(p.bloodFraction, 4))
            scattering scale      \(f(p.scatteringScale, 3))
            pheomelanin share     \(f(p.pheomelaninShare, 3))
                        L*      a*      b*  sRGB
            model  \(lab(r.preset.modelLab.lab))  \(r.modelRGB.hex)
            as read\(lab(r.preset.measuredLab.lab))  (model + the instrument's surface reflection)
            target \(lab(r.preset.target.lab))  \(r.targetRGB.hex)
            fit residual ΔE00     \(f(r.preset.residualDeltaE00, 2)) (as read vs target)
            at a bound            \(r.preset.atBound.isEmpty ? "none" : r.preset.atBound.joined(separator: ", "))
            target basis          \(r.preset.basis)
            melanin class         \(r.preset.melaninClass)\(r.preset.swatch.map { "\nMonk swatch (label)   \($0)" } ?? "")
            ITA°                  \(f(r.modelITA.degrees, 1)) (\(r.modelITA.category.rawValue)); target \(f(r.targetITA.degrees, 1)) (\(r.targetITA.category.rawValue))

            """
    }

    static func table(_ all: [SkinPresetReport]) -> String {
        let nameWidth = max(15, (all.map(\.preset.name.count).max() ?? 0) + 1)
        var out = "preset".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + pad("model L*", 10) + pad("a*", 7) + pad("b*", 8)
            + "  " + "target " + pad("residual ΔE00", 15) + pad("ITA°", 7) + "  class\n"
        for r in all {
            let m = r.preset.modelLab
            out += r.preset.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + pad(f(m.L, 2), 10) + pad(f(m.a, 2), 7) + pad(f(m.b, 2), 8)
                + "  " + r.targetRGB.hex + pad(f(r.preset.residualDeltaE00, 2), 15)
                + pad(f(r.modelITA.degrees, 1), 7) + "  " + r.modelITA.category.rawValue + "\n"
        }
        return out
    }

    /// The `--json` document of one preset (keys as documented in the discussion above).
    struct PresetJSON: Encodable {
        struct Parameters: Encodable {
            let melanin_fraction: Double, blood_fraction: Double, scattering_scale: Double, pheomelanin_share: Double
        }
        let name: String
        let parameters: Parameters
        let model_lab: JSONOutput.LabValue, model_hex: String
        let target_lab: JSONOutput.LabValue, target_hex: String
        let basis: String, melanin_class: String
        /// The Monk swatch (display label); absent for Fitzpatrick presets.
        let swatch_hex: String?
        let residual_delta_e00: Double
        let ita_deg: Double, ita_class: String
        let target_ita_deg: Double, target_ita_class: String
        let measured_lab: JSONOutput.LabValue
        let bounds: [String: [Double]]
        let at_bound: [String]
        let melanin_class_range: [Double]

        init(_ r: SkinPresetReport) {
            let p = r.preset.parameters
            name = r.preset.name
            parameters = Parameters(melanin_fraction: JSONOutput.rounded(p.melaninFraction, 6), blood_fraction: JSONOutput.rounded(p.bloodFraction, 6),
                                    scattering_scale: JSONOutput.rounded(p.scatteringScale, 6), pheomelanin_share: JSONOutput.rounded(p.pheomelaninShare, 6))
            model_lab = .init(r.preset.modelLab.lab); model_hex = r.modelRGB.hex
            target_lab = .init(r.preset.target.lab); target_hex = r.targetRGB.hex
            basis = r.preset.basis; melanin_class = r.preset.melaninClass; swatch_hex = r.preset.swatch
            residual_delta_e00 = JSONOutput.rounded(r.preset.residualDeltaE00, 4)
            ita_deg = JSONOutput.rounded(r.modelITA.degrees, 2); ita_class = r.modelITA.category.rawValue
            target_ita_deg = JSONOutput.rounded(r.targetITA.degrees, 2); target_ita_class = r.targetITA.category.rawValue
            measured_lab = .init(r.preset.measuredLab.lab)
            bounds = r.preset.bounds.mapValues { $0.map { JSONOutput.rounded($0, 6) } }
            at_bound = r.preset.atBound
            melanin_class_range = r.preset.melaninClassRange
        }
    }
}
