import Foundation
import Plans
import Simulation
import StippleTestSupport
import Studio
import Support
import Testing

/// Issue 26, item 2: a newer change from the same page stops the older simulation still running.
/// Stopping is measured by checkpoints passed (the engine's interruption points), never by a clock.
@Suite("stipple serve: cancelling a running simulation")
struct CancellationTests {
    static func demo() throws -> (engine: SimulationEngine, plan: Plan) {
        let engine = try SimulationEngine(data: DataLibrary(root: Repository.data))
        let url = Repository.root.appendingPathComponent("Data/plans/norwood-v-three-sessions.yaml")
        let plan = try engine.planReader.parse(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
        return (engine, plan)
    }

    @Test("A run cancelled at its second checkpoint stops there; an uncancelled run passes them all and computes the same")
    func engineStopsAtCheckpoint() throws {
        let (plain, plan) = try Self.demo()
        var watched = plain
        let whole = CancellationFlag()
        watched.cancellation = whole
        let full = try watched.simulate(plan, source: "demo")
        // Colours, each of three sessions, placement done, metrics, outlook (3 parts at least), areas…
        #expect(whole.checkpoints >= 8, "only \(whole.checkpoints) interruption points in a whole run")
        // Checking never changes the numbers.
        let unwatched = try plain.simulate(plan, source: "demo")
        #expect(full.sessions.map(\.totalImpressions) == unwatched.sessions.map(\.totalImpressions))
        #expect(full.outlook?.touchUp.suggestion?.day == unwatched.outlook?.touchUp.suggestion?.day)

        var stopped = plain
        let early = CancellationFlag(cancellingAtCheckpoint: 2)
        stopped.cancellation = early
        #expect(throws: SimulationError.self) { try stopped.simulate(plan, source: "demo") }
        do { _ = try stopped.simulate(plan, source: "demo"); Issue.record("a cancelled run finished") } catch .cancelled {
        } catch { Issue.record("cancelled run failed with \(error), not .cancelled") }
        // The second run reached the flag already set: it stopped at its very first checkpoint.
        #expect(early.checkpoints == 3, "a cancelled run went on to checkpoint \(early.checkpoints)")
        #expect(early.checkpoints < whole.checkpoints)
    }

    @Test("A newer job of the same lane cancels the running one (superseded, stopped in the engine); the newer one completes")
    func newerChangeCancelsRunningJob() async throws {
        let (engine, plan) = try Self.demo()
        let queue = LiveQueue(workers: 1, queueLimit: 4)
        let reached = Counter()
        let older = Task {
            try await queue.run(lane: "page", cancellable: { flag in
                // Hold the worker until the newer change arrives. Bounded so a broken queue fails
                // instead of hanging, but generously (10 minutes of wall clock): under the full
                // suite on 2 cores the newer task may wait minutes for a cooperative thread, and
                // a count of short sleeps ran out before it was scheduled (a flaky failure).
                let deadline = Date().addingTimeInterval(600)
                while !flag.isCancelled && Date() < deadline { usleep(1000) }
                var running = engine
                running.cancellation = flag
                do { _ = try running.simulate(plan, source: "older") } catch SimulationError.cancelled { reached.set(flag.checkpoints); throw CancellationError() }
                return "older finished"
            })
        }
        while await queue.load.running != 1 { await Task.yield() }
        let newer = Task {
            try await queue.run(lane: "page", cancellable: { flag in
                var running = engine
                running.cancellation = flag
                return try running.simulate(plan, source: "newer").sessions.count
            })
        }
        await #expect(throws: LiveQueue.Refusal.superseded) { try await older.value }
        #expect(reached.value == 1, "the older simulation passed \(reached.value) checkpoints after it was cancelled")
        #expect(try await newer.value == 3)
        #expect(await queue.load.running == 0)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = -1
        func set(_ v: Int) { lock.lock(); stored = v; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
