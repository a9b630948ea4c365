import Fading
import Foundation
import Testing

/// Fit and benchmark JSON written before a key existed still reads, and what is written reads
/// back the same: the compiler's `Decodable` with `DefaultWhenAbsent` does what the hand-written
/// `init(from:)` of `ParameterEstimate`, `LeaderboardRow` and `ModelFit` did.
@Suite("Fit and benchmark JSON: older files without a key still decode")
struct OlderFileDecodingTests {
    static let estimateKeys = "\"parameter\":\"k\",\"unit\":\"1/day\",\"estimate\":0.5,\"fitted\":true,\"at_bound\":false"

    @Test("a parameter estimate without ci95_method (or with null) reads as method none")
    func estimateWithoutMethod() throws {
        for extra in ["", ",\"ci95_method\":null"] {
            let e = try JSONDecoder().decode(ParameterEstimate.self, from: Data("{\(Self.estimateKeys)\(extra)}".utf8))
            #expect(e.ci95Method == IntervalMethod.none)
            #expect(e.standardError == nil && e.ci95Low == nil && e.estimate == 0.5 && e.fitted && !e.atBound)
        }
        let clipped = try JSONDecoder().decode(ParameterEstimate.self,
                                               from: Data("{\(Self.estimateKeys),\"ci95_method\":\"clipped-at-bound\"}".utf8))
        #expect(clipped.ci95Method == .clippedAtBound)
    }

    @Test("a parameter estimate without a required key is still an error")
    func estimateMissingRequiredKey() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ParameterEstimate.self, from: Data("{\"parameter\":\"k\",\"unit\":\"1/day\",\"fitted\":true,\"at_bound\":false}".utf8))
        }
    }

    @Test("a leaderboard row without identicalTo (or with null) reads as an empty list")
    func rowWithoutIdenticalTo() throws {
        for extra in ["", ",\"identicalTo\":null"] {
            let row = try JSONDecoder().decode(LeaderboardRow.self, from: Data("{\"model\":\"mono\",\"wins\":2,\"failed\":1\(extra)}".utf8))
            #expect(row.identicalTo == [] && row.wins == 2 && row.failed == 1 && row.forecastRMSE == nil)
        }
    }

    @Test("estimates and rows read back equal to what was written")
    func roundTrip() throws {
        let estimate = ParameterEstimate.bounded(name: "k", unit: "1/day", estimate: 0.02, standardError: 0.03, t: 2,
                                                 lower: 0, upper: 1)
        #expect(estimate.ci95Method == .clippedAtBound)
        let row = LeaderboardRow(model: "bi", forecastRMSE: 0.1, forecastMAE: nil, cvRMSE: 0.2, meanAkaikeWeight: 0.5,
                                 wins: 3, failed: 0, identicalTo: ["bi-again"])
        #expect(try JSONDecoder().decode(ParameterEstimate.self, from: JSONEncoder().encode(estimate)) == estimate)
        #expect(try JSONDecoder().decode(LeaderboardRow.self, from: JSONEncoder().encode(row)) == row)
        let written = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(written.contains("\"identicalTo\":[\"bi-again\"]"))
    }

    @Test("a model fit writes every key (dof derived, nulls included) and reads back equal, dof ignored")
    func modelFitRoundTrip() throws {
        let fit = ModelFit(model: "mono", status: .converged, message: nil, observations: 12, fittedParameters: 3,
                           parameters: [ParameterEstimate(name: "k", unit: "1/day", estimate: 0.01, standardError: nil, ci95Low: nil,
                                                          ci95High: nil, fitted: true, atBound: false)],
                           rmse: 0.02, aic: -40, bic: nil, cvRMSE: nil, iterations: 7, aicRank: 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(fit), as: UTF8.self)
        #expect(json.contains("\"dof\":9") && json.contains("\"bic\":null") && json.contains("\"message\":null"))
        #expect(json.contains("\"condition\":null,\"cv_rmse\":null,\"dof\":9,\"iterations\":7"))   // sorted among the rest
        #expect(try JSONDecoder().decode(ModelFit.self, from: Data(json.utf8)) == fit)
        // A file without the optional keys (an older or hand-written one) reads them as nil.
        let minimal = "{\"model\":\"mono\",\"status\":\"failed\",\"n\":4,\"q\":2,\"iterations\":0,\"parameters\":[]}"
        let read = try JSONDecoder().decode(ModelFit.self, from: Data(minimal.utf8))
        #expect(read.status == .failed && read.rmse == nil && read.reason == nil && read.degreesOfFreedom == 2)
    }
}
