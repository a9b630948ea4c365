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
        guard let summaryText = try? String(contentsOf: summary, encoding: .utf8),
              let errorsText = try? String(contentsOf: errors, encoding: .utf8),
              let rows = try? CSV.records(summaryText), let failures = try? CSV.records(errorsText) else {
            throw OutputError(path: summary.path, message: "cannot read the summary to build \(fileName)")
        }
        let page = page(rows.map(\.fields), errors: failures.map(\.fields)) { id in
            let folder = planFolder(id)
            let report = output.appendingPathComponent(folder).appendingPathComponent(HTMLReport.fileName)
            return FileManager.default.fileExists(atPath: report.path) ? folder + "/" + HTMLReport.fileName : nil
        }
        try AtomicOutput.writeAtomically(page, to: output.appendingPathComponent(fileName))
    }

    /// The page from summary records (header first) and error records (header first).
    /// `reportLink` gives a plan's relative report link, or nil when it has none.
    package static func page(_ summary: [[String]], errors: [[String]], reportLink: (String) -> String?) -> [UInt8] {
        let header = summary.first ?? []
        let rows = Array(summary.dropFirst())
        let idColumn = header.firstIndex(of: "id")
        let numeric = Set(header.indices.filter { c in rows.contains { $0.indices.contains(c) && !$0[c].isEmpty }
            && rows.allSatisfy { !$0.indices.contains(c) || $0[c].isEmpty || Double($0[c]) != nil } })
        let cells = rows.map { row in
            row.enumerated().map { c, value -> String in
                if c == idColumn, let link = reportLink(value) {
                    return "<a href=\"\(HTML.escape(link))\">\(HTML.escape(value))</a>"
                }
                return HTML.escape(value)
            }
        }
        let failed = Array(errors.dropFirst())
        var body = "<header><h1>Batch: \(rows.count) plans</h1><p class=\"sub\">\(rows.count - failed.count) succeeded, "
            + "\(failed.count) failed · click a column to sort · a plan's id opens its report</p>"
            + "<nav class=\"toc\"><a href=\"summary.csv\">summary.csv</a><a href=\"summary.json\">summary.json</a>"
            + "<a href=\"errors.csv\">errors.csv</a></nav></header>"
        body += "<section id=\"plans\"><h2>Plans</h2>"
            + HTML.table(header, cells, numeric: numeric, sortable: true, id: "summary") + "</section>"
        body += "<section id=\"errors\"><h2>Errors</h2>"
        if failed.isEmpty {
            body += "<p class=\"callout ok\">No plan failed.</p>"
        } else {
            body += HTML.table(errors.first ?? [], failed.map { $0.map(HTML.escape) }, numeric: [0], id: "errors-table")
        }
        body += "</section><footer>Stipple \(StippleInfo.version) · written with summary.csv.</footer>"
        return HTML.page(title: "Stipple batch (\(rows.count) plans)", style: ReportAssets.style, body: body, script: ReportAssets.script)
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
