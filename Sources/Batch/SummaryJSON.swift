import Foundation
import Reports
import Support

/// The records of a batch's `summary.json` and `manifest.json`, written by `StippleJSON` like
/// every other JSON document (keys sorted; the summary's keys are its column names as written).
///
/// summary.json is streamed, one plan a line, so a batch of 100 000 plans is never held whole:
/// the envelope (provenance, schema) is encoded once with an empty `rows`, and split there into
/// the first line (`{…,"rows":[`) and the last (`],…}`); each row between is encoded on its own.
/// `stipple merge` keeps that shape: the first and last lines of shard 0 around every shard's rows.
enum SummaryJSON {
    struct Envelope: Encodable {
        let schema = "stipple.batch-summary"
        let schemaVersion = 1
        /// The run's provenance (seed null: each plan has its `plan_seed`); absent when unknown.
        let provenance: ProvenanceRecord?
        let rows: [Row] = []
    }

    /// The envelope's first and last lines around the rows.
    static func envelope(provenance: ProvenanceRecord?) throws -> (head: String, tail: String) {
        let text = try StippleJSON.text(Envelope(provenance: provenance), .compact)
        guard let rows = text.range(of: "\"rows\":[]", options: .backwards) else { throw OutputError(path: "summary.json", message: "no rows in the envelope") }
        return (String(text[..<rows.upperBound].dropLast()), "]" + text[rows.upperBound...])
    }

    /// One plan's row: every column it has a value for. A number is a JSON number; text is a
    /// JSON string, except in `numericText` columns (swept values), where text that reads as a
    /// number is written as that number, as the CSV reader sees it.
    struct Row: Encodable {
        let row: SummaryRow
        let columns: [String]
        let numericText: Set<String>

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: ColumnKey.self)
            for column in columns {
                guard let value = row.values[column] else { continue }
                let key = ColumnKey(stringValue: column)
                switch value {
                case .number(let v): try container.encode(v, forKey: key)
                case .text(let t):
                    if numericText.contains(column), JSONText.isNumberLiteral(t), let v = Double(t) {
                        try container.encode(v, forKey: key)
                    } else {
                        try container.encode(t, forKey: key)
                    }
                }
            }
        }
    }

    /// `manifest.json` (`manifest-shard-K-of-N.json` for a shard): what the run covered; written
    /// last, so its presence marks a finished run.
    struct Manifest: Encodable {
        let schema = "stipple.batch-manifest"
        let schemaVersion = 1
        let uniqueJobs: Int
        let shardIndex: Int
        let shardCount: Int
        let jobsInShard: Int
        let succeeded: Int
        let failed: Int
        let provenance: ProvenanceRecord?
        /// The file names of this run's summary and errors.
        let summary: String
        let errors: String
    }

    struct ColumnKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
