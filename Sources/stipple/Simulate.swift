import ArgumentParser
import CommandOptions
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
            session × region), dots.csv (session,x_mm,y_mm,diameter_um,depth_mm), for each
            session N density_sessionN.png and dots_sessionN.png, fade_curves.png (or .svg with
            --figure-format svg), and report.html: one self-contained page (pictures embedded)
            with a slider over the sessions and follow-ups.
            Files appear only when complete; a failed run leaves none behind.
            """)

    @Argument(help: "Plan file (YAML or JSON).")
    var plan: String

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @Option(name: .long, help: "Override the plan's seed.")
    var seed: UInt64?

    @OptionGroup var shared: DataOption

    @OptionGroup var verbosity: QuietOption

    @Option(name: .long, help: "Images: all, summary (last session's density map and appearance, fade curves) or none.")
    var images: PlanOutputs.Selection.Images = .all

    @OptionGroup(title: "Charts") var figures: FigureOptions

    @Flag(name: .long, help: "Skip dots.csv.")
    var noDots = false

    @Flag(name: .long, help: "Skip report.html (the self-contained page that steps through the pictures and numbers).")
    var noHtml = false

    func run() throws {
        try reportingErrors {
            var engine = try SimulationEngine(data: shared.library()).recordingProvenance()
            engine.touchUpSeedCount = TouchUpSeeds.count  // one plan for a person: the date over seeds
            var parsed = try engine.planReader.read(contentsOf: URL(fileURLWithPath: plan))
            if let seed { parsed.seed = seed }
            // Checked before the simulation so a bad --out fails in milliseconds.
            let output = AtomicOutput(directory: URL(fileURLWithPath: out))
            try output.prepare()
            let result = try engine.simulate(parsed, source: plan)
            let selection = PlanOutputs.Selection(images: images, dots: !noDots, html: !noHtml,
                                                  figureFormat: figures.resolved, figureWidth: figures.width)
            let files = try PlanOutputs.files(for: result, selection: selection)
            try output.commit(files, commitLast: PlanOutputs.reportFileName)
            noteFontFallback(drewPictures: images != .none)
            if !verbosity.quiet { print(ReportFiles.summary(of: result, files: files.map(\.name), directory: out)) }
        }
    }
}
