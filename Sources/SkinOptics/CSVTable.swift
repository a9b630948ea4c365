import Foundation
import Support

/// A numeric CSV table: one header line, then rows of numbers. Used for the reference tables in
/// `Data/` (CIE, haemoglobin). Split by Support's one CSV reader; this adds the numeric check
/// and errors that name the file and line.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[Double]]

    init(url: URL, expectedColumns: Int) throws(SkinOpticsError) {
        let records = try Self.records(url)
        guard let first = records.first else {
            throw .malformedData(path: url.path, line: 1, reason: "empty file; expected a header line")
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.count == expectedColumns else {
            throw .malformedData(path: url.path, line: first.line, reason: "header has \(header.count) columns; expected \(expectedColumns)")
        }
        var rows: [[Double]] = []
        for record in records.dropFirst() {
            let numbers = record.fields.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard record.fields.count == expectedColumns, numbers.count == expectedColumns else {
                throw .malformedData(path: url.path, line: record.line,
                                     reason: "expected \(expectedColumns) numeric fields, got '\(record.fields.joined(separator: ","))'")
            }
            rows.append(numbers)
        }
        self.rows = rows
    }

    /// The file's records (blank lines skipped), or a typed error naming the file.
    static func records(_ url: URL) throws(SkinOpticsError) -> [CSV.Record] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .missingFile(path: url.path) }
        do { return try CSV.records(text) } catch {
            throw .malformedData(path: url.path, line: error.line, reason: "a quoted field is never closed")
        }
    }

    func column(_ c: Int) -> [Double] { rows.map { $0[c] } }
}
