import Foundation

/// A NIST StRD nonlinear regression problem as shipped in `Data/fade/nist/` (public domain; see
/// `Data/SOURCES.md`): the `.dat` file's two starting values, certified values and data.
public struct NISTProblem: Sendable {
    public var name: String
    public var starts: [[Double]]          // Start 1, Start 2
    public var certified: [Double]
    public var certifiedSD: [Double]
    public var ssr: Double
    public var x: [Double], y: [Double]

    public static let directory = Repository.data.appendingPathComponent("fade/nist")
    public static let names = ["Misra1a", "Misra1b", "Chwirut2", "DanWood", "Rat42", "Rat43", "Eckerle4", "BoxBOD", "MGH09",
                               "Thurber", "Lanczos3", "Hahn1"]

    public var modelFile: URL { Self.directory.appendingPathComponent("\(name).yaml") }

    /// Reads `name.dat`: the `bN = start1 start2 certified sd` lines, the residual sum of squares,
    /// and the `y x` rows after the last `Data:` header.
    public init(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).dat"), encoding: .utf8)
        self.name = name
        starts = [[], []]; certified = []; certifiedSD = []; ssr = .nan; x = []; y = []
        var inData = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let fields = raw.split(separator: " ").map(String.init)
            if fields.count == 6, fields[0].hasPrefix("b"), fields[1] == "=" {
                starts[0].append(Double(fields[2])!); starts[1].append(Double(fields[3])!)
                certified.append(Double(fields[4])!); certifiedSD.append(Double(fields[5])!)
            } else if raw.hasPrefix("Residual Sum of Squares:") {
                ssr = Double(fields.last!)!
            } else if fields.first == "Data:", fields.dropFirst().allSatisfy({ $0 == "y" || $0 == "x" }) {
                inData = true
            } else if inData, fields.count == 2, let yi = Double(fields[0]), let xi = Double(fields[1]) {
                y.append(yi); x.append(xi)
            }
        }
    }

    /// The data as `fade fit` CSV, `series,day,value`, rows in increasing x (the order of the
    /// rows does not change a least-squares problem; the reader wants days in order).
    public var csv: String {
        var out = "series,day,value\n"
        for i in x.indices.sorted(by: { (x[$0], $0) < (x[$1], $1) }) { out += "\(name),\(x[i]),\(y[i])\n" }
        return out
    }

    /// Log relative error: the number of significant digits that agree, −log₁₀(|v − c|/|c|), in [0, 15].
    public static func lre(_ value: Double, _ certified: Double) -> Double {
        let e = abs(value - certified) / abs(certified)
        guard e.isFinite else { return 0 }
        return e == 0 ? 15 : max(0, min(15, -log10(e)))
    }
}
