import Dispatch
import Foundation

/// Maps `transform` over `items` on all cores and returns results in input order, so output
/// is identical whatever the thread count. The first error (by input order) is rethrown.
/// With `parallel` false it runs on the calling thread (batch runs parallelise across plans
/// instead, which scales better than nesting). `Fading`'s fitter keeps its own chunked loop
/// because each worker there owns a reusable workspace.
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
