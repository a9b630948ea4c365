import Foundation
import Support

/// A small bounded pool for the studio's CPU work (simulations and pictures), where a newer
/// request from the same page replaces an older one still waiting.
///
/// Why: a trainer dragging a slider sends a change every few milliseconds; each costs tens of
/// milliseconds of CPU on a 2-core machine. Running them all would put the picture for the
/// latest position behind every stale one. So at most `workers` jobs run at once, at most
/// `queueLimit` wait, and a job that waits in a *lane* (one page's simulations, or its
/// pictures) is dropped with `superseded` when the same lane submits again. A job of that lane
/// already running is asked to stop: its `CancellationFlag` is set, the engine stops at its
/// next interruption point (between sessions and stages), and the job ends with `superseded`
/// too, so the worker goes to the newer change within one stage instead of a whole plan.
///
/// The work itself runs on a Dispatch queue, not on Swift's cooperative pool, so a running
/// simulation never starves the tasks that serve other requests.
public actor LiveQueue {
    public enum Refusal: Error, Equatable, Sendable {
        /// A newer job of the same lane took this one's place.
        case superseded
        /// Every worker is busy and the queue is full.
        case busy
    }

    public let workers: Int
    public let queueLimit: Int
    private var running = 0
    private var waiting: [Waiter] = []
    private var nextTicket: UInt64 = 0
    /// The running job of each lane and its flag, to cancel it when the lane submits again.
    private var runningInLane: [String: (ticket: UInt64, flag: CancellationFlag)] = [:]

    private struct Waiter {
        let ticket: UInt64
        let lane: String?
        let continuation: CheckedContinuation<Void, Error>
    }

    public init(workers: Int, queueLimit: Int) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `work` when a worker is free; throws `Refusal` if it is dropped or refused.
    public func run<T: Sendable>(lane: String?, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await run(lane: lane, cancellable: { _ in try work() })
    }

    /// Runs `work` when a worker is free, handing it a flag that is set when a newer job of the
    /// same lane is submitted while this one runs. Work that sees the flag stops and throws
    /// (anything); the job then throws `superseded`. Work that finished anyway returns its
    /// result (it is complete, and worth caching).
    public func run<T: Sendable>(lane: String?, cancellable work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
        if let lane { runningInLane[lane]?.flag.cancel() }
        try await acquire(lane: lane)
        defer { release() }
        let flag = CancellationFlag()
        nextTicket += 1
        let ticket = nextTicket
        if let lane { runningInLane[lane] = (ticket, flag) }
        defer { if let lane, runningInLane[lane]?.ticket == ticket { runningInLane[lane] = nil } }
        do {
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(with: Result { try work(flag) })
                }
            }
        } catch {
            throw flag.isCancelled ? Refusal.superseded : error
        }
    }

    /// Jobs running and waiting now (for tests and the status endpoint).
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }

    private func acquire(lane: String?) async throws {
        if running < workers && waiting.isEmpty {
            running += 1
            return
        }
        if let lane, let old = waiting.firstIndex(where: { $0.lane == lane }) {
            waiting.remove(at: old).continuation.resume(throwing: Refusal.superseded)
        }
        guard waiting.count < queueLimit else { throw Refusal.busy }
        nextTicket += 1
        let ticket = nextTicket
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            waiting.append(Waiter(ticket: ticket, lane: lane, continuation: continuation))
        }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The worker passes straight to the longest waiter: `running` stays the same.
            waiting.removeFirst().continuation.resume()
        }
    }
}
