import Foundation
@testable import SkinOptics
import Support

/// The repository's `Data/` folder, found from this file's location.
let dataDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data")

/// Reads a numeric CSV under Data/ (header skipped).
func readCSV(_ relativePath: String) throws -> [[Double]] {
    let text = try String(contentsOf: dataDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
        line.split(separator: ",").map { Double($0)! }
    }
}
