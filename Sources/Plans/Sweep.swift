import Foundation
import Support
import Yams

/// A sweep file: a base plan and the fields to vary, expanded lazily into plan variants.
///
/// ```yaml
/// sweep:
///   name: depth-by-skin
///   base: ../plans/norwood-v-three-sessions.yaml   # relative to this file (or base_plan: {…} inline)
///   vary:                                          # Cartesian product in the order written;
///     client.skin: [monk-2, monk-5, monk-8]        #   the last field varies fastest
///     sessions[*].depth_mm: {from: 0.4, to: 1.6, step: 0.4}
///   # rows: variants.csv                           # or: one variant per CSV row, header = field paths
///   replicates: 10                                 # optional: each variant with 10 seeds
/// ```
/// With `replicates: N` each variant runs N times, replicate 0 with the plan's seed and
/// replicate r with `SeedStreams.replicateSeed(seed, replicate: r)`; the batch then writes
/// `variants.csv` (statistics over each variant's replicates).
/// Variant k (0-based) of a grid is the mixed-radix number k over the value lists, so the order
/// is fixed by the file alone. Ranges include both ends (`step`, or `count` evenly spaced values).
struct Sweep {
    let file: String
    let name: String
    let base: Node
    /// Fields and their values, in file order (grid), or the CSV header and rows (rows mode).
    let fields: [NodePath]
    /// The grid's value lists and ranges, one per field; ranges are not expanded.
    let grid: [SweepDimension]?
    /// The CSV cells, kept as text (a `Node` per cell costs several times the cell).
    let rows: [[String]]?
    /// `replicates:` of the file, nil when absent.
    let replicates: Int?
    /// Limit on replicates per variant.
    static let maximumReplicates = 100_000

    /// Limit on variants in one sweep file: bounded, so a typo in a range cannot ask for 10¹².
    static let maximumVariants = 10_000_000

    var count: Int {
        if let rows { return rows.count }
        return grid!.reduce(1) { $0 * $1.count }
    }

    /// The tree of variant `index` and the values it set, as (field, text) pairs.
    /// `replicate` (with replicates) adds `replicate=r` to the variant's name; the seed is set by
    /// `BatchInputs`, which knows the batch's replicate count.
    func variant(_ index: Int, replicate: Int? = nil) throws(SweepError) -> (node: Node, varied: [(field: String, value: String)]) {
        var values: [Node] = []
        if let rows {
            values = rows[index].map { Node($0) }
        } else {
            var k = index
            var digits = [Node]()
            for dimension in grid!.reversed() {
                digits.append(dimension[k % dimension.count])
                k /= dimension.count
            }
            values = digits.reversed()
        }
        var node = base
        var varied: [(String, String)] = []
        for (path, value) in zip(fields, values) {
            node = try path.setting(value, in: node)
            varied.append((path.description, value.string ?? ""))
        }
        // Name the variant after the sweep and its values, so reports say what they are.
        let label = (varied + (replicate.map { [("replicate", String($0))] } ?? [])).map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        node = try NodePath("name")!.setting(Node("\(name)[\(label)]"), in: node)
        return (node, varied)
    }

    /// Whether a parsed file is a sweep (its top level has a `sweep` key).
    static func isSweep(_ node: Node) -> Bool {
        if case .mapping(let m) = node { return m["sweep"] != nil }
        return false
    }

