import Foundation
import Studio
import Testing

/// The studio's bounded pool: a newer job of the same lane replaces an older one that is still
/// waiting, a full queue refuses, and at most `workers` jobs run at once. Ordered by the
/// queue's own state (`load`), never by a clock.
@Suite("stipple serve: the live queue")
struct LiveQueueTests {
    /// A job that runs until released, so the worker stays busy while others queue.
    final class Gate: @unchecked Sendable {
        let semaphore = DispatchSemaphore(value: 0)
        func open() { semaphore.signal() }
    }

    static func waitUntil(_ queue: LiveQueue, waiting: Int) async {
        while await queue.load.waiting != waiting { await Task.yield() }
    }

    @Test("A newer job of the same lane supersedes the waiting one; other lanes wait their turn")
    func supersedes() async throws {
        let queue = LiveQueue(workers: 1, queueLimit: 4)
        let gate = Gate()
        let blocker = Task { try await queue.run(lane: "other") { gate.semaphore.wait(); return 0 } }
        while await queue.load.running != 1 { await Task.yield() }
        let older = Task { try await queue.run(lane: "page") { 1 } }
        await Self.waitUntil(queue, waiting: 1)
        let elsewhere = Task { try await queue.run(lane: "page-2") { 3 } }
        await Self.waitUntil(queue, waiting: 2)
        let newer = Task { try await queue.run(lane: "page") { 2 } }
        // The older "page" job is dropped at once, while the worker is still busy.
        await #expect(throws: LiveQueue.Refusal.superseded) { try await older.value }
        gate.open()
        #expect(try await blocker.value == 0)
        #expect(try await newer.value == 2)
        #expect(try await elsewhere.value == 3)
        #expect(await queue.load.running == 0)
    }

    @Test("A full queue refuses with busy; the pool never runs more than its workers")
    func bounded() async throws {
        let queue = LiveQueue(workers: 2, queueLimit: 1)
        let gate = Gate()
        let a = Task { try await queue.run(lane: nil) { gate.semaphore.wait(); return 1 } }
        let b = Task { try await queue.run(lane: nil) { gate.semaphore.wait(); return 2 } }
        while await queue.load.running != 2 { await Task.yield() }
        let c = Task { try await queue.run(lane: nil) { 3 } }
        await Self.waitUntil(queue, waiting: 1)
        await #expect(throws: LiveQueue.Refusal.busy) { try await queue.run(lane: nil) { 4 } }
        #expect(await queue.load.running == 2)
        gate.open(); gate.open()
        #expect(try await a.value + b.value + c.value == 6)
    }
}
