// CYaml is libyaml as Yams ships it: Yams builds the whole node tree before anyone can look at
// it, so counting alias expansion first (below) needs libyaml's event parser. This is the one
// file of the package that imports it (PackageImportTests checks that).
import CYaml
import Foundation

/// Counts the nodes a YAML document expands to with its aliases resolved, in one pass over
/// libyaml's events, before the tree is built.
///
/// Aliases make a small file describe an exponentially large tree (the "billion laughs": nine
/// lists of nine aliases to the previous list). Yams resolves an alias to the anchored node, so
/// building the tree is cheap, but anything that walks it — hashing a mapping key (Yams checks
/// duplicate keys that way, while composing), serialising a plan for its batch id — takes time
/// exponential in the file's size. Every alias-free file of n bytes has fewer than n nodes, so a
/// limit well below the plan size refuses alias bombs (and absurdly large value lists).
enum YAMLExpansion {
    /// The expanded node count, or nil once it exceeds `limit`. Syntax errors end the count
    /// early (the parser that follows reports them with line and column).
    static func count(_ text: String, limit: Int) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return 0 }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var sizes: [String: Int] = [:]
            // Open collections: their anchor and the nodes counted inside so far.
            var open: [(anchor: String?, count: Int)] = [(nil, 0)]
            func add(_ n: Int) { open[open.count - 1].count = min(open[open.count - 1].count &+ n, limit + 1) }
            func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? { p.map { String(cString: $0) } }
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return open[0].count
                case YAML_SCALAR_EVENT:
                    add(1)
                    if let anchor = name(event.data.scalar.anchor) { sizes[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 0))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 0))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard open.count > 1 else { break }
                    let closed = open.removeLast()
                    let size = min(closed.count + 1, limit + 1)
                    if let anchor = closed.anchor { sizes[anchor] = size }
                    add(size)
                default:
                    break
                }
                if open[open.count - 1].count > limit { return nil }
            }
            return open[0].count
        }
    }
}
