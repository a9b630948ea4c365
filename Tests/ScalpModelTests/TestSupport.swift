import Foundation
@testable import ScalpModel
import StippleTestSupport

/// Shared fixtures: the reference chart and the atlas from the package's `Data/norwood`.
enum Fixtures {
    /// The repository's `Data/norwood`.
    static let atlasDirectory = Repository.data.appendingPathComponent("norwood")
    static let chart = try! HeadChart()
    static let atlas = try! NorwoodAtlas.load(from: atlasDirectory)
    static func map(_ stage: NorwoodStage, _ design: HairlineDesign? = nil) throws -> ScalpMap {
        try ScalpMap(chart: chart, atlas: atlas, stage: stage, hairline: design ?? HairlineDesign())
    }
}
