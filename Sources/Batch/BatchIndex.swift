import Figures
import Foundation
import Reports
import Support

/// `index.html` of a batch folder: one sortable table of every plan (the summary's columns), the
/// plan's id linking to its `report.html` when one was written (images on), and the failed plans
/// with their messages. Built from `summary.csv` and `errors.csv` after they are committed, so
/// an unsharded run and a merge of shards write the same page; links are relative, so the folder
/// can be moved or copied whole.
package enum BatchIndex {
    package static let fileName = "index.html"

    /// Writes `index.html` into `output` from the summary it holds. `planFolder` gives, for a
    /// plan id, its folder relative to `output` ("<id>" for a batch; under a shard's folder for
    /// a merge into another place).
    package static func write(into output: URL, planFolder: (String) -> String) throws(OutputError) {
        let summary = output.appendingPathComponent("summary.csv")
        let errors = output.appendingPathComponent("errors.csv")
        guard let rows = try? CSVPrefix(contentsOf: summary, records: 1 + maxRows),
              let failures = try? CSVPrefix(contentsOf: errors, records: 1 + maxRows) else {
            throw OutputError(path: summary.path, message: "cannot read the summary to build \(fileName)")
        }
        let page = page(rows.records, errors: failures.records, totals: (rows.total - 1, failures.total - 1)) { id in
            let folder = planFolder(id)
            let report = output.appendingPathComponent(folder).appendingPathComponent(HTMLReport.fileName)
            return FileManager.default.fileExists(atPath: report.path) ? folder + "/" + HTMLReport.fileName : nil
        }
        try AtomicOutput.writeAtomically(page, to: output.appendingPathComponent(fileName))
    }

    /// The page from summary records (header first) and error records (header first).
    /// `reportLink` gives a plan's relative report link, or nil when it has none.
    package static func page(_ summary: [[String]], errors: [[String]], totals: (plans: Int, failed: Int)? = nil,
                             reportLink: (String) -> String?) -> [UInt8] {
        let header = summary.first ?? []
        let rows = Array(summary.dropFirst())
        let total = totals ?? (rows.count, max(0, errors.count - 1))
        let idColumn = header.firstIndex(of: "id")
        let numeric = Set(header.indices.filter { c in rows.contains { $0.indices.contains(c) && !$0[c].isEmpty }
            && rows.allSatisfy { !$0.indices.contains(c) || $0[c].isEmpty || Double($0[c]) != nil } })
        let cells = rows.map { row in
            row.enumerated().map { c, value -> HTML in
                if c == idColumn, let link = reportLink(value) {
                    return "<a href=\"\(link)\">\(value)</a>"
                }
                return HTML(text: value)
            }
        }
        let failed = Array(errors.dropFirst())
        var body: HTML = "<header><h1>Batch: \(total.plans) plans</h1><p class=\"sub\">\(total.plans - total.failed) succeeded, "
            + "\(total.failed) failed · click a column to sort · a plan's id opens its report</p>"
            + "<nav class=\"toc\"><a href=\"summary.csv\">summary.csv</a><a href=\"summary.json\">summary.json</a>"
            + "<a href=\"errors.csv\">errors.csv</a></nav></header>"
        // The swept columns sit between the leading columns and the results (SummaryRow).
        let varied = Array(header.drop { $0 != "message" }.dropFirst().prefix { $0 != "sessions" })
        body += SweepChart.section(header: header, rows: rows, varied: varied)
        body += "<section id=\"plans\"><h2>Plans</h2>" + truncationNote(shown: rows.count, of: total.plans, file: "summary.csv")
            + HTML.table(header, cells, numeric: numeric, sortable: true, id: "summary") + "</section>"
        body += "<section id=\"errors\"><h2>Errors</h2>"
        if failed.isEmpty {
            body += "<p class=\"callout ok\">No plan failed.</p>"
        } else {
            body += truncationNote(shown: failed.count, of: total.failed, file: "errors.csv")
                + HTML.table(errors.first ?? [], text: failed, numeric: [0], id: "errors-table")
        }
        body += "</section><footer>Stipple \(StippleInfo.version) · written with summary.csv.</footer>"
        return HTML.page(title: "Stipple batch (\(rows.count) plans)", style: ReportAssets.style + SweepChart.style, body: body, script: ReportAssets.script)
    }

    /// Rows the page shows per table. A sweep of 100k plans made a page of every row that held
    /// ~4.5 kB per plan in memory while it was built (the batch's peak) and that no browser
    /// sorts comfortably; beyond this the page shows the first rows and points to the CSV.
    package static let maxRows = 2000

    static func truncationNote(shown: Int, of total: Int, file: String) -> HTML {
        guard total > shown else { return HTML() }
        return "<p class=\"callout\">The first \(shown) of \(total) rows (sorting sorts these); every row is in "
            + "<a href=\"\(file)\">\(file)</a>.</p>"
    }

    /// `target` relative to `base` (both folders), for links that survive moving the tree.
    package static func relativePath(from base: URL, to target: URL) -> String {
        let a = base.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let b = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.joined(separator: "/")
    }
}

/// The first `records` records of a CSV file (RFC 4180: newlines inside quotes do not end a
/// record) and how many records the file holds, without materialising the rest.
package struct CSVPrefix {
    package let records: [[String]]
    package let total: Int

    /// From bytes already in memory.
    package init(_ bytes: Data, records limit: Int) throws {
        var scanner = Scanner(limit: limit)
        bytes.withUnsafeBytes { scanner.feed($0) }
        try self.init(scanner)
    }

    /// From a file read in chunks, holding only the prefix: reading all of `summary.csv` (≈ 160
    /// bytes per plan) to show its first rows made the batch's last step grow with the plan count.
    package init(contentsOf url: URL, records limit: Int, chunkSize: Int = 1 << 16) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var scanner = Scanner(limit: limit)
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            chunk.withUnsafeBytes { scanner.feed($0) }
        }
        try self.init(scanner)
    }

    private init(_ scanner: Scanner) throws {
        total = scanner.count + (scanner.last.map { $0 != UInt8(ascii: "\n") } == true ? 1 : 0)
        records = try CSV.records(String(decoding: scanner.prefix, as: UTF8.self)).map(\.fields)
    }

    /// Counts records across chunks and keeps the bytes of the first `limit`.
    private struct Scanner {
        let limit: Int
        var quoted = false, count = 0, complete = false
        var prefix: [UInt8] = []
        var last: UInt8?

        init(limit: Int) { self.limit = limit }

        mutating func feed(_ buffer: UnsafeRawBufferPointer) {
            guard let final = buffer.last else { return }
            let wasComplete = complete
            var end = buffer.count
            for i in 0..<buffer.count {
                let byte = buffer[i]
                if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n"), !quoted {
                    count += 1
                    if count == limit {
                        complete = true
                        end = i + 1
                    }
                }
            }
            if !wasComplete { prefix.append(contentsOf: buffer[0..<end]) }
            last = final
        }
    }
}
