import Foundation
import Yams

/// Runs the plan-file readers on raw bytes, for fuzzing (`Sources/FuzzPlan`): YAML/JSON parsing,
/// plan validation, and the sweep parser on the same tree. The contract checked is that every
/// input ends in a thrown error or a result, never a trap, a hang or unbounded memory.
public enum InputProbe {
    public enum Outcome: Equatable, Sendable {
        case plan
        case sweep(variants: Int)
        case error
    }

    /// `sweepFile` names the (possibly non-existent) file the sweep is taken to be, so a relative
    /// `base:` or `rows:` path resolves beside it. With `engine`, a valid plan is also taken through
    /// the colour model and the scalp construction, as `stipple validate` does.
    public static func check(bytes: [UInt8], sweepFile: URL, engine: SimulationEngine? = nil) -> Outcome {
        let file = sweepFile.path
        let reader = engine?.planReader ?? SimulationEngine.defaultPlanReader
        guard let text = String(validating: bytes, as: UTF8.self) else { return .error }
        let node: Node
        do { node = try PlanReader.parseNode(text, file: file) } catch { return .error }
        if Sweep.isSweep(node) {
            guard let sweep = try? Sweep(node: node, file: sweepFile) else { return .error }
            // First and last variant: enough to reach every field path and value list.
            for k in Set([0, max(0, sweep.count - 1)]) where k < sweep.count {
                guard let variant = try? sweep.variant(k) else { continue }
                _ = BatchInputs.job(variant.node, source: "\(file)#\(k)", varied: variant.varied)
                if let plan = try? reader.plan(from: variant.node, file: file, defaultName: "fuzz") { deepCheck(plan, engine) }
            }
            return .sweep(variants: sweep.count)
        }
        _ = BatchInputs.job(node, source: file, varied: [])
        guard let plan = try? reader.plan(from: node, file: file, defaultName: "fuzz") else { return .error }
        deepCheck(plan, engine)
        return .plan
    }

    private static func deepCheck(_ plan: Plan, _ engine: SimulationEngine?) {
        guard let engine else { return }
        _ = try? engine.colourLibrary.colours(for: plan, file: "fuzz")
        _ = try? engine.scalp(for: plan)
    }
}
