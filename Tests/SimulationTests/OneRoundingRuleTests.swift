import Foundation
import Reports
import Simulation
import SimulationFixtures
import Support
import Testing

/// report.json and sessions.csv are written from the same records, whose rounding is declared
/// once per field (`@Rounded`), so a quantity prints the same digits in both (issue 24, item 3).
@Suite("one rounding rule: report.json and sessions.csv agree")
struct OneRoundingRuleTests {
    /// sessions.csv column → report.json key of the same region metric.
    static let columns: [(csv: String, json: String)] = [
        ("region_area_cm2", "region_area_cm2"), ("treated_area_cm2", "treated_area_cm2"),
        ("impressions_per_cm2", "impressions_per_cm2"), ("target_per_cm2", "target_per_cm2"),
        ("nn_mean_mm", "nearest_neighbour_mean_mm"), ("nn_p5_mm", "nearest_neighbour_p5_mm"),
        ("nn_min_mm", "nearest_neighbour_min_mm"), ("clark_evans_r", "clark_evans_r"),
        ("covered_fraction", "covered_fraction"), ("boolean_model_coverage", "boolean_model_coverage"),
        ("mean_healed_diameter_um", "mean_healed_diameter_um"),
    ]

    @Test("every region metric of the demo prints the same digits in report.json and sessions.csv")
    func sameDigits() throws {
        let result = Fixtures.demo
        let json = try #require(JSONSerialization.jsonObject(with: Data(ReportFiles.reportJSON(result, outputs: []))) as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        var jsonRows: [[String: Any]] = []
        for s in sessions {
            jsonRows.append(try #require(s["all"] as? [String: Any]))
            jsonRows += try #require(s["regions"] as? [[String: Any]])
        }
        let records = try CSV.records(String(decoding: ReportFiles.sessionsCSV(result), as: UTF8.self))
        let header = try #require(records.first?.fields)
        let rows = records.dropFirst().map(\.fields)
        #expect(rows.count == jsonRows.count && rows.count > 3)
        var compared = 0
        for (row, object) in zip(rows, jsonRows) {
            #expect(row[header.firstIndex(of: "region")!] == object["region"] as? String)
            for (csvName, key) in Self.columns {
                let cell = row[try #require(header.firstIndex(of: csvName))]
                let number = (object[key] as? NSNumber)?.doubleValue
                // The JSON number, printed as the CSV prints numbers, is the CSV cell.
                #expect(CSV.number(number) == cell, "\(object["region"] ?? "?") \(csvName): JSON \(String(describing: number)), CSV \(cell)")
                compared += number == nil ? 0 : 1
            }
        }
        #expect(compared > 100, "the numbers were found")
    }
}
