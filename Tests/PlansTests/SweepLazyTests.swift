import Foundation
import Support
import Testing
import Yams
@testable import Plans

/// Sweep ranges are no longer expanded into nodes up front (`SweepDimension` computes value k on
/// demand). These tests hold the lazy enumeration to the eager one it replaced, kept here as the
/// reference: every variant's tree, name, varied values and content id must be the same, and so
/// must every error a bad range gives.
@Suite("Sweep: lazy ranges equal the eager expansion")
struct SweepLazyTests {
    static let base = """
        client: {norwood: V, skin: monk-4}
        design: {target_density_per_cm2: 110}
        sessions:
          - {day: 0, fraction_of_target: 0.6, needle_mm: 0.2, depth_mm: 0.6}
          - {day: 14, fraction_of_target: 0.4, needle_mm: 0.2, depth_mm: 0.6}
        """

    /// A sweep file's text with an inline base plan and `vary` given as YAML flow pairs.
    static func sweepText(_ vary: [String]) -> String {
        let plan = base.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        return "sweep:\n  name: lazy\n  base_plan:\n\(plan)\n  vary:\n" + vary.map { "    \($0)\n" }.joined()
    }

    static let file = URL(fileURLWithPath: "lazy-sweep.yaml")

    static func parse(_ text: String) throws -> Node { try PlanReader.parseNode(text, file: file.path) }

    // MARK: The eager reference (the expansion as it was before ranges became lazy)

    /// The old `Sweep.values`: every value of a list or range as a node.
    static func eagerValues(_ node: Node, field: String, fail: (String, String) -> SweepError) throws(SweepError) -> [Node] {
        switch node {
        case .sequence(let s):
            guard !s.isEmpty else { throw fail(field, "expected at least one value") }
            return Array(s)
        case .mapping(let m):
            guard let from = m["from"]?.float, let to = m["to"]?.float, from.isFinite, to.isFinite else {
                throw fail(field, "expected a range {from: …, to: …, step: …} or {from, to, count}")
            }
            var out: [Double] = []
            if let count = m["count"]?.int {
                guard count >= 1, count <= Sweep.maximumVariants else { throw fail(field, "count must be 1…\(Sweep.maximumVariants)") }
                out = (0..<count).map { count == 1 ? from : from + (to - from) * Double($0) / Double(count - 1) }
            } else if let step = m["step"]?.float, step.isFinite, step != 0, (to - from) / step >= 0 {
                let steps = ((to - from) / step + 1e-9).rounded(.down)
                guard steps.isFinite, steps < Double(Sweep.maximumVariants) else {
                    throw fail(field, "the range has more than \(Sweep.maximumVariants) values")
                }
                out = (0..<(Int(steps) + 1)).map { from + step * Double($0) }
            } else {
                throw fail(field, "expected a non-zero step that goes from 'from' towards 'to', or a count")
            }
            return out.map { Node(CSV.number(($0 * 1e10).rounded() / 1e10)) }
        default:
            return [node]
        }
    }

