import Foundation

/// A numeric CSV table: one header line, then rows of numbers. Used for the reference tables in
/// `Data/` (CIE, haemoglobin). Errors name the file and line.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[Double]]

    init(url: URL, expectedColumns: Int) throws(SkinOpticsError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .missingFile(path: url.path) }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw .malformedData(path: url.path, line: 1, reason: "empty file; expected a header line") }
        header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.count == expectedColumns else {
            throw .malformedData(path: url.path, line: 1, reason: "header has \(header.count) columns; expected \(expectedColumns)")
        }
        var rows: [[Double]] = []
        for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = fields.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == expectedColumns, numbers.count == expectedColumns else {
                throw .malformedData(path: url.path, line: i + 2, reason: "expected \(expectedColumns) numeric fields, got '\(line)'")
            }
            rows.append(numbers)
        }
        self.rows = rows
    }

    func column(_ c: Int) -> [Double] { rows.map { $0[c] } }
}
