// libFuzzer target: plan parsing and validation, and the sweep parser, on the same bytes.
//
// Fuzz build (see Tests/fuzz/run.sh): `-sanitize=fuzzer,address -DFUZZING`; libFuzzer supplies
// the driver (`LLVMFuzzerRunDriver`) and calls `LLVMFuzzerTestOneInput`. Plain builds get a small `main` that replays the files
// or folders given as arguments through the same function (to reproduce a crash under a debugger).
import Foundation
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
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = InputProbe.check(bytes: bytes, sweepFile: FuzzPlanSetup.sweepFile, engine: FuzzPlanSetup.engine)
    return 0
}

#if FUZZING
// SwiftPM links executables with `main` aliased to `<module>_main` (so tests can link them); define
// that symbol and hand control to libFuzzer's driver.
@_cdecl("FuzzPlan_main")
func fuzzPlanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzPlanOneInput)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#else
@main
struct FuzzPlanReplay {
    static func main() {
        for url in CommandLine.arguments.dropFirst().flatMap(replayFiles) {
            guard let bytes = try? Data(contentsOf: url) else { continue }
            let outcome = InputProbe.check(bytes: Array(bytes), sweepFile: FuzzPlanSetup.sweepFile, engine: FuzzPlanSetup.engine)
            print("\(outcome): \(url.path)")
        }
    }
}

/// A file, or every file in a folder (sorted).
func replayFiles(_ path: String) -> [URL] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [URL(fileURLWithPath: path)] }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    return names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
}
#endif
