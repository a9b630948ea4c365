import ArgumentParser
import CommandOptions
import Foundation
import Figures
import Plans
import Reports
import ScalpModel
import Simulation

struct Atlas: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a stage of a hair-loss scale with its regions and their areas.",
        discussion: """
            Norwood stages: I, II, IIa, III, IIIa, III vertex, IV, IVa, V, Va, VI, VII.
            Ludwig stages: I, II, III. Savin stages: I-1, I-2, I-3, I-4, II-1, II-2, III, advanced, frontal.
            Female scales (Ludwig, Savin) keep the frontal hairline; the page outlines the treated
            (thinning) region in red and gives its area.
            """)

    @Option(name: .long, help: "Hair-loss scale: norwood, ludwig or savin.")
    var scale = HairLossScaleOption(argument: "norwood")

    @Option(name: .long, help: "Stage on that scale, e.g. V, \"III vertex\" (Norwood), II (Ludwig), I-3 (Savin).")
    var stage: String

    @Option(name: .long, help: "PNG file to write.")
    var out: String

    @Option(name: .long, help: "Head circumference, mm.")
    var circumference: Double = 570

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            let hairLossScale = try scale.value()
            let engine = try SimulationEngine(data: shared.library())
            let page = try engine.atlasPage(scale: hairLossScale, stage: stage, circumferenceMM: circumference)
            try AtomicOutput.writeAtomically(page.png, to: URL(fileURLWithPath: out))
            noteFontFallback()
            print(page.summary)
        }
    }
}
