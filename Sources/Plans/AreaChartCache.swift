import Foundation
import ScalpModel

/// Head charts for checking plans' treatment areas, by circumference.
///
/// Why: every plan with `areas:` is checked against its client's head chart when it is read, and
/// building a chart (an equal-area table of the head ellipsoid) cost about 4 ms, so an area sweep
/// spent 83 % of `stipple validate` (and a serial share of `stipple batch`) rebuilding the same
/// chart. A chart is a pure function of the circumference, so sharing it changes no result; only
/// charts that were built are kept (an invalid circumference is rebuilt and fails as before).
enum AreaChartCache {
    /// Distinct circumferences kept; a sweep over more starts again (bounded memory).
    static let capacity = 16
    private nonisolated(unsafe) static var charts: [UInt64: HeadChart] = [:]
    private static let lock = NSLock()

    static func chart(circumferenceMM: Double) throws -> HeadChart {
        let key = circumferenceMM.bitPattern
        lock.lock()
        let hit = charts[key]
        lock.unlock()
        if let hit { return hit }
        let chart = try HeadChart(circumferenceMM: circumferenceMM)
        lock.lock()
        if charts.count >= capacity { charts.removeAll() }
        charts[key] = chart
        lock.unlock()
        return chart
    }
}
