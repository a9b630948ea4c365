import Fading
import Foundation
@testable import Plans
import Testing

@Suite("Fade model files: YAML to a checked expression model, errors with file, line and field")
struct FadeModelFileTests {
    @Test("the shipped example model files read and keep parameter order")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let m = try FadeModelFile.read(contentsOf: root.appendingPathComponent("Data/fade/models/power-law.yaml"))
        #expect(m.name == "power-law")
        #expect(m.specification.map(\.name) == ["tau", "alpha"])
        #expect(m.specification[0].unit == "day" && m.specification[0].lower == 1 && m.specification[0].upper == 10000)
        #expect(abs(m.value(at: 100, parameters: [100, 0.3]) - pow(2, -0.3)) < 1e-15)
    }

    @Test("a named variable and infinite bounds written out")
    func variableAndInfinity() throws {
        let m = try FadeModelFile.parse("""
            name: misra
            variable: x
            expression: b1*(1 - exp(-b2*x))
            parameters:
              b1: {start: 500, min: -.inf, max: .inf}
              b2: {start: 1e-4, min: -.inf, max: .inf}
            """, file: "m.yaml")
        #expect(m.specification[0].lower == -.infinity && m.definition.variable == "x")
    }

    @Test("several variables as a list; the formula names them")
    func variables() throws {
        let m = try FadeModelFile.parse("""
            name: dose
            variables: [t, dose]
            expression: exp(-k*dose*t)
            parameters:
              k: {start: 0.01, min: 0, max: 1}
            """, file: "m.yaml")
        #expect(m.variables == ["t", "dose"] && m.formula == "y(t, dose) = exp(-k*dose*t)")
    }

    static let bad: [(String, String)] = [
        ("name: a\nvariable: t\nvariables: [t]\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'variable': give either variable"),
        ("name: a\nvariables: t\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'variables': expected a list"),
        ("name: a\nvariables: []\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'variables': expected a list of variable names"),
        ("name: a\nvariables: [t, {x: 1}]\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "field 'variables[1]'"),
        ("name: a\nvariables: [t, pi]\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'variables': 'pi' is not a usable name"),
        ("name: a\nvariables: [t, t]\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'variables': a name appears twice"),
        ("name: a\nvariables: [t, dose]\nexpression: exp(-k*t*d)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:3: field 'expression': column 10: unknown name 'd'; known: t, dose, k, pi, e"),
        ("name: a\nexpression: exp(-e*t)\nparameters:\n  e: {start: 0.1, min: 0, max: 1}\n", "m.yaml:4: field 'parameters.e': 'e' is a constant's name (pi, e)"),
        ("name: a\nexpression: " + String(repeating: "(", count: 150) + "k*t" + String(repeating: ")", count: 150) + "\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n",
         "m.yaml:2: field 'expression': column 101: the expression nests deeper than 100 levels"),
        ("name: a\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, max: 1}\n", "m.yaml:4: field 'parameters.k.min': missing"),
        ("name: a\nexpression: exp(-k*t\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "m.yaml:2: field 'expression': column 9: expected ',' or ')' in the call of exp"),
        ("name: a\nexpression: exp(-k*s)\nparameters:\n  k: {start: 0.1, min: 0, max: 1}\n", "field 'expression': column 8: unknown name 's'; known: t, k"),
        ("name: a\nexpression: exp(-k*t)\nparameters:\n  k: {start: 2, min: 0, max: 1}\n", "m.yaml:4: field 'parameters.k.start': start 2.0 is outside [0.0, 1.0]"),
        ("name: a\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: one}\n", "m.yaml:4: field 'parameters.k.max': expected a number"),
        ("name: a\nexpresion: exp(-k*t)\n", "m.yaml:2: field 'expresion': unknown field"),
        ("name: a\nexpression: exp(-k*t)\nparameters: {}\n", "field 'parameters': expected a mapping"),
        ("name: a\nexpression: exp(-k*t)\nparameters:\n  k: {start: 0.1, min: 0, max: 1, units: day}\n", "'parameters.k.units': unknown field"),
        ("name: [a\n", "m.yaml"),
        ("", "the file is empty"),
    ]

    @Test("bad model files fail with the place to fix", arguments: bad.indices)
    func badFiles(_ i: Int) {
        do {
            _ = try FadeModelFile.parse(Self.bad[i].0, file: "m.yaml")
            Issue.record("case \(i) was accepted")
        } catch {
            #expect(error.description.contains(Self.bad[i].1), "case \(i): \(error.description)")
        }
    }

    @Test("a model file that is a YAML alias bomb is refused before it is composed, like a plan")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...6 { text += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        do {
            _ = try FadeModelFile.parse(text, file: "m.yaml")
            Issue.record("alias bomb accepted")
        } catch {
            #expect(error.description.contains("once YAML aliases are expanded"), "\(error.description)")
        }
    }
}