    /// `display` is the path reports record (as the user gave it; default the file's path).
    init(node root: Node, file: URL, display: String? = nil) throws(SweepError) {
        self.file = display ?? file.path
        let f = file.path
        func fail(_ field: String, _ message: String) -> SweepError { SweepError(message: "\(f): field '\(field)': \(message)") }
        guard case .mapping(let top) = root, top.count == 1, let sweepNode = top["sweep"], case .mapping(let s) = sweepNode else {
            throw SweepError(message: "\(f): expected a mapping with a single key 'sweep'")
        }
        for key in s.keys.compactMap(\.string) where !["name", "base", "base_plan", "vary", "rows", "replicates"].contains(key) {
            throw fail("sweep.\(key)", "unknown field; expected name, base or base_plan, vary or rows, and optionally replicates")
        }
        if let r = s["replicates"] {
            guard let n = r.int, (1...Self.maximumReplicates).contains(n) else {
                throw fail("sweep.replicates", "expected a whole number of replicates per variant, 1…\(Self.maximumReplicates)")
            }
            replicates = n
        } else {
            replicates = nil
        }
        name = s["name"]?.string ?? file.deletingPathExtension().lastPathComponent
        switch (s["base"], s["base_plan"]) {
        case (let path?, nil):
            guard let relative = path.string, !relative.isEmpty else { throw fail("sweep.base", "expected a path to a plan file") }
            let url = URL(fileURLWithPath: relative, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            do { base = try PlanReader.readNode(contentsOf: url) } catch { throw fail("sweep.base", error.description) }
        case (nil, let inline?):
            base = inline
        default:
            throw fail("sweep.base", "expected exactly one of 'base' (a plan file) or 'base_plan' (an inline plan)")
        }
        switch (s["vary"], s["rows"]) {
        case (let vary?, nil):
            guard case .mapping(let m) = vary, !m.isEmpty else { throw fail("sweep.vary", "expected a mapping of field paths to value lists or ranges") }
            var fields: [NodePath] = [], grid: [SweepDimension] = []
            var total = 1
            for (key, value) in m {
                guard let text = key.string, let path = NodePath(text) else {
                    throw fail("sweep.vary", "'\(key.string ?? "?")' is not a field path like client.skin or sessions[*].depth_mm")
                }
                let values = try Self.values(value, field: "sweep.vary.\(text)", fail: fail)
                total = total.multipliedReportingOverflow(by: values.count).partialValue
                guard total <= Self.maximumVariants else { throw fail("sweep.vary", "more than \(Self.maximumVariants) variants") }
                fields.append(path)
                grid.append(values)
            }
            self.fields = fields
            self.grid = grid
            self.rows = nil
        case (nil, let rowsNode?):
            guard let relative = rowsNode.string else { throw fail("sweep.rows", "expected a CSV file path") }
            let url = URL(fileURLWithPath: relative, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            let table = try Self.readRows(url, fail: fail)
            fields = table.fields
            rows = table.rows
            grid = nil
        default:
            throw fail("sweep.vary", "expected exactly one of 'vary' (a grid of values) or 'rows' (a CSV file)")
        }
    }

    /// A list of values, or a range `{from, to, step}` / `{from, to, count}` (kept as a range:
    /// its values are computed per variant by `SweepDimension`).
    private static func values(_ node: Node, field: String, fail: (String, String) -> SweepError) throws(SweepError) -> SweepDimension {
        switch node {
        case .sequence(let s):
            guard !s.isEmpty else { throw fail(field, "expected at least one value") }
            return .list(Array(s))
        case .mapping(let m):
            guard let from = m["from"]?.float, let to = m["to"]?.float, from.isFinite, to.isFinite else {
                throw fail(field, "expected a range {from: …, to: …, step: …} or {from, to, count}")
            }
            if let count = m["count"]?.int {
                guard count >= 1, count <= maximumVariants else { throw fail(field, "count must be 1…\(maximumVariants)") }
                return .spaced(from: from, to: to, count: count)
            } else if let step = m["step"]?.float, step.isFinite, step != 0, (to - from) / step >= 0 {
                // Checked as a Double first: a huge or infinite span would trap converting to Int.
                let steps = ((to - from) / step + 1e-9).rounded(.down)
                guard steps.isFinite, steps < Double(maximumVariants) else { throw fail(field, "the range has more than \(maximumVariants) values") }
                return .stepped(from: from, step: step, count: Int(steps) + 1)
            } else {
                throw fail(field, "expected a non-zero step that goes from 'from' towards 'to', or a count")
            }
        default:
            return .list([node])
        }
    }

    private static func readRows(_ url: URL, fail: (String, String) -> SweepError) throws(SweepError) -> (fields: [NodePath], rows: [[String]]) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw fail("sweep.rows", "cannot read \(url.path)") }
        // RFC 4180, as Stipple writes CSV: a quoted cell may hold commas (e.g. a Norwood stage list).
        let records: [CSV.Record]
        do { records = try CSV.records(text) } catch {
            throw fail("sweep.rows", "\(url.path):\(error.line): a quoted field is never closed")
        }
        guard let header = records.first else { throw fail("sweep.rows", "\(url.path) is empty; expected a header of field paths") }
        var fields: [NodePath] = []
        for name in header.fields {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let path = NodePath(trimmed) else { throw fail("sweep.rows", "\(url.path):\(header.line): '\(trimmed)' is not a field path") }
            fields.append(path)
        }
        var rows: [[String]] = []
        for record in records.dropFirst() {
            let cells = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == fields.count else {
                throw fail("sweep.rows", "\(url.path):\(record.line): expected \(fields.count) values, found \(cells.count)")
            }
            rows.append(cells)
        }
        guard !rows.isEmpty else { throw fail("sweep.rows", "\(url.path) has a header but no rows") }
        return (fields, rows)
    }
}
