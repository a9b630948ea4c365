import ArgumentParser
import CommandOptions
import Foundation
import Plans
import Reports
import Simulation
import Support

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented plan to start from.",
        discussion: "Templates:\n" + PlanTemplate.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

    @Option(name: .long, help: "Norwood stage of the client (not used by the ludwig-ii template).")
    var stage = NorwoodStageOption(argument: "V")

    @Option(name: .long, help: "Skin tone preset, e.g. monk-6.")
    var skin: String = PlanDefaults.skin

    @Option(name: .long, help: "Client's hair colour: a name from Data/hair/hair_colours.csv or L,a,b. With it, the demo and three-session templates take their pigment, dilution and depth from `stipple color solve` (lighter first).")
    var hair: HairOption?

    @Option(name: .long, help: "Plan template (each is described below).")
    var template: PlanTemplate = .demo

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    @Argument(help: "Plan file to write (.yaml).")
    var plan: String

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: plan)
            if !force, FileManager.default.fileExists(atPath: url.path) {
                throw OutputError(path: url.path, message: "exists; pass --force to overwrite it")
            }
            let engine = try SimulationEngine(data: shared.library())
            let chosen = template
            // The ludwig-ii template has no Norwood stage, so --stage is not read for it.
            let stage = chosen == .ludwigII ? "V" : try self.stage.value()
            var text = chosen.text(stage: stage, skin: skin)
            var shadeNote = ""
            var warning: String?
            if let hair {
                let answer = try ShadeRequest(skin: skin, hair: hair).advise(
                    skins: engine.colourLibrary.skins, pigments: engine.colourLibrary.pigments, fades: engine.fadeLibrary,
                    rules: engine.reviewRules, dataDirectory: engine.data.root)
                let best = answer.advice.best
                let hairValue = answer.hair.contains(",") ? "{L: \(answer.hairLab.L), a: \(answer.hairLab.a), b: \(answer.hairLab.b)}" : answer.hair
                text = chosen.text(stage: stage, skin: skin, hair: hairValue,
                                   shade: .init(pigment: best.pigment, dilution: best.dilution, depthMM: best.depthMM))
                if chosen == .demo || chosen == .threeSession {
                    shadeNote = "; shade \(best.pigment) up to dilution \(String(format: "%.2f", best.dilution)) at \(String(format: "%.2f", best.depthMM)) mm (color solve, ΔE00 \(String(format: "%.1f", best.deltaE00ToTarget)) to the hair)"
                }
                warning = answer.advice.explanation
            }
            // The template must be a valid plan for this client before it is written.
            let parsed = try engine.planReader.parse(text, file: url.path)
            _ = try engine.colourLibrary.colours(for: parsed, file: url.path)
            try AtomicOutput.writeAtomically(Array(text.utf8), to: url)
            if let warning { print("note: \(warning).") }
            print("wrote \(url.path) (\(template.rawValue), \(parsed.client.hairLoss.label), \(skin)\(shadeNote)); run: stipple review \(plan), then stipple simulate \(plan) --out out/\(template.rawValue)")
        }
    }
}
