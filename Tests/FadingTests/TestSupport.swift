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
