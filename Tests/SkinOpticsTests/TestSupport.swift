import Foundation
@testable import SkinOptics
import StippleTestSupport
import Support

/// The repository's `Data/` folder.
let dataDirectory = Repository.data

/// Reads a numeric CSV under Data/ (header skipped).
func readCSV(_ relativePath: String) throws -> [[Double]] {
    let text = try String(contentsOf: dataDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
        line.split(separator: ",").map { Double($0)! }
    }
}
