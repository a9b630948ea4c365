import Foundation
import Rendering
import StippleTestSupport
import Testing

/// The demo's `report.html` and a batch's `index.html` in a real browser (headless Chromium):
/// no script error, the slider's `#step=N` address changes the picture shown, a screenshot that
/// is not blank, and every link of the index resolves. Skipped, saying so, where Chromium is
/// not installed (`apt-get install chromium`; `.ci/run` installs it).
@Suite("report.html in headless Chromium", .serialized)
struct BrowserTests {
    /// `STIPPLE_CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
    static let chromium: String? = {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["STIPPLE_CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        for dir in (env["PATH"] ?? "").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }()

    /// A page after its scripts ran on load: the DOM and the script errors the browser reported.
    struct Run {
        let dom: String
        /// Uncaught exceptions and `console.error` calls (`DevToolsBrowser.scriptErrors`).
        let scriptErrors: [String]
    }

    /// Opens `url` (with `fragment`) in a fresh page of the shared headless Chromium and returns
    /// the DOM once the load event fired.
    static func browse(_ url: URL, fragment: String = "") throws -> Run {
        try SharedBrowser.withPage(width: 1280, height: 800) { b in
            try b.open(url.absoluteString + fragment)
            return Run(dom: try b.string("document.documentElement.outerHTML"), scriptErrors: b.scriptErrors)
        }
    }

    /// The `<img>` tags of one panel in a dumped DOM that are not hidden.
    static func shownImages(_ dom: String, panel: String) -> [String] {
        guard let start = dom.range(of: "id=\"panel-\(panel)\"") else { return [] }
        let rest = dom[start.upperBound...]
        let end = rest.range(of: "</div>")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "<img ").dropFirst()
            .map { String($0.prefix { $0 != ">" }) }
            .filter { !$0.contains(" hidden") }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: "\(name)=\"") else { return nil }
        return String(tag[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("the console checker catches a script error (so a clean page means something)",
          .enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium): browser tests skipped"))
    func checkerCatchesErrors() throws {
        let dir = try CLIRunner.scratch("browser-broken")
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("broken.html")
        try Data("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>".utf8).write(to: page)
        let run = try Self.browse(page)
        #expect(!run.scriptErrors.isEmpty, "a thrown error was not reported: \(run.dom.suffix(2000))")
    }

    @Test("the demo report runs without script errors, #step moves the pictures, and its screenshot is not blank",
          .enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium): browser tests skipped"))
    func demoReport() throws {
        let page = try CLIRunner.demoOutputs().appendingPathComponent("report.html")
        // The shared browser for every step and the screenshot (a launch costs about 1.7 CPU s).
        try SharedBrowser.withPage(width: 1400, height: 1000) { b in
            var shown: [Int: (name: String?, src: String?)] = [:]
            for step in [0, 3, 7] {
                try b.open(page.absoluteString + "#step=\(step)")
                #expect(b.scriptErrors.isEmpty, "script errors at step \(step): \(b.scriptErrors)")
                let dom = try b.string("document.documentElement.outerHTML")
                #expect(dom.contains("data-step=\"\(step)\""), "the page did not go to step \(step)")
                let images = Self.shownImages(dom, panel: "appearance")
                #expect(images.count == 1, "step \(step) shows \(images.count) appearance pictures")
                shown[step] = (images.first.flatMap { Self.attribute("data-name", in: $0) }, images.first.flatMap { Self.attribute("src", in: $0) })
            }
            #expect(shown[0]?.name == "appearance_session1.png")
            #expect(shown[3]?.name == "appearance_session3.png")
            #expect(shown[7]?.name == "appearance_day1825.png")
            #expect(shown[0]?.src != shown[7]?.src && shown[0]?.src?.hasPrefix("data:image/png;base64,") == true)
            // The screenshot (at step 7, where the loop left the page): a real page, not a white or
            // single-colour rectangle.
            let png = try PNGCodec.decodeRGBA(try b.screenshot())
            #expect(png.width == 1400 && png.height == 1000)
            var colours = Set<UInt32>(), inked = 0
            for i in stride(from: 0, to: png.rgba.count, by: 4) {
                let (r, g, b) = (png.rgba[i], png.rgba[i + 1], png.rgba[i + 2])
                colours.insert(UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b))
                if Int(r) + Int(g) + Int(b) < 600 { inked += 1 }
            }
            #expect(colours.count > 200, "only \(colours.count) colours: blank page?")
            #expect(Double(inked) / Double(png.width * png.height) > 0.05, "\(inked) non-white pixels: blank page?")
            #expect(b.scriptErrors.isEmpty, "\(b.scriptErrors)")
        }
    }

    /// A batch's page links its style sheet and script (stored once in `pictures/`): the script
    /// must load from there, or `#step=3` would not show the last session's close-up (a WebP sheet).
    @Test("a batch plan's report.html runs its linked script: #step=3 shows the linked close-up",
          .enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium): browser tests skipped"))
    func batchReportLinkedScript() throws {
        // The demo as a one-plan batch with summary pictures, shared with the batch shape test.
        let out = try CLIRunner.batchOutputs("Data/plans/norwood-v-three-sessions.yaml", images: "summary")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.count == 16 })
        let page = out.appendingPathComponent("\(id)/report.html")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<script src=\"../pictures/"))
        let run = try Self.browse(page, fragment: "#step=3")
        #expect(run.scriptErrors.isEmpty, "\(run.scriptErrors)")
        let shown = Self.shownImages(run.dom, panel: "appearance")
        #expect(shown.count == 1 && shown.allSatisfy { $0.contains("src=\"../pictures/") }, "\(shown)")
        // The batch's sheets are WebP (`--sheet-format webp`, the default).
        #expect(shown.allSatisfy { $0.contains(".webp\"") }, "\(shown)")
    }

    @Test("a batch index.html runs cleanly and every link in its rendered DOM resolves",
          .enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium): browser tests skipped"))
    func batchIndexLinks() throws {
        // The stage series with summary pictures, shared with the golden test.
        let out = try CLIRunner.sweepOutputs("stage-series.yaml", images: "summary", jobs: 2)
        let run = try Self.browse(out.appendingPathComponent("index.html"))
        #expect(run.scriptErrors.isEmpty, "\(run.scriptErrors)")
        let links = run.dom.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(links.filter { $0.hasSuffix("/report.html") }.count == 8)
        for link in links where !link.hasPrefix("#") {
            #expect(!link.contains(":") && !link.hasPrefix("/"), "not relative: \(link)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(link).path), "broken link: \(link)")
        }
    }
}
