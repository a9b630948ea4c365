// libFuzzer target: fade model files (`--model-file`). The same bytes go through the model-file
// reader (YAML, checks, the expression compiler) and, as a bare expression over t and x with
// parameters a, b, c, straight into the expression compiler. Whatever compiles is evaluated and
// held to invariants; a model file is also fitted to a small series.
//
// Fuzz build (see Tests/fuzz/run.sh): `-sanitize=fuzzer,address -DFUZZING`; libFuzzer supplies
// the driver. Plain builds get a small `main` that replays files or folders given as arguments.
import Fading
import Foundation
import FuzzDriver
import Plans

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = checkModel(fuzzBytes(data, size))
    return 0
}

/// What the input became: "file" (a model file that reads), "expression", both or neither.
func checkModel(_ bytes: [UInt8]) -> String {
    guard let text = String(bytes: bytes, encoding: .utf8) else { return "not UTF-8" }
    var verdict: [String] = []
    if let model = try? FadeModelFile.parse(text, file: "fuzz.yaml") {
        verdict.append("file")
        check(model)
        fit(model)
    }
    let bare = ExpressionModelDefinition(name: "fuzz", expression: "(\(text)) + 0*(a + b + c)", variables: ["t", "x"],
                                         parameters: ["a", "b", "c"].map { .init(name: $0, start: 0.5, lower: -.infinity, upper: .infinity) })
    if let model = try? ExpressionModel(bare) {
        verdict.append("expression")
        check(model)
    }
    return verdict.isEmpty ? "refused" : verdict.joined(separator: "+")
}

/// The invariants every compiled model keeps: the gradient's value is the value (NaN alike),
/// and for one variable the all-points evaluation (`predict`) agrees with the per-point one.
func check(_ model: ExpressionModel) {
    let θ = model.specification.map(\.defaultValue)
    let points: [Double] = [0, 1, -2.5, 0.5, 1e-300, 37, 1e6]
    func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
    for p in points {
        let point = Array(repeating: p, count: model.variables.count)
        let v = model.value(at: point, parameters: θ)
        let (g, gradient) = model.gradient(at: point, parameters: θ)
        if !same(v, g) { fatalError("value \(v) but the gradient's value \(g) at \(p)") }
        if gradient.count != θ.count { fatalError("gradient of \(gradient.count) for \(θ.count) parameters") }
    }
    guard model.variables.count == 1 else { return }
    let fitter = FadeFitter()
    guard let batch = fitter.predict(.expression(model), estimates: θ, days: points, channels: 1) else {
        fatalError("the all-points evaluation refused a one-variable model")
    }
    for (p, b) in zip(points, batch) where !same(b, model.value(at: p, parameters: θ)) {
        fatalError("all-points value \(b) differs from the per-point one at \(p)")
    }
}

/// A short fit to a series of the model's own variables (named columns when it has several).
func fit(_ model: ExpressionModel) {
    var options = FitOptions()
    options.folds = 3
    options.maxIterations = 5
    let n = 9
    let days = (0..<n).map { Double($0) * 0.75 }
    let extra = model.variables.dropFirst().enumerated().map { k, _ in days.map { $0 + Double(k + 1) } }
    let series = ObservedSeries(name: "s", days: days, values: days.map { 1 - 0.05 * $0 }, predictorNames: model.variables,
                                extraPredictors: Array(extra))
    let result = FadeFitter(options: options).fit([series], models: [.expression(model)], jobs: 1)
    guard result.count == 1, result[0].fits.count == 1 else { fatalError("one series, one model: \(result.count) results") }
    let f = result[0].fits[0]
    if f.status == .converged, !(f.rmse?.isFinite ?? false) { fatalError("converged with rmse \(String(describing: f.rmse))") }
}

#if FUZZING
@_cdecl("FuzzModel_main")
func fuzzModelMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzModelOneInput)
}
#else
@main
struct FuzzModelReplay {
    static func main() { replay(CommandLine.arguments.dropFirst()) { checkModel($0) } }
}
#endif
