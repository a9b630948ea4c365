import ArgumentParser
import CommandOptions
import Fading
import Figures
import Foundation
import Plans
import Reports

struct FadeSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Print a fade curve as CSV (day,retained[,diameter_scale,depth_mm]); optionally draw it as a PNG.",
        discussion: """
            Parameters default to Data/fade/models.json (assumptions); override with --param.
            With --depth, the depth response applies: faster loss near the epidermis, more spread
            when deep, slow drift deeper; diameter_scale and depth_mm columns are added.
            With --model-file the file's expression is evaluated at its start values (override
            with --param) and printed as day,value; depth, sun and group do not apply to it.
            """)

    @Option(name: .long, help: "Model: \(FadeModelKind.names.joined(separator: ", ")).")
    var model: FadeModelOption?

    @Option(name: .customLong("model-file"), help: "A model file (YAML) to evaluate instead of a built-in model.")
    var modelFile: String?

    @Option(name: .customLong("param"), help: "Parameter override name=value (repeatable, or comma-separated).")
    var params: [Assignments] = []

    @Option(name: .long, help: "Days: a list 0,30,90 or a range start:end:step.")
    var days: DayList

    @Option(name: .long, help: "Implant depth in mm (enables the depth response).")
    var depth: Double?

    @Option(name: .long, help: "Sun exposure 0 (covered) … 1 (outdoors all day); read by the uv model.")
    var sun: Double = FadeConditions.referenceSunExposure

    @Option(name: .long, help: "Pigment fade group whose rate multiplier applies (carbon, iron-oxide, organic).")
    var group: String = "carbon"

    @Option(name: [.customLong("chart"), .customLong("png")], help: ArgumentHelp(
        "Also write the chart to this file: PNG, or SVG with --figure-format svg or a .svg name (--png: the old name).", valueName: "FILE"))
    var png: String?

    @OptionGroup(title: "Charts") var figures: FigureOptions

    @OptionGroup var shared: DataOption

    func run() throws {
        try reportingErrors {
            guard (model == nil) != (modelFile == nil) else { throw ValidationError("give exactly one of --model and --model-file") }
            if let modelFile { return try simulateFile(modelFile) }
            let kind = try model!.value()
            let library = try FadeSupport.library(data: shared.data)
            let setup = try library.setup(model: kind, overrides: Assignments.merged(params, option: "--param"))
            let dayList = try days.value()
            if let depth, let limit = setup.needleDepthMM, !limit.contains(depth) {
                throw FadeError.invalidInput(reason: "--depth \(depth) mm is outside the modelled needle depths: expected \(limit.expectation)")
            }
            // Without --depth the curve is the model itself (reference depth: no depth factor).
            var reference = setup
            if depth == nil { reference.depth.shallowGain = 0 }
            let states = try FadeTimeline.evaluate(model: reference, depthMM: depth ?? reference.depth.referenceDepthMM,
                                                   sunExposure: sun, days: dayList, groups: [group])
            if let png {
                let format = figures.resolved(forFile: png)
                try FadeChartFiles.save(FadeChartFiles.curveChart(states, setup: setup, group: group, depthMM: depth, width: figures.width),
                                        format, to: URL(fileURLWithPath: png))
                if format == .png { noteFontFallback() }
            }
            FadeSupport.write(FadeTables.curveCSV(states, group: group, withDepth: depth != nil))
        }
    }
}

extension FadeSimulate {
    /// Evaluates a model file's expression at the days, from its start values with `--param` overrides.
    func simulateFile(_ path: String) throws {
        let model = try FadeModelFile.read(contentsOf: URL(fileURLWithPath: path))
        try FadeFitOptions.requireOneVariable([.expression(model)], command: "fade simulate")
        if depth != nil { throw ValidationError("--depth applies to the built-in models only; a model file's expression is used as written") }
        let spec = model.specification
        var values = spec.map(\.defaultValue)
        for (name, value) in try Assignments.merged(params, option: "--param").sorted(by: { $0.key < $1.key }) {
            guard let i = spec.firstIndex(where: { $0.name == name }) else {
                throw FadeError.unknownParameter(model: model.name, name: name, known: spec.map(\.name))
            }
            guard spec[i].contains(value) else {
                throw FadeError.parameterOutOfBounds(model: model.name, name: name, value: value, lower: spec[i].lower, upper: spec[i].upper)
            }
            values[i] = value
        }
        let dayList = try days.value()
        if let problem = model.nonFinitePoint(at: dayList, parameters: values) { throw FadeError.invalidInput(reason: "\(path): \(problem)") }
        let points = dayList.map { ($0, model.value(at: $0, parameters: values)) }
        if let png {
            try FadeChartFiles.save(FadeChartFiles.curveChart(model, values: values, points: points, width: figures.width),
                                    figures.resolved(forFile: png), to: URL(fileURLWithPath: png))
        }
        FadeSupport.write(FadeTables.curveCSV(points))
    }
}
