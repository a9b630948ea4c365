import Foundation
@testable import ScalpModel

/// Shared fixtures: the reference chart and the atlas from the package's `Data/norwood`.
enum Fixtures {
    /// `Data/norwood`, found from this file's path (Tests/ScalpModelTests/… → package root).
    static let atlasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/norwood")
    static let chart = try! HeadChart()
    static let atlas = try! NorwoodAtlas.load(from: atlasDirectory)
    static func map(_ stage: NorwoodStage, _ design: HairlineDesign? = nil) throws -> ScalpMap {
        try ScalpMap(chart: chart, atlas: atlas, stage: stage, hairline: design ?? HairlineDesign())
    }
}
