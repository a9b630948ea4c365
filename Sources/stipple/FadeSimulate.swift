import ArgumentParser
import Fading
import Figures
import Foundation
import Plans
import Rendering
import Support

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
    var model: String?

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
            let kind = try FadeModelKind(named: model!)
            let library = try FadeSupport.library(data: shared.data)
            let setup = try library.setup(model: kind, overrides: Assignments.merged(params, option: "--param"))
            let dayList = try days.days()
            if let depth, let limit = setup.needleDepthMM, !limit.contains(depth) {
                throw FadeError.invalidInput(reason: "--depth \(depth) mm is outside the modelled needle depths: expected \(limit.expectation)")
            }
            // Without --depth the curve is the model itself (reference depth: no depth factor).
            var reference = setup
            if depth == nil { reference.depth.shallowGain = 0 }
            let states = try FadeTimeline.evaluate(model: reference, depthMM: depth ?? reference.depth.referenceDepthMM,
                                                   sunExposure: sun, days: dayList, groups: [group])
            var csv = depth == nil ? "day,retained\n" : "day,retained,diameter_scale,depth_mm\n"
            for s in states {
                csv += "\(s.day),\(s.retained[group]!)"
                if depth != nil { csv += ",\(s.diameterScale),\(s.depthMM)" }
                csv += "\n"
            }
            if let png {
                let described = zip(setup.specification, setup.values).map { "\($0.name)=\(LineChartLabel.short($1))" }.joined(separator: " ")
                // The model's colour in every fade chart (FadeModelCharts); the diameter scale in grey.
                var series = [LineChart.Series(label: "retained (\(group))", colour: FadeModelCharts.colours([kind.name])[kind.name]!,
                                               points: states.map { ($0.day, $0.retained[group]!) })]
                if depth != nil {
                    series.append(LineChart.Series(label: "diameter scale", colour: RGB(hex: 0x666666),
                                                   points: states.map { ($0.day, $0.diameterScale) }))
                }
                let title = "\(kind.name) fade" + (depth.map { ", depth \($0) mm" } ?? "")
                let chart = LineChart(title: title, xLabel: "days since session   (\(described))",
                                      yLabel: depth == nil ? "retained fraction" : "retained fraction / diameter scale",
                                      series: series, width: figures.width ?? 800, height: Self.height(figures.width),
                                      yRange: depth == nil ? 0...1.05 : nil)
                let format = figures.resolved(forFile: png)
                try BenchmarkCharts.save(chart, format, to: URL(fileURLWithPath: png))
                if format == .png { noteFontFallback() }
            }
            FadeSupport.write(csv)
        }
    }
}

extension FadeSimulate {
    /// The chart's height at `--figure-width` (800 × 500 by default; at least 375 when narrower).
    static func height(_ width: Int?) -> Int { width.map { max(375, Int((Double($0) * 500 / 800).rounded())) } ?? 500 }

    /// Evaluates a model file's expression at the days, from its start values with `--param` overrides.
    func simulateFile(_ path: String) throws {
        let model = try FadeModelFile.read(contentsOf: URL(fileURLWithPath: path))
        try FadeSupport.requireOneVariable([.expression(model)], command: "fade simulate")
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
        let dayList = try days.days()
        if let problem = model.nonFinitePoint(at: dayList, parameters: values) { throw FadeError.invalidInput(reason: "\(path): \(problem)") }
        let points = dayList.map { ($0, model.value(at: $0, parameters: values)) }
        var csv = "day,value\n"
        for (d, v) in points { csv += "\(d),\(v)\n" }
        if let png {
            let described = zip(spec, values).map { "\($0.name)=\(LineChartLabel.short($1))" }.joined(separator: " ")
            let chart = LineChart(title: "\(model.name): \(model.definition.expression)", xLabel: "days   (\(described))", yLabel: "value",
                                  series: [LineChart.Series(label: model.name, colour: FadeModelCharts.colours([model.name])[model.name]!, points: points)],
                                  width: figures.width ?? 800, height: Self.height(figures.width), yRange: nil)
            try BenchmarkCharts.save(chart, figures.resolved(forFile: png), to: URL(fileURLWithPath: png))
        }
        FadeSupport.write(csv)
    }
}
