import Foundation
@testable import SkinOptics

/// The repository's `Data/` folder, found from this file's location.
let dataDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data")

/// SplitMix64: a small seeded generator so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads a numeric CSV under Data/ (header skipped).
func readCSV(_ relativePath: String) throws -> [[Double]] {
    let text = try String(contentsOf: dataDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
        line.split(separator: ",").map { Double($0)! }
    }
}
