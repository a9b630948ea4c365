import ArgumentParser
import Foundation
import Plans
import Reports
import Simulation
import SkinOptics
import Support

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented plan to start from.",
        discussion: "Templates:\n" + PlanTemplate.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

    @Option(name: .long, help: "Norwood stage of the client (not used by the ludwig-ii template).")
    var stage: String = "V"

    @Option(name: .long, help: "Skin tone preset, e.g. monk-6.")
    var skin: String = PlanDefaults.skin

    @Option(name: .long, help: "Client's hair colour: a name from Data/hair/hair_colours.csv or L,a,b. With it, the demo and three-session templates take their pigment, dilution and depth from `stipple color solve` (lighter first).")
    var hair: String?

    @Option(name: .long, help: ArgumentHelp("One of: \(PlanTemplate.allCases.map(\.rawValue).joined(separator: ", "))."))
    var template: String = "demo"

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    @Argument(help: "Plan file to write (.yaml).")
    var plan: String

    @OptionGroup var shared: DataOption

    func validate() throws {
        guard PlanTemplate(rawValue: template) != nil else {
            throw ValidationError("unknown template '\(template)'; expected one of: \(PlanTemplate.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: plan)
            if !force, FileManager.default.fileExists(atPath: url.path) {
                throw OutputError(path: url.path, message: "exists; pass --force to overwrite it")
            }
            let engine = try SimulationEngine(data: shared.library())
            let chosen = PlanTemplate(rawValue: template)!
            var text = chosen.text(stage: stage, skin: skin)
            var shadeNote = ""
            var warning: String?
            if let hair {
                let root = engine.data.root
                let target = try ColorSolve.hairTarget(hair, root: root)
                let model: SkinModel
                do { model = try engine.colourLibrary.skins.model(named: skin) } catch { throw ColorSolve.OptionError(option: "--skin", message: "\(error)") }
                let c = engine.colourLibrary.skins.basis.constants
                let advice = try ShadeAdvice(skin: model, skinName: SkinLibrary.canonicalName(skin), pigments: engine.colourLibrary.pigments.pigments,
                                             hair: target.lab, hairLabel: target.label, depthRange: c.recommendedNeedleDepthRange,
                                             fadeLibrary: engine.fadeLibrary, rules: engine.reviewRules)
                let best = advice.best
                let hairValue = target.label.contains(",") ? "{L: \(target.lab.L), a: \(target.lab.a), b: \(target.lab.b)}" : target.label
                text = chosen.text(stage: stage, skin: skin, hair: hairValue,
                                   shade: .init(pigment: best.pigment, dilution: best.dilution, depthMM: best.depthMM))
                if chosen == .demo || chosen == .threeSession {
                    shadeNote = "; shade \(best.pigment) up to dilution \(String(format: "%.2f", best.dilution)) at \(String(format: "%.2f", best.depthMM)) mm (color solve, ΔE00 \(String(format: "%.1f", best.deltaE00ToTarget)) to the hair)"
                }
                warning = advice.explanation
            }
            // The template must be a valid plan for this client before it is written.
            let parsed = try engine.planReader.parse(text, file: url.path)
            _ = try engine.colourLibrary.colours(for: parsed, file: url.path)
            try AtomicOutput.writeAtomically(Array(text.utf8), to: url)
            if let warning { print("note: \(warning).") }
            print("wrote \(url.path) (\(template), \(parsed.client.hairLoss.label), \(skin)\(shadeNote)); run: stipple review \(plan), then stipple simulate \(plan) --out out/\(template)")
        }
    }
}
