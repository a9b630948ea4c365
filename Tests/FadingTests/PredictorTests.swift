import Foundation
import Testing
@testable import Fading

/// Data beyond one increasing day column: replicates, predictors that are not days (negative,
/// in any order), and several predictors read by name.
@Suite("Observations: replicates, non-day predictors, several predictors by name")
struct PredictorTests {
    static func model(_ expression: String, variables: [String], _ parameters: [(String, Double)]) throws(FadeError) -> ExpressionModel {
        try ExpressionModel(ExpressionModelDefinition(name: "m", expression: expression, variables: variables,
                                                      parameters: parameters.map { .init(name: $0.0, start: $0.1, lower: -.infinity, upper: .infinity) }))
    }

    static var noFolds: FitOptions { var o = FitOptions(); o.folds = 0; return o }

    @Test("repeated days are replicates; a decreasing or negative day is noted on its series")
    func replicates() throws {
        let s = try ObservationReader.parse("a,0,1\na,0,0.98\na,5,0.9\na,5,0.91\nb,3,1\nb,2,1\nc,-1,1\n", path: "o.csv", kind: .retained)
        #expect(s[0].days == [0, 0, 5, 5] && s[0].problem == nil)
        #expect(s[1].problem?.contains("o.csv:6: day 2 does not follow day 3 at line 5") == true, "\(s[1].problem ?? "")")
        #expect(s[2].problem?.contains("o.csv:7: day -1 is negative") == true)
        let fit = FadeFitter(options: Self.noFolds).fit([s[0]], models: [.mono], jobs: 1)[0].fits[0]
        #expect(fit.status == .converged && fit.observations == 4, "\(fit.message ?? "")")
    }

