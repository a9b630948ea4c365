import Support
import Testing
@testable import SkinOptics

@Suite("CIEDE2000")
struct DeltaE2000Tests {
    /// The 34 pairs of Sharma, Wu & Dalal (2005) Table 1, from Data/cie/ciede2000_sharma2005.csv.
    static func sharmaPairs() throws -> [(Lab, Lab, Double)] {
        try readCSV("cie/ciede2000_sharma2005.csv").map {
            (Lab(L: $0[1], a: $0[2], b: $0[3]), Lab(L: $0[4], a: $0[5], b: $0[6]), $0[7])
        }
    }

    @Test("all 34 Sharma pairs to 1e-4, fast kernel, both argument orders")
    func sharmaFast() throws {
        let pairs = try Self.sharmaPairs()
        #expect(pairs.count == 34)
        for (i, (x, y, expected)) in pairs.enumerated() {
            #expect(abs(deltaE2000(x, y) - expected) < 1e-4, "pair \(i + 1): \(deltaE2000(x, y)) vs \(expected)")
            #expect(abs(deltaE2000(y, x) - expected) < 1e-4, "pair \(i + 1) swapped")
        }
    }

    @Test("all 34 Sharma pairs to 1e-4, reference implementation")
    func sharmaReference() throws {
        for (i, (x, y, expected)) in try Self.sharmaPairs().enumerated() {
            #expect(abs(deltaE2000Reference(x, y) - expected) < 1e-4, "pair \(i + 1): \(deltaE2000Reference(x, y)) vs \(expected)")
        }
    }

    @Test("batch SoA and array forms agree with the scalar form, Sharma pairs")
    func batchSharma() throws {
        let pairs = try Self.sharmaPairs()
        let first = pairs.map(\.0), second = pairs.map(\.1)
        let soa = deltaE2000(LabArrays(first), LabArrays(second))
        let aos = deltaE2000(first, second)
        for i in 0..<pairs.count {
            #expect(abs(soa[i] - pairs[i].2) < 1e-4)
            #expect(soa[i] == aos[i])
        }
    }

    @Test("fast batch matches the scalar reference to 1e-6 on 100k random pairs")
    func randomAgainstReference() {
        var rng = SplitMix64(seed: 2005)
        let n = 100_000
        var first: [Lab] = [], second: [Lab] = []
        for k in 0..<n {
            let x = Lab(L: .random(in: 0...100, using: &rng), a: .random(in: -128...128, using: &rng), b: .random(in: -128...128, using: &rng))
            // A quarter of the pairs are near neighbours (ΔE ≲ 3), where rounding matters most.
            let y = k % 4 == 0
                ? Lab(L: x.L + .random(in: -2...2, using: &rng), a: x.a + .random(in: -2...2, using: &rng), b: x.b + .random(in: -2...2, using: &rng))
                : Lab(L: .random(in: 0...100, using: &rng), a: .random(in: -128...128, using: &rng), b: .random(in: -128...128, using: &rng))
            first.append(x); second.append(y)
        }
        let fast = deltaE2000(LabArrays(first), LabArrays(second))
        var worst = 0.0
        for i in 0..<n { worst = max(worst, abs(fast[i] - deltaE2000Reference(first[i], second[i]))) }
        #expect(worst < 1e-6, "largest difference \(worst)")
    }

    @Test("edge cases: identical, neutral, one neutral, exactly opposite hues, hue wrap at 0/360")
    func edgeCases() {
        let cases: [(Lab, Lab)] = [
            (Lab(L: 50, a: 0, b: 0), Lab(L: 50, a: 0, b: 0)),
            (Lab(L: 50, a: 0, b: 0), Lab(L: 60, a: 0, b: 0)),
            (Lab(L: 50, a: 0, b: 0), Lab(L: 50, a: 10, b: -3)),
            (Lab(L: 40, a: 10, b: 20), Lab(L: 40, a: -10, b: -20)),
            (Lab(L: 40, a: -10, b: 20), Lab(L: 45, a: 10, b: -20)),
            (Lab(L: 50, a: 30, b: -0.5), Lab(L: 50, a: 30, b: 0.5)),
            (Lab(L: 50, a: 0, b: -40), Lab(L: 50, a: 0.0, b: 40)),
            (Lab(L: 70, a: -20, b: 0), Lab(L: 70, a: 20, b: 0)),
        ]
        #expect(deltaE2000(cases[0].0, cases[0].1) == 0)
        for (x, y) in cases {
            let ref = deltaE2000Reference(x, y)
            #expect(abs(deltaE2000(x, y) - ref) < 1e-9, "\(x) vs \(y): \(deltaE2000(x, y)) vs \(ref)")
            #expect(abs(deltaE2000(y, x) - ref) < 1e-9, "swapped \(x) vs \(y)")
        }
    }
}
