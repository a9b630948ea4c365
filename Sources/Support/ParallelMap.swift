import Dispatch
import Foundation

/// Maps `transform` over `items` on all cores and returns results in input order, so output
/// is identical whatever the thread count. The first error (by input order) is rethrown.
/// With `parallel` false it runs on the calling thread (batch runs parallelise across plans
/// instead, which scales better than nesting). For work that needs scratch state per worker,
/// see `parallelMap(count:jobs:chunk:makeState:_:)`.
public func parallelMap<T: Sendable, R: Sendable, E: Error>(
    _ items: [T], parallel: Bool = true, _ transform: @Sendable (T) throws(E) -> R
) throws(E) -> [R] {
    if items.count <= 1 || !parallel { return try items.map { item throws(E) in try transform(item) } }
    let results = ResultSlots<R, E>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        do throws(E) {
            results.store(.success(try transform(items[i])), at: i)
        } catch {
            results.store(.failure(error), at: i)
        }
    }
    return try results.collect()
}

/// Write-once result slots shared by the workers of `parallelMap`.
private final class ResultSlots<R: Sendable, E: Error>: @unchecked Sendable {
    private var slots: [Result<R, E>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result<R, E>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func collect() throws(E) -> [R] {
        var out: [R] = []
        out.reserveCapacity(slots.count)
        for slot in slots {
            switch slot! {
            case .success(let value): out.append(value)
            case .failure(let error): throw error
            }
        }
        return out
    }
}

/// Maps `body` over the indices 0..<count on `jobs` workers, each with its own scratch state
/// from `makeState` (e.g. a fit workspace reused for every item the worker takes), and returns
/// the results in index order, so output is identical whatever `jobs` is.
///
/// Workers take `chunk` consecutive indices at a time from a shared cursor: small chunks balance
/// uneven items, large ones cut locking. Inlinable so the caller's module specialises it (no
/// generic dispatch in a hot loop).
@inlinable
public func parallelMap<R, State>(count: Int, jobs: Int, chunk: Int, makeState: @Sendable () -> State,
                                  _ body: @Sendable (Int, State) -> R) -> [R] {
    let jobs = max(1, min(jobs, count))
    if jobs == 1 {
        let state = makeState()
        return (0..<count).map { body($0, state) }
    }
    let slots = UnsafeMutablePointer<R>.allocate(capacity: count)
    defer { slots.deinitialize(count: count); slots.deallocate() }
    let cursor = ChunkCursor()
    let chunk = max(1, chunk)
    let output = UnsafeSendable(slots)
    DispatchQueue.concurrentPerform(iterations: jobs) { _ in
        let state = makeState()
        while true {
            let start = cursor.next(chunk)
            if start >= count { break }
            for i in start..<min(count, start + chunk) { (output.value + i).initialize(to: body(i, state)) }
        }
    }
    return Array(UnsafeBufferPointer(start: slots, count: count))
}

/// The next unclaimed index of `parallelMap(count:jobs:chunk:makeState:_:)`, under a lock.
@usableFromInline
final class ChunkCursor: @unchecked Sendable {
    @usableFromInline var position = 0
    @usableFromInline let lock = NSLock()
    @usableFromInline init() {}

    @inlinable
    func next(_ chunk: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        let p = position
        position += chunk
        return p
    }
}

/// The result slots the workers of one `concurrentPerform` share: each slot is written by
/// exactly one worker (the cursor hands out each index once).
@usableFromInline
struct UnsafeSendable<T>: @unchecked Sendable {
    @usableFromInline let value: T
    @usableFromInline init(_ value: T) { self.value = value }
}
