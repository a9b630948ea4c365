import Foundation

/// Head charts by circumference, shared by whoever needs the same head again.
///
/// Why: building a chart fits the head ellipsoid and tabulates its equal-area projection (about
/// 4 ms; ≈ 4 % of a whole plan), and a sweep varies everything but the head, so its plans, and
/// the checks of their treatment areas when they are read, meet the same chart again and again.
/// A chart is a pure function of the circumference, so sharing it changes no result; only
/// charts that were built are kept (an invalid circumference fails afresh every time). At most
/// `capacity` charts are kept (a sweep over circumferences starts afresh).
public final class HeadChartCache: @unchecked Sendable {
    public static let capacity = 16
    /// The cache plan reading uses (checking `areas:` against the client's head).
    public static let shared = HeadChartCache()
    private var charts: [Double: HeadChart] = [:]
    private let lock = NSLock()

    public init() {}

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return charts.count
    }

    public func chart(circumferenceMM: Double) throws(ScalpModelError) -> HeadChart {
        lock.lock()
        let hit = charts[circumferenceMM]
        lock.unlock()
        if let hit { return hit }
        let chart = try HeadChart(circumferenceMM: circumferenceMM)
        lock.lock()
        if charts.count >= Self.capacity { charts.removeAll() }
        charts[circumferenceMM] = chart
        lock.unlock()
        return chart
    }
}
