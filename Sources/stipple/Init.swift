import ArgumentParser
import Foundation
import Plans
import Reports
import Simulation
import Support

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented plan to start from.",
        discussion: "Templates:\n" + PlanTemplate.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

    @Option(name: .long, help: "Norwood stage of the client.")
    var stage: String = "V"

    @Option(name: .long, help: "Skin tone preset, e.g. monk-6.")
    var skin: String = "monk-4"

    @Option(name: .long, help: "demo, three-session, too-fast, too-deep or too-close.")
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
            let text = PlanTemplate(rawValue: template)!.text(stage: stage, skin: skin)
            // The template must be a valid plan for this client before it is written.
            let parsed = try engine.planReader.parse(text, file: url.path)
            _ = try engine.colourLibrary.colours(for: parsed, file: url.path)
            try AtomicOutput.writeAtomically(Array(text.utf8), to: url)
            print("wrote \(url.path) (\(template), Norwood \(parsed.client.norwood.rawValue), \(skin)); run: stipple simulate \(plan) --out out/\(template)")
        }
    }
}
