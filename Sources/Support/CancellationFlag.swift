import Synchronization

/// A request to stop long work early, set from anywhere and checked by the work itself at its
/// interruption points (between sessions, stages and pictures), so a cancelled job stops within
/// one stage instead of running to the end.
///
/// Why not `Task.isCancelled`: the studio runs simulations on Dispatch threads (so they never
/// starve the tasks that serve requests), where there is no current task to cancel. Checking
/// is one atomic load and one atomic add: cheap enough to call between any two stages. It never
/// changes what a run computes, only whether it goes on.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let passed = Atomic<Int>(0)
    private let cancelAt: Int

    /// `cancellingAtCheckpoint`: the flag cancels itself when that many checkpoints have been
    /// passed, so a test can stop a run at a chosen stage without racing a clock.
    public init(cancellingAtCheckpoint cancelAt: Int = .max) {
        self.cancelAt = cancelAt
    }

    public func cancel() { cancelled.store(true, ordering: .releasing) }

    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Checkpoints passed so far: how far a run got (tests compare a cancelled run with a whole one).
    public var checkpoints: Int { passed.load(ordering: .relaxed) }

    /// One interruption point: counts it and answers whether the work should stop here.
    public func checkpoint() -> Bool {
        if passed.add(1, ordering: .relaxed).newValue >= cancelAt { cancel() }
        return isCancelled
    }
}
