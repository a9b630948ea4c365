// libFuzzer target: plan parsing and validation, and the sweep parser, on the same bytes.
//
// Fuzz build (see Tests/fuzz/run.sh): `-sanitize=fuzzer,address -DFUZZING`; libFuzzer supplies
// the driver and calls `LLVMFuzzerTestOneInput`. Plain builds get a small `main` that replays the
// files or folders given as arguments through the same check (FuzzDriver's `replay`).
import Foundation
import FuzzDriver
import Plans
import Simulation

/// Loaded once: the engine (for the colour model and scalp construction of plans that validate)
/// and a scratch folder holding a base plan and a rows CSV, so sweeps that name `base.yaml` or
/// `rows.csv` relative to themselves reach those readers too.
enum FuzzPlanSetup {
    static let engine: SimulationEngine? = try? SimulationEngine(data: DataLibrary.locate())
    static let sweepFile: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-fuzzplan-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let base = """
            client: {norwood: V}
            design: {target_density_per_cm2: 110}
            sessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]
            """
        try? Data(base.utf8).write(to: dir.appendingPathComponent("base.yaml"))
        try? Data("client.skin,seed\nmonk-2,1\nmonk-9,2\n".utf8).write(to: dir.appendingPathComponent("rows.csv"))
        return dir.appendingPathComponent("sweep.yaml")
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = check(fuzzBytes(data, size))
    return 0
}

func check(_ bytes: [UInt8]) -> InputProbe.Outcome {
    InputProbe.check(bytes: bytes, sweepFile: FuzzPlanSetup.sweepFile, engine: FuzzPlanSetup.engine)
}

#if FUZZING
@_cdecl("FuzzPlan_main")
func fuzzPlanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzPlanOneInput)
}
#else
@main
struct FuzzPlanReplay {
    static func main() { replay(CommandLine.arguments.dropFirst()) { "\(check($0))" } }
}
#endif
