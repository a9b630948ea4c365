import Batch
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StippleTestSupport
import Testing

/// `--figure-format svg` and `--figure-width` on the commands that draw charts, and the sweep
/// charts of a batch's index page (issue 27, item 4).
@Suite("Vector figures from the command line")
struct FigureFormatTests {
    static func texts(_ url: URL) throws -> [String] {
        let doc = try XMLDocument(contentsOf: url, options: [])
        #expect(doc.rootElement()?.name == "svg", "\(url.lastPathComponent) is an SVG document")
        return try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    }

    @Test("simulate --figure-format svg writes fade_curves.svg (XML, sessions as text), no PNG of it, and report.html shows it")
    func simulateSVG() throws {
        let dir = try CLIRunner.scratch("svg-simulate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["simulate", "Data/plans/norwood-v-three-sessions.yaml", "--out", dir.path, "--images", "summary",
                                   "--figure-format", "svg", "--no-dots", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = CLIRunner.files(in: dir)
        #expect(files.contains("fade_curves.svg") && !files.contains("fade_curves.png"))
        let texts = try Self.texts(dir.appendingPathComponent("fade_curves.svg"))
        for k in 1...3 { #expect(texts.contains { $0.hasPrefix("session \(k)") }, "session \(k) in the legend") }
        #expect(texts.contains { $0.hasPrefix("touch-up due") })
        let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("data:image/svg+xml;base64,"))
    }

    @Test("fade benchmark --charts DIR --figure-format svg: series charts and a leaderboard with the model names as text")
    func benchmarkSVG() throws {
        let dir = try CLIRunner.scratch("svg-benchmark")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["fade", "benchmark", "Data/fade/example_benchmark.csv", "--models", "mono,bi,weibull",
                                   "--model-file", "Data/fade/models/power-law.yaml", "--charts", dir.path,
                                   "--figure-format", "svg", "--figure-width", "640", "--bootstrap", "200"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = CLIRunner.files(in: dir)
        #expect(files.contains("leaderboard.svg") && files.filter { $0.hasPrefix("series-") }.count >= 2)
        #expect(files.allSatisfy { $0.hasSuffix(".svg") })
        let board = try Self.texts(dir.appendingPathComponent("leaderboard.svg"))
        for model in ["mono", "bi", "weibull", "power-law"] {
            #expect(board.contains { $0 == model || $0.hasPrefix(model + " = ") }, "\(model) on the leaderboard's axis")
        }
        #expect(board.contains { $0.contains("95 % bootstrap interval") })
        let root = try XMLDocument(contentsOf: dir.appendingPathComponent("leaderboard.svg"), options: []).rootElement()
        #expect(root?.attributes?.first { $0.name == "width" }?.stringValue == "640")
        for name in files where name.hasPrefix("series-") { _ = try Self.texts(dir.appendingPathComponent(name)) }
    }

    @Test("fade simulate --chart x.svg writes SVG from the file name; --figure-width out of range is refused")
    func fadeSimulateChart() throws {
        let dir = try CLIRunner.scratch("svg-fade")
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("bi.svg")
        let r = try CLIRunner.run(["fade", "simulate", "--model", "bi", "--days", "0:720:30", "--chart", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.texts(svg).contains("retained (carbon)"))
        let bad = try CLIRunner.run(["fade", "simulate", "--model", "bi", "--days", "0:720:30", "--chart", svg.path, "--figure-width", "20"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--figure-width") && bad.stderr.contains("300"))
    }

    @Test("a sweep's index page charts key results against the swept variable, by group, as inline SVG")
    func sweepIndexChart() throws {
        let header = ["position", "id", "source", "status", "message", "client.skin", "sessions[*].depth_mm", "sessions",
                      "final_density_per_cm2", "final_de00_to_skin"]
        var rows: [[String]] = []
        for (i, skin) in ["monk-2", "monk-6", "monk-10"].enumerated() {
            for (j, depth) in ["0.4", "0.7", "1", "1.3"].enumerated() {
                rows.append(["\(rows.count)", "id\(rows.count)", "sweep.yaml", "ok", "", skin, depth, "3", "110",
                             "\(10 + 5 * i + j)"])
            }
        }
        let page = String(decoding: BatchIndex.page([header] + rows, errors: [["position", "message"]]) { _ in nil }, as: UTF8.self)
        #expect(page.contains("<section id=\"sweep\">"))
        // Constant results (final_density_per_cm2 here) are not charted; ΔE is, against depth, one line per skin.
        let start = try #require(page.range(of: "<svg xmlns"))
        let end = try #require(page.range(of: "</svg>", options: .backwards))
        #expect(page.components(separatedBy: "<svg xmlns").count == 2, "one chart")
        let svg = String(page[start.lowerBound..<end.upperBound])
        let doc = try XMLDocument(data: Data(svg.utf8), options: [])
        let texts = try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("final_de00_to_skin"))
        #expect(texts.contains("sessions[*].depth_mm"))
        for skin in ["monk-2", "monk-6", "monk-10"] { #expect(texts.contains("client.skin=\(skin)")) }
        #expect(try doc.nodes(forXPath: "//*[local-name()='polyline']").count == 3)
        // A batch of plain plan files (nothing swept) has no chart.
        let plain = String(decoding: BatchIndex.page([Array(header.prefix(5)) + ["sessions"]] + rows.map { Array($0.prefix(5)) + ["3"] },
                                                     errors: [["position", "message"]]) { _ in nil }, as: UTF8.self)
        #expect(!plain.contains("<section id=\"sweep\">"))
    }
}
