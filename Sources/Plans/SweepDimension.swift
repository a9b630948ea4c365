import Support
import Yams

/// The values of one varied field of a sweep grid: a list as written in the file, or a range
/// whose k-th value is computed when asked for.
///
/// Why ranges are not expanded: `seed: {from: 1, to: 100000}` used to become 100,000 Yams nodes
/// (≈ 0.6 kB each) held for the whole batch, so a sweep's memory grew with its plan count from
/// this alone. A range is three numbers; value k is the same arithmetic the expansion did, so
/// every variant (its tree, name and folder id) is unchanged.
enum SweepDimension {
    /// Values written out in the sweep file, in order.
    case list([Node])
    /// `{from, to, step}`: from, from + step, … while within `to` (`count` values).
    case stepped(from: Double, step: Double, count: Int)
    /// `{from, to, count}`: `count` evenly spaced values including both ends.
    case spaced(from: Double, to: Double, count: Int)

    var count: Int {
        switch self {
        case .list(let values): return values.count
        case .stepped(_, _, let count), .spaced(_, _, let count): return count
        }
    }

    /// Value `k` (0 ≤ k < count) as the node a plan receives.
    subscript(k: Int) -> Node {
        switch self {
        case .list(let values):
            return values[k]
        case .stepped(let from, let step, _):
            return Self.node(from + step * Double(k))
        case .spaced(let from, let to, let count):
            return Self.node(count == 1 ? from : from + (to - from) * Double(k) / Double(count - 1))
        }
    }

    /// Rounded to 10 decimal places so 0.1 + 0.2 style noise never reaches a plan.
    private static func node(_ value: Double) -> Node {
        Node(CSV.number((value * 1e10).rounded() / 1e10))
    }
}
