import ArgumentParser
import Foundation
import Figures
import Plans
import Reports
import Simulation

struct Atlas: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a Norwood stage of the atlas with its regions and their areas.",
        discussion: "Stages: I, II, IIa, III, IIIa, III vertex, IV, IVa, V, Va, VI, VII.")

    @Option(name: .long, help: "Norwood stage, e.g. V, IIIa, \"III vertex\".")
    var stage: String

    @Option(name: .long, help: "PNG file to write.")
    var out: String

    @Option(name: .long, help: "Head circumference, mm.")
    var circumference: Double = 570

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            let engine = try SimulationEngine(data: shared.library())
            let page = try engine.atlasPage(stage: stage, circumferenceMM: circumference)
            try AtomicOutput.writeAtomically(page.png, to: URL(fileURLWithPath: out))
            noteFontFallback()
            print(page.summary)
        }
    }
}
