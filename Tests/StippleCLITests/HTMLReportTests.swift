import Foundation
import Rendering
import StippleTestSupport
import Testing

/// `report.html` from `stipple simulate`: self-contained, one picture per slider step, and no
/// way for a plan to put markup or script into it.
@Suite("report.html")
struct HTMLReportTests {
    static let plan = "Data/plans/norwood-v-three-sessions.yaml"

    static func text(_ url: URL) throws -> String { try String(decoding: Data(contentsOf: url), as: UTF8.self) }

    @Test("the demo's report embeds every picture once, needs no network, and has a step per session and follow-up")
    func selfContained() throws {
        let dir = try CLIRunner.demoOutputs()
        let html = try Self.text(dir.appendingPathComponent("report.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Nothing is fetched: no http(s) URL in a src/href, no external script or style sheet.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"))
        #expect(html.components(separatedBy: "<script").count - 1 == 1, "exactly one inline script")
        // 3 sessions + 5 follow-ups = 8 steps; the slider spans them.
        #expect(html.contains("<input type=\"range\" id=\"step\" min=\"0\" max=\"7\""))
        for label in ["S1 · day 0", "S3 · day 35", "6 months", "1 year", "5 years"] {
            #expect(html.contains(">\(label)</button>"), "no step button \(label)")
        }
        // Each PNG of the folder is embedded exactly once (appearance 8, density 3, dots 3, head 3, macro 3, curves 1).
        let embedded = html.components(separatedBy: "src=\"data:image/png;base64,").count - 1
        let pngs = CLIRunner.files(in: dir).filter { $0.hasSuffix(".png") }
        #expect(embedded == pngs.count, "\(embedded) embedded, \(pngs.count) PNGs")
        let appearance = try Data(contentsOf: dir.appendingPathComponent("appearance_day365.png"))
        #expect(html.contains(appearance.base64EncodedString()))
        let size = try #require(FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("report.html").path)[.size] as? Int)
        #expect(size < 8_000_000, "report.html is \(size) bytes")  // 7.4 MB with the macro sheets and soft dots
        // report.json lists it among the outputs.
        #expect(try Self.text(dir.appendingPathComponent("report.json")).contains("\"report.html\""))
    }

    @Test("--no-html skips the page; --images none has no pictures to show, so no page either")
    func optOut() throws {
        let dir = try CLIRunner.scratch("html-off")
        defer { try? FileManager.default.removeItem(at: dir) }
        // With pictures to show (the summary set) but --no-html; and without pictures at all.
        for (folder, flags) in [("a", ["--no-html", "--images", "summary"]), ("b", ["--images", "none"])] {
            let run = try CLIRunner.run(["simulate", Self.plan, "--out", dir.appendingPathComponent(folder).path, "--quiet"] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!CLIRunner.files(in: dir.appendingPathComponent(folder)).contains("report.html"), "\(flags)")
        }
    }

    @Test("a plan's name and path cannot inject markup or script")
    func escapesPlanText() throws {
        let dir = try CLIRunner.scratch("html-inject")
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "<script>alert(1)</script>\" onload='x' &amp;"
        let yaml = try Self.text(CLIRunner.repository.appendingPathComponent(Self.plan))
            .replacingOccurrences(of: "name: norwood-v-three-sessions", with: "name: '\(name.replacingOccurrences(of: "'", with: "''"))'")
        #expect(yaml.contains("alert(1)"), "the plan's name line was not replaced")
        let planFile = dir.appendingPathComponent("x<img src=y onerror=alert(2)>.yaml")
        try Data(yaml.utf8).write(to: planFile)
        let out = dir.appendingPathComponent("out")
        let run = try CLIRunner.run(["simulate", planFile.path, "--out", out.path, "--quiet", "--images", "summary", "--no-dots"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try Self.text(out.appendingPathComponent("report.html"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=y"))
        #expect(!html.contains("onload='x'"))
        #expect(html.components(separatedBy: "<script").count - 1 == 1, "only the report's own script")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&#39;x&#39; &amp;amp;"))
        #expect(html.contains("x&lt;img src=y onerror=alert(2)&gt;.yaml"))
        // With --images summary, the steps without a rendered picture say so instead of breaking.
        #expect(html.contains("was not rendered"))
    }
}

@Suite("text fallback")
struct FontFallbackTests {
    @Test("without the font file, pictures still come out and stderr says the bitmap font was used")
    func bitmapFallbackIsAnnounced() throws {
        let dir = try CLIRunner.scratch("font-fallback")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("atlas.png")
        let run = try CLIRunner.run(["atlas", "--stage", "V", "--out", png.path],
                                    environment: ["STIPPLE_FONT": dir.appendingPathComponent("missing.ttf").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("bitmap font") && run.stderr.contains("missing.ttf"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: png.path))
        let normal = try CLIRunner.run(["atlas", "--stage", "V", "--out", png.path])
        // Without STIPPLE_FONT the child finds the same font this process finds: silent when
        // there is one, the notice when there is none (a machine without fonts-dejavu-core).
        if Typeface.shared != nil {
            #expect(!normal.stderr.contains("bitmap font"), "\(normal.stderr)")
        } else {
            #expect(normal.stderr.contains("bitmap font"), "\(normal.stderr)")
        }
    }
}
