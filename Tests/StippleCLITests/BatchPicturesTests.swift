import Foundation
import Rendering
import StippleTestSupport
import Testing

/// Issue 27, item 6: a batch with pictures stores each distinct picture once (`pictures/`, named
/// by content), and the page's style and script once too, and its reports link them; the
/// projector sheets are lossy WebP (`--sheet-format`), which brings a plan with
/// `--images summary` under 300 kB.
@Suite("batch pictures: shared, linked, small", .serialized)
struct BatchPicturesTests {
    /// 4 plans of the demo: two skins × two depths (the density maps do not depend on either).
    static func sweep(in dir: URL) throws -> URL {
        try CLIRunner.demoSweep(in: dir, name: "small", """
              vary:
                client.skin: [monk-2, monk-8]
                sessions[*].depth_mm: [0.6, 0.9]
            """)
    }

    /// Runs the small sweep with `--images summary` into `dir/out` and returns that folder.
    static func summaryBatch(in dir: URL) throws -> URL {
        let out = dir.appendingPathComponent("out")
        let run = try CLIRunner.run(["batch", try sweep(in: dir).path, "--out", out.path, "--images", "summary", "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        return out
    }

    /// The small sweep's summary batch, run once for the three tests below, which only read it
    /// (each used to run the same batch again). Left in the temporary folder (`CLIRunner.scratch`
    /// names it by process, and a later run of the same name clears it).
    static let sharedSummary: Result<URL, any Error> = Result { try summaryBatch(in: CLIRunner.scratch("batch-pictures")) }

    /// Every `src="…"` and `href="…"` of a page that is not an anchor.
    static func references(_ html: String) -> [String] {
        ["src=\"", "href=\""].flatMap { attribute in
            html.components(separatedBy: attribute).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }.filter { !$0.hasPrefix("#") }
    }

    /// Bytes of every regular file under `dir`.
    static func bytes(under dir: URL) throws -> Int {
        let files = try #require(FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]))
        var total = 0
        for case let url as URL in files {
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values.isRegularFile == true { total += values.fileSize ?? 0 }
        }
        return total
    }

    @Test("every report.html reference resolves; identical pictures are one file; bytes per plan within the measured 350 kB (+10 %)")
    func linkedSharedAndSmall() throws {
        let out = try Self.sharedSummary.get()
        let ids = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.count == 16 }.sorted()
        #expect(ids.count == 4)
        var linked: [String: Set<String>] = [:]   // picture name → the shared files it was, over plans
        for id in ids {
            let folder = out.appendingPathComponent(id)
            let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(!html.contains("data:image/"), "\(id): report.html embeds a picture")
            let refs = Self.references(html)
            #expect(refs.count >= 3, "\(id): only \(refs.count) references")
            for ref in refs {
                #expect(!ref.contains(":") && !ref.hasPrefix("/"), "\(id): not a relative reference: \(ref)")
                let target = folder.appendingPathComponent(ref.removingPercentEncoding ?? ref).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: target.path), "\(id): broken reference \(ref)")
            }
            // No picture copies in the plan's folder: they are all in pictures/.
            let local = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!local.contains { Self.isPicture($0) }, "\(id): pictures beside the report: \(local)")
            let listing = try String(contentsOf: folder.appendingPathComponent("pictures.csv"), encoding: .utf8)
            for line in listing.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",").map(String.init)
                #expect(cells.count == 3 && cells[0] == id, "\(id): pictures.csv row \(line)")
                if cells.count == 3 { linked[cells[1], default: []].insert(cells[2]) }
            }
        }
        // The last session's density map depends on neither skin nor depth: one file for all 4 plans.
        let density = try #require(linked.first { $0.key.hasPrefix("density_session") }?.value)
        #expect(density.count == 1, "density map stored \(density.count) times")
        let appearance = try #require(linked.first { $0.key.hasPrefix("appearance_session") }?.value)
        #expect(appearance.count == 4, "appearance differs by skin and depth, yet \(appearance.count) files")
        // The sheets (lossy) and the maps (lossless) are WebP (`--sheet-format webp`, the default), named so.
        #expect(linked.keys.filter { $0.hasPrefix("appearance_") || $0.hasPrefix("head_") || $0.hasPrefix("density_") }
            .allSatisfy { $0.hasSuffix(".webp") }, "\(linked.keys.sorted())")
        #expect(appearance.allSatisfy { $0.hasSuffix(".webp") } && density.allSatisfy { $0.hasSuffix(".webp") })
        let stored = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("pictures").path)
        let storedPictures = stored.filter { Self.isPicture($0) }
        #expect(storedPictures.count == Set(linked.values.flatMap { $0 }).count, "pictures/ holds pictures no plan links")
        // Besides the pictures: the one style sheet and the one script every page links.
        #expect(stored.filter { $0.hasSuffix(".css") }.count == 1 && stored.filter { $0.hasSuffix(".js") }.count == 1, "\(stored)")
        #expect(stored.count == storedPictures.count + 2, "\(stored)")

        // Measured 232 kB per plan here with WebP sheets (350 kB with `--sheet-format png`, 429 kB
        // before the close-up-only sheet, the one-line report.json and the shared page assets);
        // this bound (+10 %) catches a regression, the issue's 300 kB target is the test below.
        let perPlan = try Self.bytes(under: out) / ids.count
        #expect(perPlan <= 255_000, "\(perPlan) bytes per plan")
    }

    /// The issue's target, on a sweep where every plan's appearance and head views differ (the
    /// density map is shared by only 4 plans): BENCHMARKS.md "Batch sheets as WebP".
    @Test("≤ 300 kB per plan with --images summary when every plan's pictures differ")
    func perPlanTarget() throws {
        let out = try Self.sharedSummary.get()
        let perPlan = try Self.bytes(under: out) / 4
        #expect(perPlan <= 300_000, "\(perPlan) bytes per plan (target ≤ 300 kB)")
    }

    @Test("--sheet-format refuses an unknown format and names the choices")
    func badSheetFormat() throws {
        let dir = try CLIRunner.scratch("batch-pictures-format")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRunner.run(["batch", try Self.sweep(in: dir).path, "--out", dir.appendingPathComponent("out").path,
                                     "--images", "summary", "--sheet-format", "jpeg"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--sheet-format") && run.stderr.contains("jpeg") && run.stderr.contains("webp") && run.stderr.contains("png"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "a refused command wrote outputs")
    }

    static func isPicture(_ name: String) -> Bool { [".png", ".svg", ".webp"].contains { name.hasSuffix($0) } }

    /// The summary's appearance sheet is the close-up alone (at its 20 px/mm: 40 mm = 800 px
    /// wide plus the sheet's margins), its words point to the head views for the whole head,
    /// and report.json is one compact line; `simulate` keeps the two-panel sheet.
    @Test("--images summary: close-up-only appearance sheet, compact report.json; simulate keeps both panels")
    func closeUpOnlyInBatches() throws {
        let dir = try CLIRunner.scratch("batch-pictures-closeup")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.sharedSummary.get()
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.count == 16 }.sorted().first)
        let folder = out.appendingPathComponent(id)
        let listing = try String(contentsOf: folder.appendingPathComponent("pictures.csv"), encoding: .utf8)
        let row = try #require(listing.split(separator: "\n").first { $0.contains(",appearance_session") })
        let sheet = try Data(contentsOf: folder.appendingPathComponent(String(try #require(row.split(separator: ",").last))))
        let width = WebPCodec.size([UInt8](sheet))?.width
        #expect(width == 848, "appearance sheet \(width.map(String.init) ?? "not WebP"), not 848 px wide")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("the whole head is in the head views") && !html.contains("red box"))
        let report = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        #expect(!report.contains(UInt8(ascii: "\n")), "report.json is indented in a batch")
        #expect((try JSONSerialization.jsonObject(with: report) as? [String: Any])?["follow_ups"] != nil)

        let single = dir.appendingPathComponent("single")
        let simulated = try CLIRunner.run(["simulate", "Data/plans/norwood-v-three-sessions.yaml", "--out", single.path,
                                           "--images", "summary", "--quiet"])
        try #require(simulated.status == 0, "\(simulated.stderr)")
        let both = try Data(contentsOf: single.appendingPathComponent("appearance_session3.png"))
        #expect(Self.pngWidth(both) > 1200, "simulate's appearance sheet \(Self.pngWidth(both)) px wide")
        #expect(try String(contentsOf: single.appendingPathComponent("report.html"), encoding: .utf8).contains("red box"))
        #expect(try Data(contentsOf: single.appendingPathComponent("report.json")).contains(UInt8(ascii: "\n")))
    }

    /// Width from a PNG's IHDR (bytes 16–19, big-endian).
    static func pngWidth(_ png: Data) -> Int {
        png.count < 24 ? 0 : png.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }
}
