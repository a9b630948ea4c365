import Foundation
import Yams

extension PlanFixWriter {
    /// Edits plan text in place by the parser's marks (line, column in Unicode scalars). Every
    /// edit is found first and applied from the end backwards, so offsets stay valid. Returns
    /// nil when an edit cannot be placed (the caller falls back to writing the tree).
    struct TextEditor {
        let scalars: [Unicode.Scalar]
        let lineStarts: [Int]
        let root: Node
        /// JSON-style file (the root is a flow mapping): keys and words are written quoted.
        let json: Bool

        init(text: String, root: Node) {
            let all = Array(text.unicodeScalars)
            var starts = [0]
            for (i, c) in all.enumerated() where c == "\n" { starts.append(i + 1) }
            scalars = all
            lineStarts = starts
            self.root = root
            json = offset(root.mark, starts).map { $0 < all.count && all[$0] == "{" } ?? false
        }

        func applying(_ edits: [(String, Value)]) -> String? {
            var replacements: [(start: Int, end: Int, text: String)] = []
            for (path, value) in edits {
                guard let r = replacement(path, value) else { return nil }
                replacements.append(r)
            }
            var out = scalars
            for r in replacements.sorted(by: { $0.start > $1.start }) {
                out.replaceSubrange(r.start..<r.end, with: Array(r.text.unicodeScalars))
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: out)
            return String(s)
        }

        func word(_ w: String) -> String { json ? "\"\(w)\"" : w }
        func key(_ k: String) -> String { json ? "\"\(k)\"" : k }
        func text(_ value: Value) -> String {
            switch value {
            case .number(let x): return format(x)
            case .word(let w): return word(w)
            case .sessions: return ""
            }
        }

        /// The node at a dotted path with list indices, and its parent mapping.
        func locate(_ path: String) -> (node: Node?, parent: Node?, key: String)? {
            var node: Node? = root, parent: Node?
            var lastKey = ""
            for part in path.split(separator: ".") {
                var name = String(part), index: Int?
                if let open = name.firstIndex(of: "["), let i = Int(name[name.index(after: open)...].dropLast()) {
                    index = i
                    name = String(name[..<open])
                }
                guard case .mapping(let m)? = node else { return nil }
                parent = node
                lastKey = name
                node = m[name]
                if let index {
                    guard case .sequence(let s)? = node, index < s.count else { return nil }
                    parent = nil
                    node = s[index]
                }
            }
            return (node, parent, lastKey)
        }

        func replacement(_ path: String, _ value: Value) -> (start: Int, end: Int, text: String)? {
            guard let (node, parent, name) = locate(path) else { return nil }
            if case .sessions(let list) = value {
                guard case .sequence(let seq)? = node, let start = offset(seq.mark, lineStarts) else { return nil }
                return sessionsReplacement(start: start, list: list)
            }
            if case .scalar(let s)? = node, let start = offset(s.mark, lineStarts) {
                return (start, start + tokenLength(at: start, plain: s.string), text(value))
            }
            guard node == nil, case .mapping(let m)? = parent else { return nil }
            // A field left at its default: insert it into its mapping.
            guard let start = offset(m.mark, lineStarts) else { return nil }
            let entry = "\(key(name)): \(text(value))"
            if scalars[start] == "{" {
                guard let close = matching(from: start) else { return nil }
                return (close, close, m.isEmpty ? entry : ", \(entry)")
            }
            // Block mapping: a line of its own beside its first key, at that key's indentation.
            guard let firstKey = m.keys.compactMap({ offset($0.mark, lineStarts) }).min() else { return nil }
            let line = lineStarts.lastIndex { $0 <= firstKey }!
            let indent = firstKey - lineStarts[line]
            let before = scalars[lineStarts[line]..<firstKey]
            if before.allSatisfy({ $0 == " " }) {
                return (lineStarts[line], lineStarts[line], String(repeating: " ", count: indent) + entry + "\n")
            }
            // The first key shares its line with "- ": add the entry after that line.
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : scalars.count
            return (end, end, String(repeating: " ", count: indent) + entry + "\n")
        }

        /// The source length of the scalar starting at `start`: a quoted token to its closing
        /// quote, a plain one as long as its value.
        func tokenLength(at start: Int, plain: String) -> Int {
            let q = scalars[start]
            guard q == "\"" || q == "'" else { return plain.unicodeScalars.count }
            var i = start + 1
            while i < scalars.count {
                if q == "\"", scalars[i] == "\\" { i += 2; continue }
                if scalars[i] == q {
                    if q == "'", i + 1 < scalars.count, scalars[i + 1] == "'" { i += 2; continue }
                    return i + 1 - start
                }
                i += 1
            }
            return scalars.count - start
        }

        /// The offset of the bracket closing the one at `start` (quotes skipped).
        func matching(from start: Int) -> Int? {
            var depth = 0, i = start
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let c = scalars[i]
                if let q = quote {
                    if c == "\\" && q == "\"" { i += 2; continue }
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "{" || c == "[" {
                    depth += 1
                } else if c == "}" || c == "]" {
                    depth -= 1
                    if depth == 0 { return i }
                }
                i += 1
            }
            return nil
        }

        /// The whole session list, as flow mappings one per line (block list) or inline (flow list).
        func sessionsReplacement(start: Int, list: [Plan.Session]) -> (start: Int, end: Int, text: String)? {
            let items = list.map { s in "{" + sessionFields(s).map { "\(key($0.0)): \($0.0 == "pigment" || $0.0 == "deposit" || $0.0 == "grouping" ? word($0.1) : $0.1)" }.joined(separator: ", ") + "}" }
            if scalars[start] == "[" {
                guard let close = matching(from: start) else { return nil }
                return (start, close + 1, "[" + items.joined(separator: ", ") + "]")
            }
            // Block list: from its first "-" to the end of its last line that is not a comment
            // or blank (comments before the next key stay with it).
            guard scalars[start] == "-" else { return nil }
            let line = lineStarts.lastIndex { $0 <= start }!
            let indent = start - lineStarts[line]
            var end = line
            var k = line + 1
            while k < lineStarts.count {
                let body = scalars[lineStarts[k]..<(k + 1 < lineStarts.count ? lineStarts[k + 1] : scalars.count)]
                let trimmed = body.drop { $0 == " " }
                let column = body.count - trimmed.count
                if trimmed.isEmpty || trimmed.first == "\n" || trimmed.first == "#" { k += 1; continue }
                if column < indent || (column == indent && trimmed.first != "-") { break }
                end = k
                k += 1
            }
            let stop = end + 1 < lineStarts.count ? lineStarts[end + 1] - 1 : scalars.count
            let pad = String(repeating: " ", count: indent)
            return (start, stop, items.map { "- " + $0 }.joined(separator: "\n" + pad))
        }
    }
}

/// The scalar offset of a mark (1-based line and column).
private func offset(_ mark: Mark?, _ lineStarts: [Int]) -> Int? {
    guard let mark, mark.line >= 1, mark.line <= lineStarts.count else { return nil }
    return lineStarts[mark.line - 1] + mark.column - 1
}
