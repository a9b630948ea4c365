import Foundation
import Reports
import Results
import Simulation
import Support

/// Turns a simulated plan into its rows of the results database (`Results.ResultsSchema`).
/// The region and follow-up rows are read back from the plan's own `sessions.csv` and
/// `timeline.csv` texts, so the database holds exactly what those files hold.
enum PlanRecords {
    /// The database rows of `result`; the `plans` row is completed by the runner (position,
    /// source, status, swept values), which knows the job.
    /// The `sessions` rows are report.json's session records (`ReportFiles.sessionRecords`), as
    /// rounded there.
    static func record(id: String, summary: SummaryRow, result: SimulationResult) -> PlanRecord {
        let sessions = ReportFiles.sessionRecords(result).map { s -> [ResultValue] in
            let m = s.all, c = s.colour
            return [
                .integer(Int64(s.session)), ResultValue(number: s.day), ResultValue(number: s.fractionOfTarget),
                ResultValue(number: s.needleMM), ResultValue(number: s.depthMM), .text(s.pigment), ResultValue(number: s.dilution),
                .integer(Int64(s.totalImpressions)), ResultValue(number: m.impressionsPerCM2), ResultValue(number: m.targetPerCM2),
                ResultValue(number: m.nearestNeighbourMeanMM), ResultValue(number: m.nearestNeighbourMinMM),
                ResultValue(number: m.clarkEvansR), .integer(Int64(m.mergePairs)),
                ResultValue(number: m.coveredFraction), .text(c.healedHex),
                ResultValue(number: c.deltaE00ToSkin), .text(c.undertone),
            ]
        }
        let regions = rows(ReportFiles.sessionsCSV(result), width: ResultsSchema.regions.count)
        let followUps = result.outlook.map { rows(FadeReportFiles.timelineCSV($0), width: ResultsSchema.followUps.count) } ?? []
        return PlanRecord(id: id, plan: summary.values.mapValues(value), sessions: sessions, regions: regions, followUps: followUps)
    }

    /// The `plans` row of a finished or failed job: the summary row's values, swept values as
    /// numbers where they are number literals (as `summary.json` has them).
    static func planValues(_ row: SummaryRow, swept: Set<String>) -> [String: ResultValue] {
        var out: [String: ResultValue] = [:]
        for (column, v) in row.values {
            if swept.contains(column), case .text(let t) = v { out[column] = ResultValue(cell: t) } else { out[column] = value(v) }
        }
        return out
    }

    /// A `variants` row: swept values as numbers where they are number literals.
    static func variantValues(_ row: [String: SummaryRow.SummaryValue]) -> [String: ResultValue] {
        var out: [String: ResultValue] = [:]
        for (column, v) in row {
            if column != "variant", case .text(let t) = v { out[column] = ResultValue(cell: t) } else { out[column] = value(v) }
        }
        return out
    }

    static func value(_ v: SummaryRow.SummaryValue) -> ResultValue {
        switch v {
        case .number(let d): return ResultValue(number: d)
        case .text(let t): return .text(t)
        }
    }

    /// The data rows of a CSV text, each padded with NULLs to `width` (a Norwood plan's
    /// sessions.csv has no hair columns).
    static func rows(_ csv: [UInt8], width: Int) -> [[ResultValue]] {
        guard let records = try? CSV.records(String(decoding: csv, as: UTF8.self)) else { return [] }
        return records.dropFirst().map { record in
            let cells = record.fields.map { ResultValue(cell: $0) }
            return cells + Array(repeating: .null, count: max(0, width - cells.count))
        }
    }
}

extension SummaryRow {
    /// Adds the job's columns: position, id, source, status, message and swept values.
    mutating func complete(position: Int, id: String, source: String, varied: [(field: String, value: String)], message: String?) {
        values["position"] = .number(Double(position))
        values["id"] = .text(id)
        values["source"] = .text(source)
        values["status"] = .text(message == nil ? "ok" : "failed")
        if let message { values["message"] = .text(message) }
        for (field, value) in varied { values[field] = .text(value) }
    }
}