    @Test("a model whose variable is not t fits negative, unordered x; models that read days fail that series")
    func nonDayPredictor() throws {
        // y = b1 + b2·x on x in file order, with negatives and a repeat.
        let xs = [3.0, -2, 0.5, -7, 3, 10, -0.25]
        let series = ObservedSeries(name: "s", days: xs, values: xs.map { 2 - 0.5 * $0 },
                                    problem: "o.csv:2: day -2 is negative (days count from the session)")
        let line = try Self.model("b1 + b2*x", variables: ["x"], [("b1", 1), ("b2", 1)])
        let inT = try Self.model("b1 + b2*t", variables: ["t"], [("b1", 1), ("b2", 1)])
        #expect(!line.readsDays && inT.readsDays)
        let fits = FadeFitter(options: Self.noFolds).fit([series], models: [.expression(line), .expression(inT), .builtIn(.mono)], jobs: 1)[0].fits
        #expect(fits[0].status == .converged, "\(fits[0].message ?? "")")
        #expect(abs(fits[0].parameters[0].estimate - 2) < 1e-9 && abs(fits[0].parameters[1].estimate + 0.5) < 1e-9)
        for f in fits.dropFirst() { #expect(f.status == .failed && f.message?.contains("o.csv:2: day -2 is negative") == true, "\(f.model)") }
    }

    @Test("a header names several predictor columns; without named predictors the layout stays fixed")
    func namedColumns() throws {
        let text = "# dose study\nseries,t,dose,value\na,0,1,1\na,10,2,0.8\nb,0,1,1\na,10,1,0.9\n"
        let s = try ObservationReader.parse(text, path: "o.csv", kind: .retained, namedPredictors: true)
        #expect(s[0].predictorNames == ["t", "dose"] && s[0].days == [0, 10, 10] && s[0].extraPredictors == [[1, 2, 1]])
        #expect(s[0].values == [1, 0.8, 0.9] && s[1].extraPredictors == [[1]])
        let lab = try ObservationReader.parse("series,t,dose,L,a,b\na,0,1,50,1,2\n", path: "o.csv", kind: .lab, namedPredictors: true)
        #expect(lab[0].predictorNames == ["t", "dose"] && lab[0].values == [50, 1, 2])
        #expect(throws: FadeError.malformedRow(path: "o.csv", line: 3, reason: "expected 3 fields (series,day,value), found 4")) {
            try ObservationReader.parse(text, path: "o.csv", kind: .retained)
        }
        #expect(throws: FadeError.malformedRow(path: "o.csv", line: 3, reason: "dose 'x' is not a finite number")) {
            try ObservationReader.parse("series,t,dose,value\na,0,1,1\na,1,x,1\n", path: "o.csv", kind: .retained, namedPredictors: true)
        }
        let bad: [(String, String)] = [
            ("a,0,1,1\n", "o.csv:1: expected a header naming the columns"),
            ("series,t\na,0\n", "o.csv:1: the header names 2 columns"),
            ("series,t,t,value\n", "o.csv:1: the header names the column 't' twice"),
            ("series,t, ,value\n", "o.csv:1: column 3 of the header has no name"),
            ("series," + (0..<40).map { "x\($0)" }.joined(separator: ",") + ",value\n", "o.csv:1: the header names 40 predictor columns; at most 32"),
        ]
        for (text, message) in bad {
            do {
                _ = try ObservationReader.parse(text, path: "o.csv", kind: .retained, namedPredictors: true)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }

    /// y = exp(−k·dose·t) + c·dose: several variables through the whole fitter, with
    /// cross-validation folds (which pick rows), against the truth and against the one-variable
    /// model it reduces to when the dose is 1 everywhere.
    @Test("a model of several variables is fitted with its columns, folds included")
    func severalVariables() throws {
        var rng = TestRandom(seed: 22)
        var rows: [(Double, Double, Double)] = []
        for dose in [0.5, 1, 2] {
            for t in stride(from: 0.0, through: 40, by: 4) {
                rows.append((t, dose, exp(-0.05 * dose * t) + 0.1 * dose + 0.002 * rng.normal()))
            }
        }
        let csv = "series,t,dose,value\n" + rows.map { "s,\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n")
        let series = try ObservationReader.parse(csv, path: "d.csv", kind: .retained, namedPredictors: true)
        let m = try Self.model("exp(-k*dose*t) + c*dose", variables: ["t", "dose"], [("k", 0.01), ("c", 0)])
        #expect(m.formula == "y(t, dose) = exp(-k*dose*t) + c*dose" && !m.readsDays)
        let fit = FadeFitter().fit(series, models: [.expression(m)], jobs: 1)[0].fits[0]
        #expect(fit.status == .converged && fit.observations == rows.count, "\(fit.message ?? "")")
        #expect(abs(fit.parameters[0].estimate - 0.05) < 1e-3 && abs(fit.parameters[1].estimate - 0.1) < 3e-3, "\(fit.parameters)")
        #expect(fit.cvRMSE != nil && fit.cvRMSE! < 0.01)

        // Dose 1 everywhere: the same fit as the one-variable model, to rounding.
        let ones = ObservedSeries(name: "s", days: series[0].days, values: series[0].values, predictorNames: ["t", "dose"],
                                  extraPredictors: [Array(repeating: 1, count: rows.count)])
        let single = try Self.model("exp(-k*t) + c", variables: ["t"], [("k", 0.01), ("c", 0)])
        let pair = FadeFitter().fit([ones], models: [.expression(m), .expression(single)], jobs: 1)[0].fits
        for (a, b) in zip(pair[0].parameters, pair[1].parameters) { #expect(abs(a.estimate - b.estimate) <= 1e-12 * abs(b.estimate)) }
        #expect(abs(pair[0].cvRMSE! - pair[1].cvRMSE!) <= 1e-12)

        // A column the data do not have fails the fit, named.
        let other = try Self.model("exp(-k*t) + c*temperature", variables: ["t", "temperature"], [("k", 0.01), ("c", 0)])
        let missing = FadeFitter().fit(series, models: [.expression(other)], jobs: 1)[0].fits[0]
        #expect(missing.status == .failed && missing.message?.contains("no 'temperature'") == true, "\(missing.message ?? "")")
    }

    @Test("NaN at the start fails the fit with the point; a step into NaN is rejected, never accepted")
    func domainErrorsInFits() throws {
        let xs = (0..<12).map { Double($0) / 2 }
        let s = ObservedSeries(name: "s", days: xs, values: xs.map { 0.3 * $0.squareRoot() + 1 })
        // asin(a·x) leaves its domain at x > 1/a.
        let arcsine = try Self.model("b*asin(a*x)", variables: ["x"], [("a", 0.45), ("b", 1)])
        let failed = FadeFitter(options: Self.noFolds).fit([s], models: [.expression(arcsine)], jobs: 1)[0].fits[0]
        #expect(failed.status == .failed && failed.message?.contains("evaluates to nan at x = 2.5 with a=0.45, b=1.0") == true, "\(failed.message ?? "")")
        // An infinite slope at the start: named with the parameter.
        let root = try Self.model("b*sqrt(x - a) + 1", variables: ["x"], [("a", 0), ("b", 0.3)])
        let slope = FadeFitter(options: Self.noFolds).fit([s], models: [.expression(root)], jobs: 1)[0].fits[0]
        #expect(slope.status == .failed && slope.message?.contains("∂/∂a = -inf at x = 0.0") == true, "\(slope.message ?? "")")
        // Started inside the domain, the fit cannot step out of it: every estimate it reports is finite.
        let inside = try Self.model("b*sqrt(x + a) + 1", variables: ["x"], [("a", 2), ("b", 0.1)])
        let fit = FadeFitter(options: Self.noFolds).fit([s], models: [.expression(inside)], jobs: 1)[0].fits[0]
        #expect(fit.status != .failed && fit.rmse?.isFinite == true, "\(fit.message ?? "")")
        #expect(fit.parameters[0].estimate > 0 && fit.parameters[0].estimate < 2)
    }
}