    /// Every variant of a grid sweep as the old code produced it: (canonical YAML, varied pairs).
    static func eagerVariants(_ root: Node) throws -> [(yaml: String, varied: [String])] {
        let f = file.path
        func fail(_ field: String, _ message: String) -> SweepError { SweepError(message: "\(f): field '\(field)': \(message)") }
        guard case .mapping(let top) = root, case .mapping(let s)? = top["sweep"], case .mapping(let vary)? = s["vary"],
              let base = s["base_plan"], let name = s["name"]?.string else {
            throw SweepError(message: "not a grid sweep with an inline base")
        }
        var fields: [NodePath] = [], grid: [[Node]] = []
        for (key, value) in vary {
            let text = try #require(key.string)
            fields.append(try #require(NodePath(text)))
            grid.append(try eagerValues(value, field: "sweep.vary.\(text)", fail: fail))
        }
        let total = grid.reduce(1) { $0 * $1.count }
        var out: [(String, [String])] = []
        for index in 0..<total {
            var k = index, digits: [Node] = []
            for dimension in grid.reversed() {
                digits.append(dimension[k % dimension.count])
                k /= dimension.count
            }
            var node = base, varied: [String] = []
            for (path, value) in zip(fields, digits.reversed()) {
                node = try path.setting(value, in: node)
                varied.append("\(path.description)=\(value.string ?? "")")
            }
            node = try NodePath("name")!.setting(Node("\(name)[\(varied.joined(separator: ","))]"), in: node)
            out.append((try Yams.serialize(node: node), varied))
        }
        return out
    }

    /// Every variant from the lazy `Sweep`, in the same form.
    static func lazyVariants(_ root: Node) throws -> [(yaml: String, varied: [String])] {
        let sweep = try Sweep(node: root, file: file)
        return try (0..<sweep.count).map { k in
            let v = try sweep.variant(k)
            return (try Yams.serialize(node: v.node), v.varied.map { "\($0.field)=\($0.value)" })
        }
    }

    static let grids: [[String]] = [
        // Integer range (the seed sweep of Benchmarks/sweeps/tiny-plans.yaml).
        ["seed: {from: 1, to: 40, step: 1}"],
        // Floats with a step, including one that overshoots `to` and 0.1-style noise.
        ["sessions[*].depth_mm: {from: 0.4, to: 1.6, step: 0.4}", "design.target_density_per_cm2: {from: 0.1, to: 0.75, step: 0.1}"],
        // Descending range with a negative step; evenly spaced counts, including count 1.
        ["sessions[0].fraction_of_target: {from: 1.0, to: 0.0, step: -0.25}",
         "design.hairline.height_above_brow_mm: {from: 60, to: 75, count: 4}", "seed: {from: 7, to: 9, count: 1}"],
        // Mixed product: lists, ranges and a single scalar, lists first and last.
        ["client.skin: [monk-2, monk-5, monk-8]", "seed: {from: 3, to: 11, step: 4}",
         "client.norwood: III", "sessions[1].day: {from: 10, to: 30, step: 10}", "sessions[*].needle_mm: [0.18, 0.2]"],
    ]

    @Test("every variant (tree, name, varied values, order) equals the eager expansion", arguments: grids)
    func variantsEqual(_ vary: [String]) throws {
        let root = try Self.parse(Self.sweepText(vary))
        let eager = try Self.eagerVariants(root), lazy = try Self.lazyVariants(root)
        #expect(lazy.count == eager.count)
        #expect(lazy.count > 1)
        for (k, (l, e)) in zip(lazy, eager).enumerated() {
            #expect(l.yaml == e.yaml, "variant \(k)")
            #expect(l.varied == e.varied, "variant \(k)")
        }
    }

    @Test("batch jobs (content ids, sources, varied values) equal the eager expansion's")
    func jobIdsEqual() throws {
        let text = Self.sweepText(Self.grids[3])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-sweep-lazy-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("lazy.yaml")
        try Data(text.utf8).write(to: url)
        let eager = try Self.eagerVariants(try Self.parse(text))
        var jobs = try BatchInputs(paths: [url.path]).makeIterator()
        var k = 0
        while let job = jobs.next() {
            #expect(job.id == BatchInputs.hash(Array(eager[k].yaml.utf8)), "variant \(k)")
            #expect(job.source == "\(url.path)#\(k)")
            #expect(job.varied.map { "\($0.field)=\($0.value)" } == eager[k].varied)
            k += 1
        }
        #expect(k == eager.count)
    }

    static let badRanges: [String] = [
        "seed: {from: 5, to: 1, step: 1}",          // descending with a positive step
        "seed: {from: 1, to: 5, step: -1}",         // ascending with a negative step
        "seed: {from: 1, to: 5, step: 0}",
        "seed: {from: 1, to: 5}",
        "seed: {from: 1, to: 5, count: 0}",
        "seed: {from: 1, to: 5, count: 10000001}",
        "seed: {from: .nan, to: 5, step: 1}",
        "seed: {from: 0, to: 1e300, step: 1e-300}",
        "seed: {from: 0, to: 1e7, step: 1}",
        "seed: []",
        "seed: {to: 5, step: 1}",
    ]

    @Test("bad ranges fail with the same message as before", arguments: badRanges)
    func badRangeMessages(_ range: String) throws {
        let root = try Self.parse(Self.sweepText([range]))
        var eagerMessage = "", lazyMessage = ""
        do { _ = try Self.eagerVariants(root) } catch let error as SweepError { eagerMessage = error.message }
        do { _ = try Sweep(node: root, file: Self.file) } catch { lazyMessage = error.message }
        #expect(!eagerMessage.isEmpty)
        #expect(lazyMessage == eagerMessage)
        #expect(lazyMessage.hasPrefix("\(Self.file.path): field 'sweep.vary.seed': "), "\(lazyMessage)")
    }

    @Test("a product over the variant limit is refused before anything is expanded")
    func productLimit() throws {
        let root = try Self.parse(Self.sweepText(["seed: {from: 1, to: 5000000, step: 1}", "client.skin: [monk-2, monk-5, monk-8]"]))
        #expect(throws: SweepError.self) { try Sweep(node: root, file: Self.file) }
        do { _ = try Sweep(node: root, file: Self.file) } catch {
            #expect(error.message == "\(Self.file.path): field 'sweep.vary': more than \(Sweep.maximumVariants) variants")
        }
    }

    @Test("a million-value range is a range: value k is computed, the last one exactly")
    func largeRangeIsLazy() throws {
        let root = try Self.parse(Self.sweepText(["seed: {from: 1, to: 1000000, step: 1}", "sessions[*].depth_mm: {from: 0.5, to: 0.7, step: 0.1}"]))
        let sweep = try Sweep(node: root, file: Self.file)
        #expect(sweep.count == 3_000_000)
        guard case .stepped(let from, let step, let count)? = sweep.grid?.first else {
            Issue.record("the seed range was expanded: \(String(describing: sweep.grid?.first))"); return
        }
        #expect((from, step, count) == (1, 1, 1_000_000))
        let last = try sweep.variant(sweep.count - 1)
        #expect(last.varied.map(\.value) == ["1000000", "0.7"])
        let middle = try sweep.variant(3 * 4321 + 1)
        #expect(middle.varied.map(\.value) == ["4322", "0.6"])
    }
}
