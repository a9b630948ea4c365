import Foundation

/// Where the test fixtures live: the repository checkout, found from this file's path
/// (Tests/TestSupport/… → the package root), so tests run from any working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Data/`: the atlas, pigments, skin tones, CIE tables, fade models, example plans and sweeps.
    public static let data = root.appendingPathComponent("Data")
}
