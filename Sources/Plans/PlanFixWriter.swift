import Foundation
import Yams

/// Writes a plan file with some of its values changed (`stipple review --fix`), keeping the
/// rest of the text — comments, key order, flow or block style — as the author wrote it.
///
/// Each changed value is replaced where it stands in the text (its scalar's position from the
/// parser); a field the file leaves at its default is inserted into its mapping; a session list
/// whose length changes is rewritten as a whole (comments inside it are lost). The result is
/// parsed again and must read as the fixed plan; if it does not (e.g. the value came from a YAML
/// alias shared with other fields), the tree is written out instead, without comments, and
/// `keptComments` says so.
public enum PlanFixWriter {
    /// One value to set, by field path (`design.spacing_factor`, `sessions[1].depth_mm`), or
    /// the whole session list (`sessions`).
    enum Value {
        case number(Double)
        case word(String)
        case sessions([Plan.Session])
    }

    /// The text of the plan file `original` (read as `plan`) with `fixed`'s values.
    public static func text(original: String, file: String, plan: Plan, fixed: Plan) throws(PlanError) -> (text: String, keptComments: Bool) {
        let edits = changes(from: plan, to: fixed)
        guard !edits.isEmpty else { return (original, true) }
        let reader = PlanReader()
        let root = try PlanReader.parseNode(original, file: file)
        if let edited = TextEditor(text: original, root: root).applying(edits),
           let reread = try? reader.parse(edited, file: file, defaultName: fixed.name), reread == fixed {
            return (edited, true)
        }
        // Fallback: the tree with the values set, written as YAML.
        var node = root
        for (path, value) in edits {
            do { node = try NodePath(path)!.setting(treeNode(value), in: node) } catch {
                throw PlanError(file: file, field: path, message: "cannot set the fixed value: \(error)")
            }
        }
        let text: String
        do { text = try Yams.serialize(node: node) } catch {
            throw PlanError(file: file, field: "", message: "cannot write the fixed plan: \(error)")
        }
        guard let reread = try? reader.parse(text, file: file, defaultName: fixed.name), reread == fixed else {
            throw PlanError(file: file, field: "", message: "the fixed plan does not read back as fixed; nothing written")
        }
        return (text, false)
    }

    /// Field-by-field differences the review's fixes make (design, hairline, sessions).
    static func changes(from a: Plan, to b: Plan) -> [(String, Value)] {
        var out: [(String, Value)] = []
        func number(_ path: String, _ x: Double, _ y: Double) { if x != y { out.append((path, .number(y))) } }
        func word(_ path: String, _ x: String, _ y: String) { if x != y { out.append((path, .word(y))) } }
        number("design.target_density_per_cm2", a.design.targetDensityPerCM2, b.design.targetDensityPerCM2)
        number("design.spacing_factor", a.design.spacingFactor, b.design.spacingFactor)
        word("design.placement", a.design.placement.rawValue, b.design.placement.rawValue)
        let h = a.design.hairline, k = b.design.hairline
        number("design.hairline.height_above_brow_mm", h.heightAboveBrowMM, k.heightAboveBrowMM)
        word("design.hairline.shape", h.shape.rawValue, k.shape.rawValue)
        number("design.hairline.transition_mm", h.transitionMM, k.transitionMM)
        number("design.hairline.irregularity", h.irregularity, k.irregularity)
        guard a.sessions.count == b.sessions.count else {
            out.append(("sessions", .sessions(b.sessions)))
            return out
        }
        for (i, (s, t)) in zip(a.sessions, b.sessions).enumerated() {
            number("sessions[\(i)].day", s.day, t.day)
            number("sessions[\(i)].fraction_of_target", s.fractionOfTarget, t.fractionOfTarget)
            number("sessions[\(i)].needle_mm", s.needleMM, t.needleMM)
            number("sessions[\(i)].depth_mm", s.depthMM, t.depthMM)
            word("sessions[\(i)].pigment", s.pigment.name, t.pigment.name)
            number("sessions[\(i)].dilution", s.dilution, t.dilution)
            word("sessions[\(i)].deposit", s.deposit.rawValue, t.deposit.rawValue)
            word("sessions[\(i)].grouping", s.grouping.rawValue, t.grouping.rawValue)
        }
        return out
    }

    /// A number as written: an integer without decimals, else the shortest form that reads back.
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// One session's fields (defaults of deposit and grouping left out), in the schema's order.
    static func sessionFields(_ s: Plan.Session) -> [(String, String)] {
        var f = [("day", format(s.day)), ("fraction_of_target", format(s.fractionOfTarget)), ("needle_mm", format(s.needleMM)),
                 ("depth_mm", format(s.depthMM)), ("pigment", s.pigment.name), ("dilution", format(s.dilution))]
        if s.deposit != .needleTrack { f.append(("deposit", s.deposit.rawValue)) }
        if s.grouping != .rl1 { f.append(("grouping", s.grouping.rawValue)) }
        return f
    }

    static func treeNode(_ value: Value) -> Node {
        switch value {
        case .number(let x): return Node(format(x))
        case .word(let w): return Node(w)
        case .sessions(let list):
            return Node(list.map { s in Node(sessionFields(s).map { (Node($0.0), Node($0.1)) }) })
        }
    }
}

extension PlanFixWriter {
    /// How many fields (or whole session lists) differ between two plans.
    public static func changeCount(from a: Plan, to b: Plan) -> Int { changes(from: a, to: b).count }
}
