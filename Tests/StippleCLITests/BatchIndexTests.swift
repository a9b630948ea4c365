import Foundation
import Batch
import StippleTestSupport
import Testing

/// A batch's `index.html`: every plan in one table, each succeeded plan linking to its report,
/// failed plans listed, and every link relative and resolving (for a batch and for a merge).
@Suite("batch index.html", .serialized)
struct BatchIndexTests {
    /// Every `href="…"` of a page.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// Fails for any link that is absolute or does not resolve to a file under `base`.
    static func checkLinks(_ html: String, base: URL) {
        for link in links(html) where !link.hasPrefix("#") {
            #expect(!link.contains(":") && !link.hasPrefix("/"), "not a relative link: \(link)")
            let target = base.appendingPathComponent(link.removingPercentEncoding ?? link).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "broken link \(link)")
        }
    }

    @Test("a batch with images writes index.html linking each plan's report and listing the failures")
    func batchIndex() throws {
        let dir = try CLIRunner.scratch("batch-index")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plans = try goodAndBadPlans(in: dir, badName: "b-<b onclick=x>bad.yaml")
        let out = dir.appendingPathComponent("out")
        let run = try CLIRunner.run(["batch", plans.path, "--out", out.path, "--images", "summary", "--quiet"])
        #expect(run.status == 2, "\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8).split(separator: "\n")
        let goodID = String(summary[1].split(separator: ",")[1]), badID = String(summary[2].split(separator: ",")[1])
        #expect(html.contains("<a href=\"\(goodID)/report.html\">\(goodID)</a>"))
        #expect(!html.contains("\(badID)/report.html"), "a failed plan has no report to link")
        #expect(html.contains("b-&lt;b onclick=x&gt;bad.yaml") && !html.contains("<b onclick"), "sources are escaped")
        #expect(html.contains("design.target_density_per_cm2"), "the failure's message is listed")
        #expect(html.contains("<table id=\"summary\" class=\"sortable\">"))
        Self.checkLinks(html, base: out)
        // Without images there is no report to link, but the table is still there.
        let bare = dir.appendingPathComponent("bare")
        #expect(try CLIRunner.run(["batch", plans.path, "--out", bare.path, "--quiet"]).status == 2)
        let bareHTML = try String(contentsOf: bare.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!bareHTML.contains("report.html") && bareHTML.contains(goodID))
    }

    @Test("merging shards into another folder writes index.html whose links reach the shards' reports")
    func mergedIndex() throws {
        let dir = try CLIRunner.scratch("batch-index-merge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = "Data/sweeps/stage-series.yaml"
        let shards = dir.appendingPathComponent("shards")
        for k in 0..<2 {
            let r = try CLIRunner.run(["batch", sweep, "--out", shards.path, "--shard", "\(k)/2", "--images", "summary", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: shards.appendingPathComponent("index.html").path), "shards leave the index to merge")
        // The unsharded run, shared with the golden test (the same index whatever --jobs).
        let whole = try CLIRunner.sweepOutputs("stage-series.yaml", images: "summary", jobs: 2)
        // Issue 27's ≤ 300 kB a plan, on a sweep whose 8 plans each have their own density map
        // (stored as lossless WebP): measured 272 kB (309 kB with the maps as palette PNGs).
        let perPlan = try BatchPicturesTests.bytes(under: whole) / 8
        #expect(perPlan <= 300_000, "stage-series: \(perPlan) bytes per plan (target ≤ 300 kB)")
        // Merged in place: the same page as the unsharded run.
        #expect(try CLIRunner.run(["merge", shards.path]).status == 0)
        #expect(try Data(contentsOf: shards.appendingPathComponent("index.html")) == Data(contentsOf: whole.appendingPathComponent("index.html")))
        // Merged elsewhere: links climb to the shard folder.
        let merged = dir.appendingPathComponent("merged")
        #expect(try CLIRunner.run(["merge", shards.path, "--out", merged.path]).status == 0)
        let html = try String(contentsOf: merged.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(Self.links(html).filter { $0.hasPrefix("../shards/") && $0.hasSuffix("/report.html") }.count == 8)
        Self.checkLinks(html, base: merged)
    }
}

/// The page of a very large batch shows the first `BatchIndex.maxRows` rows and says where the
/// rest are, so building it stays bounded (it was the batch's peak memory at 100k plans).
@Suite("batch index.html of a large batch")
struct LargeBatchIndexTests {
    @Test("CSVPrefix keeps the first records, counts them all, and respects quoted newlines")
    func prefix() throws {
        let text = "a,b\n1,\"x\ny\"\n2,z\n3,w\n"
        let p = try CSVPrefix(Data(text.utf8), records: 2)
        #expect(p.total == 4)
        #expect(p.records == [["a", "b"], ["1", "x\ny"]])
        let all = try CSVPrefix(Data("a,b\n1,2".utf8), records: 10)
        #expect(all.total == 2 && all.records == [["a", "b"], ["1", "2"]])
    }

    @Test("CSVPrefix read from a file in chunks equals the one from the bytes, at every chunk boundary")
    func prefixFromFile() throws {
        let dir = try CLIRunner.scratch("csv-prefix")
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = ["a,b\n1,\"x\ny\"\n2,z\n3,w\n", "a,b\n1,2", "", "h\n", "q,\"a,\"\"b\"\"\nc\"\n\n4,\"\n\"\n5,6"]
        var compared = 0
        for (t, text) in texts.enumerated() {
            let url = dir.appendingPathComponent("t\(t).csv")
            try Data(text.utf8).write(to: url)
            for limit in [1, 2, 3, 10] {
                let reference = try CSVPrefix(Data(text.utf8), records: limit)
                for chunk in [1, 2, 3, 7, 1 << 16] {
                    let streamed = try CSVPrefix(contentsOf: url, records: limit, chunkSize: chunk)
                    #expect(streamed.records == reference.records, "text \(t), limit \(limit), chunk \(chunk)")
                    #expect(streamed.total == reference.total, "text \(t), limit \(limit), chunk \(chunk)")
                    compared += 1
                }
            }
        }
        #expect(compared == 100)
        #expect(try CSVPrefix(contentsOf: dir.appendingPathComponent("t0.csv"), records: 2, chunkSize: 3).records == [["a", "b"], ["1", "x\ny"]])
        #expect(throws: (any Error).self) { try CSVPrefix(contentsOf: dir.appendingPathComponent("missing.csv"), records: 2) }
    }

    @Test("beyond maxRows the page shows the first rows, the true totals, and a link to the CSV")
    func truncated() {
        let n = BatchIndex.maxRows
        let summary = [["position", "id"]] + (0..<n).map { ["\($0)", String(format: "%016x", $0)] }
        let html = String(decoding: BatchIndex.page(summary, errors: [["position", "id", "source", "message"]],
                                                     totals: (plans: 100_000, failed: 0)) { _ in nil }, as: UTF8.self)
        #expect(html.contains("Batch: 100000 plans"))
        #expect(html.contains("The first \(n) of 100000 rows") && html.contains("href=\"summary.csv\""))
        #expect(html.components(separatedBy: "<tr").count - 1 == n + 1, "header + \(n) rows")
        let small = String(decoding: BatchIndex.page(Array(summary.prefix(11)), errors: [["position"]]) { _ in nil }, as: UTF8.self)
        #expect(small.contains("Batch: 10 plans") && !small.contains("The first"))
    }
}
