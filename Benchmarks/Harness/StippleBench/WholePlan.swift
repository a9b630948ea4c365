import Figures
import Foundation
import Plans
import Simulation

/// `stipple-bench plan`: one whole plan as `stipple simulate --images none` computes it
/// (placement, metrics per session and follow-up, colours, fading, touch-up, review, and the
/// bytes of report.json, the CSVs and dots.csv), in-process on one thread, the engine loaded
/// once outside the clock as in a batch. Prints the medians of wall time (`seconds`) and thread
/// CPU time (`cpu_seconds`), `rate` = plans/s per core = 1 / cpu_seconds, and an FNV-1a hash of
/// every output file's name and bytes, so that two builds can be checked to write the same files.
///
///   stipple-bench plan [--plan Benchmarks/plans/norwood-vi-three-sessions.yaml] [--data Data] [--repeat N]
@MainActor func runWholePlan() throws {
    let path = option("plan", "Benchmarks/plans/norwood-vi-three-sessions.yaml")
    var engine = try SimulationEngine(data: DataLibrary(root: URL(fileURLWithPath: option("data", "Data"))))
    engine.parallelWithinPlan = false  // one core: the rate is plans/s per core
    let plan = try engine.planReader.read(contentsOf: URL(fileURLWithPath: path))
    let selection = PlanOutputs.Selection(images: .none, dots: true)
    let (seconds, files) = try timed { () throws -> [(name: String, bytes: [UInt8])] in
        let result = try engine.simulate(plan, source: path)
        return try PlanOutputs.files(for: result, selection: selection)
    }
    // FNV-1a 64 over every file's name and bytes, in output order.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for file in files {
        for byte in Array(file.name.utf8) + [0] + file.bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    let bytes = files.reduce(0) { $0 + $1.bytes.count }
    print("task=plan plan=\(path) files=\(files.count) bytes=\(bytes) fnv64=\(String(hash, radix: 16)) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(1 / cpuSeconds)")
}
