import Foundation
import Plans
import Simulation
import StippleTestSupport

/// The shipped plans simulated once per test process (the engine over the repository's Data/
/// folder), shared by the engine's tests (`SimulationTests`) and the picture tests (`FiguresTests`).
public enum Fixtures {
    public static let dataRoot = Repository.data
    public static let engine: SimulationEngine = try! SimulationEngine(data: DataLibrary(root: dataRoot))
    public static func plan(_ name: String) throws -> Plan {
        try engine.planReader.read(contentsOf: dataRoot.appendingPathComponent("plans/\(name)"))
    }
    public static let demo = try! engine.simulate(plan("norwood-v-three-sessions.yaml"), source: "demo")
    public static let tooFast = try! engine.simulate(plan("trainee-too-much-too-fast.yaml"), source: "too-fast")
    public static let tooClose = try! engine.simulate(plan("norwood-v-too-close.yaml"), source: "too-close")
    public static let tooDeep = try! engine.simulate(plan("norwood-v-too-deep.yaml"), source: "too-deep")
}
