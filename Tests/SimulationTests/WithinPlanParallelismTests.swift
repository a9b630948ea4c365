@testable import Figures
import Foundation
import ScalpModel
@testable import Simulation
import SimulationFixtures
import Testing

/// `stipple simulate` runs one plan's independent parts side by side (each session's metrics,
/// the follow-ups, fade curves and touch-up search, the pictures); a batch runs each plan on one
/// thread. Either way the files must be the same to the byte.
@Suite("Within-plan parallelism")
struct WithinPlanParallelismTests {
    @Test("one thread and all cores write byte-identical files")
    func oneThreadEqualsAllCores() throws {
        var serial = Fixtures.engine
        serial.parallelWithinPlan = false
        var parallel = Fixtures.engine
        parallel.parallelWithinPlan = true
        let plan = try Fixtures.plan("norwood-v-three-sessions.yaml")
        let selection = PlanOutputs.Selection(images: .summary, dots: true)
        let one = try PlanOutputs.files(for: serial.simulate(plan, source: "plan.yaml"), selection: selection)
        let all = try PlanOutputs.files(for: parallel.simulate(plan, source: "plan.yaml"), selection: selection)
        #expect(one.map(\.name) == all.map(\.name))
        #expect(one.contains { $0.name.hasSuffix(".png") } && one.contains { $0.name == "timeline.csv" })
        for (a, b) in zip(one, all) { #expect(a.bytes == b.bytes, "\(a.name) differs between 1 thread and all cores") }
    }
}

/// The engine keeps head charts by circumference; a kept chart must be the chart a plan would
/// have built, and another circumference must get its own.
@Suite("Head chart cache")
struct HeadChartCacheTests {
    @Test("a cached chart equals a fresh one; circumferences do not share charts; the cache stays bounded")
    func cachedChartsAreFreshCharts() throws {
        let cache = HeadChartCache()
        for c in [570.0, 540, 570, 600] {
            let cached = try cache.chart(circumferenceMM: c)
            let fresh = try HeadChart(circumferenceMM: c)
            #expect(cached.axes == fresh.axes && cached.circumferenceMM == c && cached.areaMM2 == fresh.areaMM2)
            #expect(cached.bounds == fresh.bounds)
        }
        #expect(try cache.chart(circumferenceMM: 540).axes != cache.chart(circumferenceMM: 600).axes)
        for c in 0..<(HeadChartCache.capacity + 3) { _ = try cache.chart(circumferenceMM: 500 + Double(c)) }
        #expect(cache.count <= HeadChartCache.capacity)
        #expect(throws: ScalpModelError.self) { try cache.chart(circumferenceMM: .nan) }
    }
}
