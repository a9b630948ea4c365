import Fading
import Foundation
import Yams

/// Reads a fade model file (YAML or JSON) into a checked `ExpressionModel`:
///
///     name: power-law
///     expression: (1 + t/tau)^(-alpha)
///     variable: t              # optional; the independent variable's name (default t, days)
///     variables: [t, dose]     # or several, each a column named in the data's header
///     description: …           # optional, free text
///     parameters:
///       tau: {start: 100, min: 1, max: 10000, unit: day}
///       alpha: {start: 0.3, min: 0.01, max: 5}
///
/// YAML is read here because `Plans` is the only module that imports Yams; `Fading` gets a plain
/// `ExpressionModelDefinition`. Every error names the file, the line and the field; expression
/// syntax errors add the column within the expression. Bounds may be `.inf` / `-.inf` when
/// written out, but never left out: an unbounded parameter should be a decision, not an accident.
public enum FadeModelFile {
    /// Model files are a few lines; anything larger is a mistake (wrong file).
    static let maximumBytes = 1 << 20

    public static func read(contentsOf url: URL) throws(PlanError) -> ExpressionModel {
        let file = url.path
        let data: Data
        do {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                throw PlanError(file: file, field: "", message: "is a folder; expected a model file (YAML)")
            }
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch let e as PlanError {
            throw e
        } catch {
            throw PlanError(file: file, field: "", message: "cannot read the model file (\(PlanReader.reason(error)))")
        }
        guard data.count <= maximumBytes else {
            throw PlanError(file: file, field: "", message: "file is over \(maximumBytes) bytes; model files are a few lines")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanError(file: file, field: "", message: "expected UTF-8 text (YAML), found binary data")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(PlanError) -> ExpressionModel {
        let root = try PlanReader.composeTree(text, file: file, expected: "name, expression and parameters", format: "YAML")
        let reader = PlanNodeReader(file: file)
        let top = try reader.mapping(root, "", allowed: ["name", "expression", "variable", "variables", "description", "parameters"])
        var lines: [String: Int] = [:]
        func note(_ field: String, _ node: Node) { if let line = node.mark?.line { lines[field] = line } }
        let nameNode = try reader.required(top, "name", in: "", expected: "the model's name (e.g. power-law)", at: root)
        let name = try reader.text(nameNode, "name", expected: "the model's name")
        note("name", nameNode)
        let expressionNode = try reader.required(top, "expression", in: "", expected: "an expression in t (e.g. exp(-k*t))", at: root)
        let expression = try reader.text(expressionNode, "expression", expected: "an expression in t")
        note("expression", expressionNode)
        var variables = ["t"]
        if let v = top["variable"] {
            if top["variables"] != nil { throw reader.error(v, "variable", "give either variable (one name) or variables (a list), not both") }
            variables = [try reader.text(v, "variable", expected: "the independent variable's name")]
            note("variable", v)
        }
        if let v = top["variables"] {
            note("variables", v)
            let items = try reader.sequence(v, "variables")
            guard !items.isEmpty else { throw reader.error(v, "variables", "expected a list of variable names, e.g. [t, dose]") }
            guard items.count <= ExpressionLimits.maximumVariables else {
                throw reader.error(v, "variables", "\(items.count) variables; at most \(ExpressionLimits.maximumVariables) are supported")
            }
            variables = try items.enumerated().map { (i, item) throws(PlanError) in
                try reader.text(item, "variables[\(i)]", expected: "a variable's name")
            }
        }
        if let d = top["description"] { _ = try reader.text(d, "description", expected: "text") }
        let parametersNode = try reader.required(top, "parameters", in: "", expected: "a mapping of parameter names to {start, min, max, unit}", at: root)
        note("parameters", parametersNode)
        guard case .mapping(let entries) = parametersNode, !entries.isEmpty else {
            throw reader.error(parametersNode, "parameters", "expected a mapping of parameter names to {start, min, max, unit}, found \(reader.describe(parametersNode))")
        }
        var parameters: [ExpressionModelDefinition.Parameter] = []
        for (key, value) in entries {
            guard let pname = key.string, !pname.isEmpty else { throw reader.error(key, "parameters", "expected parameter names as keys, found \(reader.describe(key))") }
            let field = "parameters.\(pname)"
            note(field, key)
            let p = try reader.mapping(value, field, allowed: ["start", "min", "max", "unit"])
            func number(_ key: String, _ expected: String) throws(PlanError) -> Double {
                let node = try reader.required(p, key, in: field, expected: expected, at: value)
                note("\(field).\(key)", node)
                guard case .scalar(let s) = node, let v = node.float ?? Double(s.string), !v.isNaN else {
                    throw reader.error(node, "\(field).\(key)", "expected a number (bounds may be .inf or -.inf), found \(reader.describe(node))")
                }
                return v
            }
            let start = try number("start", "the start value of the fit")
            let lower = try number("min", "a lower bound (write -.inf for none)")
            let upper = try number("max", "an upper bound (write .inf for none)")
            let unit = try p["unit"].map { (n) throws(PlanError) in try reader.text(n, "\(field).unit", expected: "a unit label") } ?? ""
            parameters.append(.init(name: pname, start: start, lower: lower, upper: upper, unit: unit))
        }
        let definition = ExpressionModelDefinition(name: name, expression: expression, variables: variables, parameters: parameters, source: file)
        do {
            return try ExpressionModel(definition)
        } catch {
            if case .modelDefinition(_, let field, let reason) = error {
                let line = lines[field] ?? lines[field.split(separator: ".").prefix(2).joined(separator: ".")]
                throw PlanError(file: file, line: line, field: field, message: reason)
            }
            throw PlanError(file: file, field: "", message: error.description)
        }
    }
}
