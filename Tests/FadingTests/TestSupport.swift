import Foundation
@testable import Fading
import Support

/// SplitMix64 (Support's) with Box–Muller normals: deterministic synthetic data for the tests.
/// The seed is scrambled as it always was here, so the synthetic series are unchanged.
struct TestRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678) }
    mutating func uniform() -> Double { generator.nextUnit() }
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

enum Synthetic {
    /// Days 0 … span, denser early: span·(i/(n−1))².
    static func days(_ n: Int, span: Double) -> [Double] {
        (0..<n).map { i in span * pow(Double(i) / Double(n - 1), 2) }
    }

    static func series<M: FadeModel>(_ model: M, name: String, days: [Double], noise: Double, seed: UInt64) -> ObservedSeries {
        var rng = TestRandom(seed: seed)
        return ObservedSeries(name: name, days: days, values: days.map { model.retained(atDay: $0) + noise * rng.normal() })
    }
}

/// Runs the built `stipple` executable (SwiftPM builds it beside the test bundle).
enum FadeCLI {
    struct Outcome { let status: Int32; let stdout: String; let stderr: String }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL? {
        [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("stipple") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "stipple executable not found"]) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-fade-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
