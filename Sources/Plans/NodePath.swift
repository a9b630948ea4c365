import Yams

/// A field path into a plan tree, as written in sweep files: dotted keys with list indices,
/// e.g. `client.skin`, `design.hairline.height_above_brow_mm`, `sessions[2].depth_mm`, or
/// `sessions[*].depth_mm` (every session).
struct NodePath: Hashable, Sendable, CustomStringConvertible {
    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        case every
    }

    let steps: [Step]
    let description: String

    /// Parses `text`; nil if it is not a well-formed path.
    init?(_ text: String) {
        var steps: [Step] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let bracket = rest.firstIndex(of: "[") ?? rest.endIndex
            let key = rest[..<bracket]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            steps.append(.key(String(key)))
            rest = rest[bracket...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if inner == "*" { steps.append(.every) } else if let i = Int(inner), i >= 0 { steps.append(.index(i)) } else { return nil }
                rest = rest[rest.index(after: close)...]
            }
        }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
        self.description = text
    }

    /// Returns `root` with the value at this path replaced by `value` (missing mapping keys are
    /// created, so a sweep can set an optional field the base plan leaves at its default).
    /// Throws a message when the path runs into a list index that does not exist or a non-mapping.
    func setting(_ value: Node, in root: Node) throws(SweepError) -> Node {
        try Self.set(value, steps[...], in: root, path: description)
    }

    private static func set(_ value: Node, _ steps: ArraySlice<Step>, in node: Node, path: String) throws(SweepError) -> Node {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            var pairs: [(Node, Node)] = []
            if case .mapping(let m) = node {
                pairs = m.map { ($0.key, $0.value) }
            } else if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" {
                pairs = []
            } else {
                throw SweepError(message: "field '\(path)': cannot set '\(key)' inside a value that is not a mapping")
            }
            if let i = pairs.firstIndex(where: { $0.0.string == key }) {
                pairs[i].1 = try set(value, rest, in: pairs[i].1, path: path)
            } else {
                pairs.append((Node(key), try set(value, rest, in: Node(""), path: path)))
            }
            return Node(pairs)
        case .index(let i):
            guard case .sequence(let s) = node, i < s.count else {
                throw SweepError(message: "field '\(path)': the base plan has no element [\(i)] there")
            }
            var items = Array(s)
            items[i] = try set(value, rest, in: items[i], path: path)
            return Node(items)
        case .every:
            guard case .sequence(let s) = node else {
                throw SweepError(message: "field '\(path)': [*] needs a list in the base plan")
            }
            var items: [Node] = []
            for item in s { items.append(try set(value, rest, in: item, path: path)) }
            return Node(items)
        }
    }
}

/// A problem with a sweep file, naming the file and what was expected.
struct SweepError: Error, CustomStringConvertible, Sendable {
    var message: String
    var description: String { message }
}
