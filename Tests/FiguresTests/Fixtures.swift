@testable import Figures
import Foundation
import Impressions
@testable import Plans
import Rendering
import ScalpModel
import StippleTestSupport
@testable import Simulation

/// The shipped plans simulated once for every picture test (the engine over the repository's
/// Data/ folder), as `SimulationTests` has them for the engine's own tests.
enum Fixtures {
    static let dataRoot = Repository.data
    static let engine: SimulationEngine = try! SimulationEngine(data: DataLibrary(root: dataRoot))
    static func plan(_ name: String) throws -> Plan {
        try engine.planReader.read(contentsOf: dataRoot.appendingPathComponent("plans/\(name)"))
    }
    static let demo = try! engine.simulate(plan("norwood-v-three-sessions.yaml"), source: "demo")
    static let tooFast = try! engine.simulate(plan("trainee-too-much-too-fast.yaml"), source: "too-fast")
    static let tooClose = try! engine.simulate(plan("norwood-v-too-close.yaml"), source: "too-close")
    static let tooDeep = try! engine.simulate(plan("norwood-v-too-deep.yaml"), source: "too-deep")
}
