import SkinOptics
import Yams

/// Reads typed values out of a parsed YAML/JSON tree, turning every mismatch into a `PlanError`
/// that names the file, line and field. JSON is read through the same YAML parser (JSON is a
/// subset of YAML), so both formats get the same messages and line numbers.
struct PlanNodeReader {
    let file: String

    func error(_ node: Node?, _ field: String, _ message: String) -> PlanError {
        PlanError(file: file, line: node?.mark?.line, field: field, message: message)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "'\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A mapping's entries by key, rejecting keys that are not in `allowed` (typos would
    /// otherwise be silently ignored and the plan run with a default the user did not intend).
    func mapping(_ node: Node, _ field: String, allowed: [String]) throws(PlanError) -> [String: Node] {
        guard case .mapping(let m) = node else {
            throw error(node, field, "expected a mapping of \(allowed.joined(separator: ", ")), found \(describe(node))")
        }
        var result: [String: Node] = [:]
        for (key, value) in m {
            guard let name = key.string else { throw error(key, field, "expected text keys, found \(describe(key))") }
            let path = field.isEmpty ? name : "\(field).\(name)"
            guard allowed.contains(name) else {
                throw error(key, path, "unknown field; expected one of: \(allowed.joined(separator: ", "))")
            }
            guard result[name] == nil else { throw error(key, path, "appears twice") }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node, _ field: String) throws(PlanError) -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, field, "expected a list, found \(describe(node))") }
        return Array(s)
    }

    func required(_ map: [String: Node], _ key: String, in parent: String, expected: String, at node: Node) throws(PlanError) -> Node {
        guard let value = map[key] else {
            throw error(node, path(parent, key), "missing; expected \(expected)")
        }
        return value
    }

    func path(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// A finite number within `range` (inclusive unless `openLower`).
    func number(_ node: Node, _ field: String, in range: ClosedRange<Double>, openLower: Bool = false,
                unit: String = "") throws(PlanError) -> Double {
        try number(node, field, in: PhysicalRange(range, lowerIsOpen: openLower, unit: unit))
    }

    /// A number `limit` accepts; the message states the limit's expectation.
    func number(_ node: Node, _ field: String, in limit: PhysicalRange) throws(PlanError) -> Double {
        let expected = "a number " + limit.expectation
        guard case .scalar(let s) = node, let value = node.float ?? Double(s.string) else {
            throw error(node, field, "expected \(expected), found \(describe(node))")
        }
        guard limit.contains(value) else {
            throw error(node, field, "expected \(expected), found \(s.string)")
        }
        return value
    }

    func integer(_ node: Node, _ field: String, in range: ClosedRange<UInt64>) throws(PlanError) -> UInt64 {
        guard case .scalar(let s) = node, let value = UInt64(s.string), range.contains(value) else {
            throw error(node, field, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(describe(node))")
        }
        return value
    }

    func text(_ node: Node, _ field: String, expected: String) throws(PlanError) -> String {
        guard case .scalar(let s) = node, !s.string.isEmpty else {
            throw error(node, field, "expected \(expected), found \(describe(node))")
        }
        return s.string
    }
}
