import Foundation
import Plans

/// Runs the plan-file readers on raw bytes, for fuzzing (`Tests/fuzz`): YAML/JSON parsing,
/// plan validation, and the sweep parser on the same tree (`Plans`' `ProbedInput`). The contract
/// checked is that every input ends in a thrown error or a result, never a trap, a hang or
/// unbounded memory.
public enum InputProbe {
    public typealias Outcome = ProbedInput.Kind

    /// `sweepFile` names the (possibly non-existent) file the sweep is taken to be, so a relative
    /// `base:` or `rows:` path resolves beside it. With `engine`, a valid plan is also taken through
    /// the colour model and the scalp construction, as `stipple validate` does.
    public static func check(bytes: [UInt8], sweepFile: URL, engine: SimulationEngine? = nil) -> Outcome {
        let probed = ProbedInput(bytes: bytes, file: sweepFile, reader: engine?.planReader ?? SimulationEngine.defaultPlanReader)
        if let engine {
            for plan in probed.plans {
                _ = try? engine.colourLibrary.colours(for: plan, file: "fuzz")
                _ = try? engine.scalp(for: plan)
            }
        }
        return probed.kind
    }
}
