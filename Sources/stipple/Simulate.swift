import ArgumentParser
import Foundation
import Figures
import Plans
import Reports
import Simulation

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a multi-session plan: impressions, metrics, density and dot maps.",
        discussion: """
            Writes into --out: report.json (everything, versioned), sessions.csv (one row per
            session × region), dots.csv (session,x_mm,y_mm,diameter_um,depth_mm), and for each
            session N density_sessionN.png and dots_sessionN.png. Files appear only when complete;
            a failed run leaves none behind.
            """)

    @Argument(help: "Plan file (YAML or JSON).")
    var plan: String

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @Option(name: .long, help: "Override the plan's seed.")
    var seed: UInt64?

    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    @Flag(name: .long, help: "Print nothing on success.")
    var quiet = false

    @Option(name: .long, help: "Images: all (default), summary (last session's density map and appearance, fade curves) or none.")
    var images: String = "all"

    @Flag(name: .long, help: "Skip dots.csv.")
    var noDots = false

    func validate() throws {
        guard PlanOutputs.Selection.Images(rawValue: images) != nil else {
            throw ValidationError("--images must be all, summary or none, not '\(images)'")
        }
    }

    func run() throws {
        try reportingErrors {
            let engine = try SimulationEngine(data: DataLibrary.locate(explicit: data))
            var parsed = try engine.planReader.read(contentsOf: URL(fileURLWithPath: plan))
            if let seed { parsed.seed = seed }
            // Checked before the simulation so a bad --out fails in milliseconds.
            let output = AtomicOutput(directory: URL(fileURLWithPath: out))
            try output.prepare()
            let result = try engine.simulate(parsed, source: plan)
            let selection = PlanOutputs.Selection(images: PlanOutputs.Selection.Images(rawValue: images)!, dots: !noDots)
            let files = try PlanOutputs.files(for: result, selection: selection)
            try output.commit(files, commitLast: PlanOutputs.reportFileName)
            if !quiet { print(ReportFiles.summary(of: result, files: files.map(\.name), directory: out)) }
        }
    }
}
