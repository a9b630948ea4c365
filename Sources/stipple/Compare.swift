import ArgumentParser
import Foundation
import Figures
import Plans
import Reports
import Simulation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show two plans' results side by side at the same spot (e.g. correct depth vs too deep).",
        discussion: """
            Writes DIR/compare.png and DIR/compare.html (both plans side by side on one slider over
            their sessions and follow-ups; self-contained) and prints the healed colours and
            spacing of both plans.
            """)

    @Argument(help: "First plan (its preview position is used for both).")
    var planA: String

    @Argument(help: "Second plan.")
    var planB: String

    @Option(name: .long, help: "Output folder.")
    var out: String

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            var engine = try SimulationEngine(data: shared.library()).recordingProvenance()
            engine.touchUpSeedCount = TouchUpSeeds.count  // two plans for one person: their dates over seeds, as simulate gives them
            let plans = try [planA, planB].map { path throws -> (Plan, String) in
                (try engine.planReader.read(contentsOf: URL(fileURLWithPath: path)), path)
            }
            let output = AtomicOutput(directory: URL(fileURLWithPath: out))
            try output.prepare()
            let results = try plans.map { plan, path in try engine.simulate(plan, source: path) }
            let comparison = try PlanComparison.compare(results[0], results[1])
            let pictures = try results.map { r in
                Dictionary(try PlanOutputs.files(for: r, selection: CompareReport.selection)
                    .filter { $0.name.hasSuffix(".png") }.map { ($0.name, $0.bytes) }, uniquingKeysWith: { x, _ in x })
            }
            let page = CompareReport.page(results[0], imagesA: pictures[0], results[1], imagesB: pictures[1])
            try output.commit([("compare.png", comparison.png), (CompareReport.fileName, page)])
            print(comparison.summary)
            noteFontFallback()
        }
    }
}
