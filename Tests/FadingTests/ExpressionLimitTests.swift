import Foundation
import Testing
@testable import Fading

/// Hostile expressions (well inside a model file's 1 MiB) are refused with the column and the
/// limit, never a crash; expressions at the limits still compile and evaluate.
@Suite("Model expressions: limits on length, nesting and program size")
struct ExpressionLimitTests {
    static func compile(_ expression: String) throws(FadeError) -> ExpressionModel {
        try ExpressionModel(ExpressionModelDefinition(name: "h", expression: expression,
                                                      parameters: [.init(name: "a", start: 0.5, lower: 0, upper: 2)]))
    }

    static func refusal(_ expression: String) -> String? {
        do { _ = try compile(expression); return nil } catch { return error.description }
    }

    static let nest = ExpressionLimits.maximumNesting

    static let cases: [(String, String, String)] = [
        ("100 000 parentheses", String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000),
         "column 10001: the expression is 200001 characters long; at most 10000"),
        ("a+a+… 200 000 terms", Array(repeating: "a", count: 200_000).joined(separator: "+"), "column 10001: the expression is 399999 characters"),
        ("100 000 unary minus", String(repeating: "-", count: 100_000) + "a", "column 10001: the expression is 100001 characters"),
        ("sin(sin(…)) 50 000 deep", String(repeating: "sin(", count: 50_000) + "a" + String(repeating: ")", count: 50_000),
         "column 10001: the expression is 250001 characters"),
        ("a^a^… 100 000 high", Array(repeating: "a", count: 100_000).joined(separator: "^"), "column 10001: the expression is 199999 characters"),
        // Within the length limit, the other limits speak.
        ("5 000 parentheses", String(repeating: "(", count: 4_990) + "a" + String(repeating: ")", count: 4_990),
         "column \(nest + 1): the expression nests deeper than \(nest) levels"),
        ("9 999 unary minus", String(repeating: "-", count: 9_999) + "a", "column \(nest + 1): the expression nests deeper"),
        ("sin(sin(…)) 1 999 deep", String(repeating: "sin(", count: 1_999) + "a" + String(repeating: ")", count: 1_999),
         "column \(4 * nest + 1): the expression nests deeper"),
        ("a^a^… 5 000 high", Array(repeating: "a", count: 5_000).joined(separator: "^"), "column \(2 * nest + 1): the expression nests deeper"),
        ("a+a+… 4 000 terms", Array(repeating: "a", count: 4_000).joined(separator: "+"),
         "column 4096: the expression compiles to more than 4096 instructions"),
        ("a*t+a*t+… 2 000 terms", Array(repeating: "a*t", count: 2_000).joined(separator: "+"), "column 4099: the expression compiles to more than 4096"),
    ]

    @Test("hostile expressions get a one-line error with the column", arguments: cases)
    func hostile(_ c: (String, String, String)) {
        let text = Self.refusal(c.1)
        #expect(text?.contains("expression: " + c.2) == true, "\(c.0): \(text ?? "accepted")")
        #expect(text?.contains("\n") == false, "\(c.0): one line")
    }

    @Test("at the limits: the deepest nesting, the longest chain and folded constants still compile and evaluate")
    func atTheLimits() throws {
        let depth = Self.nest
        let parens = try Self.compile(String(repeating: "(", count: depth - 1) + "a*t" + String(repeating: ")", count: depth - 1))
        #expect(parens.value(at: 3, parameters: [0.5]) == 1.5)
        // Each sign is a level, and so is the term after the last one.
        let minus = try Self.compile(String(repeating: "-", count: depth - 2) + "a*t")
        #expect(minus.value(at: 3, parameters: [0.5]) == 1.5)   // an even number of signs
        let calls = try Self.compile(String(repeating: "abs(", count: depth - 1) + "a*t" + String(repeating: ")", count: depth - 1))
        let g = calls.gradient(at: [3], parameters: [0.5])
        #expect(g.value == 1.5 && g.gradient == [3])
        // Right-nested sums keep a deep evaluation stack: every evaluator must size it.
        let right = try Self.compile(String(repeating: "a*t+(", count: depth - 1) + "a" + String(repeating: ")", count: depth - 1))
        #expect(right.program.stackDepth >= depth)
        #expect(abs(right.value(at: 2, parameters: [0.5]) - (Double(depth - 1) + 0.5)) < 1e-12)
        let values = ExpressionBatchTests.evaluate(right.program, inputs: [1, 2, 3], count: 3, parameters: [0.5], derivatives: true)
        #expect(values.values == [1, 2, 3].map { Double(depth - 1) * 0.5 * $0 + 0.5 })
        #expect(values.jacobian == [1, 2, 3].map { Double(depth - 1) * $0 + 1 })
        // A long chain of constants folds to one instruction, so it never reaches the program limit.
        let constants = try Self.compile("a*t + (" + Array(repeating: "1", count: 4_000).joined(separator: "+") + ")")
        #expect(constants.program.ops.count == 5)
        #expect(constants.value(at: 2, parameters: [0.5]) == 4_001)
        let tower = try Self.compile(Array(repeating: "a", count: depth / 2).joined(separator: "^") + "*t")
        #expect(tower.value(at: 1, parameters: [1]) == 1)
    }
}
