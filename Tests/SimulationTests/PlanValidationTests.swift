import Foundation
import Plans
import Simulation
import StippleTestSupport
import Testing

/// `validate` checks the scalp on a coarse raster and resolves each distinct set of colour inputs
/// once. These hold it to the full check it replaced (every variant's colours, and its scalp at
/// simulation resolution), kept here as the reference: the same count for good files and the same
/// first message, word for word, for bad ones.
@Suite("validate equals the full per-plan check")
struct PlanValidationTests {
    static let engine: SimulationEngine = try! SimulationEngine(data: DataLibrary(root: Repository.data))

    /// The check as it was: every job's plan, colours and scalp at the engine's resolution.
    static func fullCheck(_ path: String) throws(PlanError) -> Int {
        let url = URL(fileURLWithPath: path)
        let batch = try BatchInputs(paths: [path])
        var count = 0
        var jobs = batch.makeIterator()
        while let job = jobs.next() {
            let plan = try job.plan(reader: engine.planReader, defaultName: url.deletingPathExtension().lastPathComponent).get()
            _ = try engine.colourLibrary.colours(for: plan, file: job.source)
            do { _ = try engine.scalp(for: plan) } catch {
                throw PlanError(file: job.source, field: "design.hairline", message: error.description)
            }
            count += 1
        }
        return count
    }

    static func outcome(_ check: (String) throws(PlanError) -> Int, _ path: String) -> String {
        do { return "ok \(try check(path))" } catch { return "error \(error)" }
    }

    static func expectSame(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let fast = outcome(engine.validate(file:), path), full = outcome(fullCheck, path)
        #expect(fast == full, "\(path)", sourceLocation: sourceLocation)
        return full
    }

    static var shippedFiles: [String] {
        ["Data/plans", "Data/sweeps", "Tests/MalformedInputs/plans"].flatMap { folder in
            let dir = Repository.root.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
                .map { dir.appendingPathComponent($0).path }
        }
    }

    @Test("shipped plans and sweeps, and every malformed plan: same count or same message")
    func shippedAndMalformed() {
        let files = Self.shippedFiles
        #expect(files.count > 70)
        var good = 0, bad = 0
        for file in files { if Self.expectSame(file).hasPrefix("ok") { good += 1 } else { bad += 1 } }
        #expect(good >= 10 && bad >= 60, "\(good) good, \(bad) bad")
    }

    /// Sweeps over a shipped plan whose later variants fail in the scalp, area or colour checks,
    /// after earlier variants with the same colour inputs passed.
    static let failingSweeps: [(base: String, vary: [String])] = [
        ("norwood-v-three-sessions", ["seed: [1, 2]", "design.hairline.height_above_brow_mm: {from: 60, to: 120, step: 15}"]),
        ("norwood-v-three-sessions", ["seed: [1, 2]", "design.hairline.transition_mm: [8, 0.2, 40]"]),
        ("norwood-v-three-sessions", ["design.hairline.irregularity: [0, 1, 1.5]"]),
        ("norwood-v-three-sessions", ["client.head_circumference_mm: [560, 300, 900]"]),
        ("norwood-v-three-sessions", ["seed: {from: 1, to: 3, step: 1}", "client.skin: [monk-4, no-such-skin]"]),
        ("norwood-v-three-sessions", ["seed: [1, 2]", "sessions[*].depth_mm: [0.6, 0.6, 9]"]),
        ("norwood-v-three-sessions", ["seed: [1, 2]", "sessions[1].pigment: [carbon-black, no-such-ink]"]),
        ("fue-scars", ["seed: [1, 2]", "areas[0].count: [700, 1000000]"]),
        ("fue-scars", ["seed: [1, 2]", "areas[0].count: [700, 5000]", "areas[0].diameter_mm: [0.9, 3]"]),
        ("alopecia-patch", ["seed: [1, 2]", "areas[0].radius_mm: [12, 0, 400]"]),
        ("alopecia-patch", ["areas[0].centre_mm: [[35, 120], [900, 900]]"]),
        ("ludwig-ii-diffuse-thinning", ["seed: [1, 2]", "design.hairline.height_above_brow_mm: [70, 49]"]),
    ]

    @Test("sweeps failing part-way: the same first failing variant and message", arguments: 0..<failingSweeps.count)
    func failingPartWay(_ k: Int) throws {
        let (base, vary) = Self.failingSweeps[k]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-validate-\(getpid())-\(k)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = Repository.data.appendingPathComponent("plans/\(base).yaml").path
        let file = dir.appendingPathComponent("sweep.yaml")
        try Data("sweep:\n  name: s\(k)\n  base: \(plan)\n  vary:\n\(vary.map { "    \($0)\n" }.joined())".utf8).write(to: file)
        let result = Self.expectSame(file.path)
        #expect(result.hasPrefix("error "), "\(result)")
        #expect(!result.contains("sweep.yaml#0:"), "the first variant should pass: \(result)")
    }
}
