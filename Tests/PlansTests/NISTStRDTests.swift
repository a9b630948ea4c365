import Fading
import Foundation
@testable import Plans
import Testing

/// The fitter behind model files against NIST's Statistical Reference Datasets for nonlinear
/// regression (public domain, `Data/fade/nist/`, source in `Data/SOURCES.md`): from each of
/// NIST's two starting values it must reach the certified parameters, standard deviations and
/// residual sum of squares. Accuracy is stated as the log relative error (LRE, digits that
/// agree, −log₁₀ |x − c|/|c|), the measure NIST and McCullough (1999) use; ≥ 6 digits on the
/// parameters and SSR and ≥ 4 on the standard deviations (computed at our estimate, so they
/// inherit its error amplified by the conditioning).
@Suite("NIST StRD nonlinear regression: certified values from NIST's starting values")
struct NISTStRDTests {
    struct Problem {
        var starts: [[Double]]          // Start 1, Start 2
        var certified: [Double]
        var certifiedSD: [Double]
        var ssr: Double
        var x: [Double], y: [Double]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/fade/nist")

    /// Reads a NIST `.dat` file: the `bN = start1 start2 certified sd` lines, the residual sum
    /// of squares, and the `y x` rows after the last `Data:` header.
    static func read(_ name: String) throws -> Problem {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).dat"), encoding: .utf8)
        var p = Problem(starts: [[], []], certified: [], certifiedSD: [], ssr: .nan, x: [], y: [])
        var inData = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let fields = raw.split(separator: " ").map(String.init)
            if fields.count == 6, fields[0].hasPrefix("b"), fields[1] == "=" {
                p.starts[0].append(Double(fields[2])!); p.starts[1].append(Double(fields[3])!)
                p.certified.append(Double(fields[4])!); p.certifiedSD.append(Double(fields[5])!)
            } else if raw.hasPrefix("Residual Sum of Squares:") {
                p.ssr = Double(fields.last!)!
            } else if fields.first == "Data:", fields.dropFirst().allSatisfy({ $0 == "y" || $0 == "x" }) {
                inData = true
            } else if inData, fields.count == 2, let y = Double(fields[0]), let x = Double(fields[1]) {
                p.y.append(y); p.x.append(x)
            }
        }
        return p
    }

    static func lre(_ value: Double, _ certified: Double) -> Double {
        let e = abs(value - certified) / abs(certified)
        return e == 0 ? 15 : min(15, -log10(e))
    }

    static let problems = ["Misra1a", "Misra1b", "Chwirut2", "DanWood", "Rat42", "Rat43", "Eckerle4", "BoxBOD", "MGH09", "Thurber", "Lanczos3", "Hahn1"]

    @Test("certified values reached", arguments: problems, [0, 1])
    func certified(_ name: String, _ start: Int) throws {
        let problem = try Self.read(name)
        let model = try FadeModelFile.read(contentsOf: Self.directory.appendingPathComponent("\(name).yaml"))
        #expect(problem.x.count > 5 && problem.certified.count == model.specification.count)
        var options = FitOptions()
        options.folds = 0
        options.maxIterations = 1000
        options.ftol = 1e-15
        options.xtol = 1e-15
        options.gtol = 1e-15
        options.start = Dictionary(uniqueKeysWithValues: zip(model.specification.map(\.name), problem.starts[start]))
        let fit = FadeFitter(options: options).fit([ObservedSeries(name: name, days: problem.x, values: problem.y)],
                                                   models: [FitModel.expression(model)], jobs: 1)[0].fits[0]
        #expect(fit.status == .converged, "\(name) start \(start + 1): \(fit.status) \(fit.message ?? "")")
        // BoxBOD from Start 1 first runs onto the plateau b2 → ∞ (SSR 9771.5, where ∂/∂b2
        // vanishes); that run is not converged, and the multi-start's restart with b2 put back to
        // its start reaches the certified minimum (issue 22).
        try check(fit, problem, name, start)
    }

    func check(_ fit: ModelFit, _ problem: Problem, _ name: String, _ start: Int) throws {
        let ssr = pow(fit.rmse ?? .nan, 2) * Double(problem.x.count)
        let digits = zip(fit.parameters, problem.certified).map { Self.lre($0.estimate, $1) }
        let sdDigits = zip(fit.parameters, problem.certifiedSD).map { Self.lre($0.standardError ?? .nan, $1) }
        print("NIST \(name) start \(start + 1): \(fit.iterations) iterations, LRE parameters \(digits.map { String(format: "%.1f", $0) }), SD \(sdDigits.map { String(format: "%.1f", $0) }), SSR \(String(format: "%.1f", Self.lre(ssr, problem.ssr)))")
        #expect(digits.allSatisfy { $0 >= 6 }, "\(name) start \(start + 1): parameter LRE \(digits)")
        #expect(sdDigits.allSatisfy { $0 >= 4 }, "\(name) start \(start + 1): SD LRE \(sdDigits)")
        #expect(Self.lre(ssr, problem.ssr) >= 6, "\(name) start \(start + 1): SSR \(ssr) vs \(problem.ssr)")
    }
}
