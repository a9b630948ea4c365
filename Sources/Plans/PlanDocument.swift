import Foundation
import Support
import Yams

/// A plan's text in the other of its two spellings: YAML as JSON (for a page or a script that
/// edits plans as JSON objects) and JSON as YAML (a file `stipple validate` accepts).
///
/// Both work on the plan's tree, not on a `Plan`: what the author wrote is what comes out (key
/// order, fields left at their defaults stay absent), so a page that changes one value and
/// sends the rest back unchanged cannot drift from the file. Both validate the plan first and
/// throw the reader's `PlanError` (file, line, field, what was expected), so nothing invalid is
/// converted.
public enum PlanDocument {
    /// The plan in `text` (YAML or JSON) as pretty-printed JSON with the file's key order.
    public static func json(fromPlanText text: String, file: String, defaultName: String = "plan") throws(PlanError) -> String {
        let root = try PlanReader.parseNode(text, file: file)
        _ = try PlanReader().plan(from: root, file: file, defaultName: defaultName)
        var out = ""
        writeJSON(root, indent: "", to: &out)
        out += "\n"
        return out
    }

    /// The plan in `text` (JSON, or YAML) as block YAML; mappings and lists of plain values
    /// (a session, the hairline, the follow-up days) are written on one line, as the shipped
    /// plans write them.
    public static func yaml(fromPlanText text: String, file: String, defaultName: String = "plan") throws(PlanError) -> String {
        let root = try PlanReader.parseNode(text, file: file)
        let plan = try PlanReader().plan(from: root, file: file, defaultName: defaultName)
        let yaml: String
        do { yaml = try Yams.serialize(node: restyled(root), width: -1, allowUnicode: true) } catch {
            throw PlanError(file: file, field: "", message: "cannot write the plan as YAML: \(error)")
        }
        // The YAML must read as the same plan; a difference is a bug here, not the user's.
        guard let reread = try? PlanReader().parse(yaml, file: file, defaultName: defaultName), reread == plan else {
            throw PlanError(file: file, field: "", message: "the plan does not read back the same once written as YAML; nothing written")
        }
        return yaml
    }

    // MARK: JSON

    private static func writeJSON(_ node: Node, indent: String, to out: inout String) {
        switch node {
        case .scalar(let scalar):
            out += jsonScalar(scalar)
        case .sequence(let sequence):
            let items = Array(sequence)
            if items.allSatisfy({ $0.scalar != nil }) {
                out += "[" + items.map { jsonScalar($0.scalar!) }.joined(separator: ", ") + "]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += inner
                writeJSON(item, indent: inner, to: &out)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .mapping(let mapping):
            let pairs = Array(mapping)
            if pairs.isEmpty { out += "{}"; return }
            let flat = pairs.allSatisfy { $0.value.scalar != nil } && pairs.count <= 8
            let inner = indent + "  "
            out += flat ? "{" : "{\n"
            for (k, pair) in pairs.enumerated() {
                if !flat { out += inner }
                out += JSONText.quoted(pair.key.string ?? "") + ": "
                writeJSON(pair.value, indent: inner, to: &out)
                if k + 1 < pairs.count { out += flat ? ", " : ",\n" } else if !flat { out += "\n" }
            }
            out += flat ? "}" : indent + "}"
        case .alias:
            // `PlanReader.parseNode` composes with aliases resolved; nothing to write.
            out += "null"
        }
    }

    /// A scalar as the YAML reader resolves it: numbers and booleans bare, null as null,
    /// anything else (including non-finite numbers, which JSON cannot hold) as a string.
    private static func jsonScalar(_ scalar: Node.Scalar) -> String {
        // A quoted value is text, whatever it spells.
        guard scalar.style == .plain || scalar.style == .any else { return JSONText.quoted(scalar.string) }
        let node = Node.scalar(scalar)
        switch Constructor.default.any(from: node) {
        case let value as Bool: return value ? "true" : "false"
        case let value as Int: return String(value)
        case let value as Double where value.isFinite: return "\(value)"
        case is NSNull: return "null"
        default: return JSONText.quoted(scalar.string)
        }
    }

    // MARK: YAML

    /// The tree with block style where a value holds mappings or lists, flow style where it
    /// holds only plain values, and strings plain unless plain would read as another type.
    private static func restyled(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            // A quoted value stays quoted only where its plain spelling would read as a number,
            // a boolean or null ("yes", "1e3"); the reader then sees the same text either way.
            let plainIsText = Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(scalar.string))) == .str
            scalar.style = scalar.style == .plain || plainIsText ? .plain : .doubleQuoted
            return .scalar(scalar)
        case .sequence(let sequence):
            let items = sequence.map(restyled)
            return .sequence(Node.Sequence(items, sequence.tag, items.allSatisfy { $0.scalar != nil } ? .flow : .block))
        case .mapping(let mapping):
            let pairs = mapping.map { (restyled($0.key), restyled($0.value)) }
            let flow = isFlat(mapping)
            return .mapping(Node.Mapping(pairs, mapping.tag, flow ? .flow : .block))
        case .alias:
            return node
        }
    }

    private static func isFlat(_ mapping: Node.Mapping) -> Bool {
        mapping.allSatisfy { $0.value.scalar != nil } && mapping.count <= 8 && mapping.count > 0
    }
}
