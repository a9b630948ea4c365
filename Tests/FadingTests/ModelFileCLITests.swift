import Foundation
import StippleTestSupport
import Testing

/// Model files through the `stipple` binary, as a subprocess: a crash (the stack overflow hostile
/// expressions used to cause) shows as a signal exit, not exit 1 with one line on stderr.
@Suite("stipple fade fit with model files: hostile files, NIST data, several variables")
struct ModelFileCLITests {
    static func modelFile(_ expression: String) -> String {
        "name: hostile\nexpression: \(expression)\nparameters:\n  a: {start: 0.5, min: 0, max: 2}\n"
    }

    static let hostile: [(label: String, expression: String, error: String)] = [
        ("100 000 parentheses", String(repeating: "(", count: 100_000) + "a*t" + String(repeating: ")", count: 100_000),
         "column 10001: the expression is 200003 characters long"),
        ("a+a+… 200 000 terms", Array(repeating: "a", count: 200_000).joined(separator: "+"), "column 10001: the expression is 399999 characters long"),
        ("100 000 unary minus", String(repeating: "-", count: 100_000) + "a*t", "column 10001: the expression is 100003 characters long"),
        ("sin(sin(…)) 1 990 deep", String(repeating: "sin(", count: 1_990) + "a*t" + String(repeating: ")", count: 1_990),
         "column 401: the expression nests deeper than 100 levels"),
        ("a^a^… 4 000 high", Array(repeating: "a", count: 4_000).joined(separator: "^") + "*t", "column 201: the expression nests deeper than 100 levels"),
        ("5 000 parentheses", String(repeating: "(", count: 4_990) + "a*t" + String(repeating: ")", count: 4_990), "column 101: the expression nests deeper"),
        ("a*t+a*t+… 2 000 terms", Array(repeating: "a*t", count: 2_000).joined(separator: "+"), "column 4099: the expression compiles to more than 4096 instructions"),
    ]

    @Test("hostile model files are refused with one line naming the file, line and column; no crash", arguments: hostile.indices)
    func hostileFiles(_ i: Int) throws {
        let c = Self.hostile[i]
        let dir = try CLIRunner.scratch("hostile\(i)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("model.yaml"), data = dir.appendingPathComponent("obs.csv")
        try Data(Self.modelFile(c.expression).utf8).write(to: model)
        try Data("s,0,1\ns,1,0.9\ns,2,0.8\n".utf8).write(to: data)
        let r = try CLIRunner.run(["fade", "fit", data.path, "--model-file", model.path])
        #expect(r.status == 1, "\(c.label): exit \(r.status) (a signal number if it crashed)")
        #expect(r.stderr.hasPrefix("stipple: error: \(model.path):2: field 'expression': \(c.error)"), "\(c.label): \(r.stderr.prefix(300))")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1 && r.stdout.isEmpty, "\(c.label): one line")
    }

    /// NIST's `.dat` data rows (`y x`, after the last `Data:` header) as `series,x,y` CSV, in file order.
    static func nistCSV(_ name: String) throws -> (csv: String, rows: Int) {
        let text = try String(contentsOf: CLIRunner.repository.appendingPathComponent("Data/fade/nist/\(name).dat"), encoding: .utf8)
        var rows: [String] = [], inData = false
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            if fields.first == "Data:", fields.dropFirst().allSatisfy({ $0 == "y" || $0 == "x" }) { inData = true; rows = [] }
            else if inData, fields.count == 2, Double(fields[0]) != nil, Double(fields[1]) != nil { rows.append("nist,\(fields[1]),\(fields[0])") }
        }
        return ("series,x,y\n" + rows.joined(separator: "\n") + "\n", rows.count)
    }

    /// Chwirut2 and Hahn1 repeat x values (replicates), Thurber has negative x, MGH09 lists x
    /// decreasing: none could be read before. Whether each fit is certified is the solver's
    /// test; here every problem must be read whole and fitted (no read failure, no failed fit).
    @Test("every shipped NIST problem reads through fade fit, in NIST's row order", arguments: [
        "Misra1a", "Misra1b", "Chwirut2", "DanWood", "Rat42", "Rat43", "Eckerle4", "BoxBOD", "MGH09", "Thurber", "Lanczos3", "Hahn1",
    ])
    func nist(_ name: String) throws {
        let dir = try CLIRunner.scratch("nist-\(name)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (csv, rows) = try Self.nistCSV(name)
        let data = dir.appendingPathComponent("\(name).csv")
        try Data(csv.utf8).write(to: data)
        let r = try CLIRunner.run(["fade", "fit", data.path, "--model-file", "Data/fade/nist/\(name).yaml", "--folds", "0"])
        #expect(r.status == 0 || r.status == 2, "\(name): exit \(r.status) \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").dropFirst()
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("nist,\(name),") && !$0.hasPrefix("nist,\(name),failed,") }, "\(name): \(r.stdout.prefix(400))")
        let n = r.stdout.split(separator: "\n")[0].split(separator: ",").firstIndex(of: "n")!
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[n] == "\(rows)" }, "\(name): n must be \(rows)")
    }

    @Test("a model file of several variables reads its columns by the header's names; fit-only")
    func severalVariables() throws {
        let dir = try CLIRunner.scratch("variables")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("dose.yaml"), data = dir.appendingPathComponent("dose.csv"), other = dir.appendingPathComponent("other.csv")
        try Data("""
            name: dose
            variables: [t, dose]
            expression: exp(-k*dose*t)
            parameters:
              k: {start: 0.01, min: 0, max: 1, unit: 1/day}
            """.utf8).write(to: model)
        var csv = "series,t,dose,value\n"
        for dose in [1.0, 2, 4] { for t in stride(from: 0.0, through: 30, by: 5) { csv += "a,\(t),\(dose),\(exp(-0.02 * dose * t))\n" } }
        try Data(csv.utf8).write(to: data)
        let r = try CLIRunner.run(["fade", "fit", data.path, "--model-file", model.path, "--folds", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        let header = lines[0].split(separator: ","), row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        func column(_ name: String) -> Substring { row[header.firstIndex(of: Substring(name))!] }
        #expect(column("series") == "a" && column("status") == "converged" && column("n") == "21" && abs(Double(column("estimate"))! - 0.02) < 1e-9, "\(r.stdout)")

        try Data("series,t,temperature,value\na,0,20,1\na,5,20,0.9\n".utf8).write(to: other)
        let missing = try CLIRunner.run(["fade", "fit", other.path, "--model-file", model.path])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("stipple: error: \(other.path): model dose reads the variables t, dose"), "\(missing.stderr)")
        #expect(missing.stderr.contains("no 'dose'"))
        let benchmark = try CLIRunner.run(["fade", "benchmark", data.path, "--model-file", model.path])
        #expect(benchmark.status == 1 && benchmark.stderr.contains("model dose") && benchmark.stderr.contains("t, dose"), "\(benchmark.stderr)")
    }
}
