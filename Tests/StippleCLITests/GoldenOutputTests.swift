import Foundation
import Rendering
import StippleTestSupport
import Support
import Testing

/// Byte-for-byte guard for refactors: every output file of every shipped plan (`Data/plans/`),
/// every `stipple init` template (its plan and numbers; `--images none`) and every shipped sweep
/// (`Data/sweeps/`, `--images summary`, but `--images none` for spacing-merge-risk: see `jobs()`)
/// is hashed and compared with `Tests/StippleCLITests/Golden/outputs.txt`.
///
/// A change that is *meant* to change outputs (new optics, a rounding fix) regenerates the file
/// with one command and commits it with the change, so the diff shows which outputs moved:
///
///     STIPPLE_WRITE_GOLDEN=1 swift test --disable-xctest --filter Golden
///
/// The hash is 64-bit FNV-1a: this detects changes, it is not a security boundary.
///
/// **It travels.** A picture's bytes depend on the FreeType, font, libpng, zlib and libwebp
/// versions (`RenderingLibraries`), which the golden file records. Where they match, everything is
/// compared byte for byte. Where they differ (another distribution), text outputs are still
/// compared by hash, HTML with its embedded pictures cut out, and each PNG or WebP (a batch's
/// sheets) by its size and an
/// 8 × 8 grid of mean luminance, every cell within `pictureTolerance` levels of 255: a font's
/// anti-aliasing moves a cell by well under a level, a wrong colour, size or layout by many.
///
/// Provenance: `report.json`, `summary.json` and `manifest.json` record the build's commit and the
/// command line, which change with every commit and every scratch folder; both values are
/// blanked (`ProvenanceNormaliser`) before hashing, so the list stays stable across commits. The
/// version, data hash and seed are hashed as written.
@Suite("golden outputs")
struct GoldenOutputTests {
    static let goldenFile = CLIRunner.repository.appendingPathComponent("Tests/StippleCLITests/Golden/outputs.txt")
    /// Largest difference of one 8 × 8 cell's mean luminance (0…255) between a picture and its
    /// golden record, when the rendering libraries differ from the recorded ones.
    static let pictureTolerance = 4
    static let templates = ["demo", "three-session", "too-fast", "too-deep", "too-close", "alopecia-patch", "fue-scars", "strip-scar", "ludwig-ii"]

    /// One command line whose outputs are hashed; `prefix` names its files in the golden list.
    /// `run` writes into the folder it is given, or returns the folder of a run shared with other
    /// suites (`CLIRunner.demoOutputs`: the same command line but for `--out`).
    struct Job: Sendable {
        let prefix: String
        let run: @Sendable (URL) throws -> (CLIRunner.Outcome, URL)
    }

    static func jobs() throws -> [Job] {
        let data = CLIRunner.repository.appendingPathComponent("Data")
        func yamls(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".yaml") }.sorted()
        }
        var jobs: [Job] = []
        // Paths relative to the repository: report.json records the plan path as given.
        for file in try yamls("plans") {
            let name = String(file.dropLast(5))
            // The same command line, run once for every suite that reads a shipped plan's files.
            jobs.append(Job(prefix: "plans/\(name)") { _ in
                (CLIRunner.Outcome(status: 0, stdout: "", stderr: ""), try CLIRunner.shippedPlanOutputs(file))
            })
        }
        for template in templates {
            // The plan text and every number are hashed; the pictures are not (each template is a
            // shipped plan's lesson, whose pictures the plans' jobs hash). Shared with the suites
            // that read a template's numbers.
            jobs.append(Job(prefix: "templates/\(template)") { _ in
                (CLIRunner.Outcome(status: 0, stdout: "", stderr: ""), try CLIRunner.templateOutputs(template))
            })
        }
        for file in try yamls("sweeps") {
            let name = String(file.dropLast(5))
            // Pictures cost about 0.45 CPU s per batch plan. Spacing-merge-risk's 24 plans vary only
            // the spacing, whose pictures the too-close plan and depth-by-skin's batch pictures already
            // guard, so it is hashed without them (its text outputs in full): 10 CPU s less per run.
            let images = name == "spacing-merge-risk" ? "none" : "summary"
            // Shared with the suites that read a sweep's outputs (`CLIRunner.sweepOutputs`).
            jobs.append(Job(prefix: "sweeps/\(name)") { _ in
                (CLIRunner.Outcome(status: 0, stdout: "", stderr: ""), try CLIRunner.sweepOutputs(file, images: images, jobs: 2))
            })
        }
        return jobs
    }

    @Test("every shipped plan, template and sweep writes byte-identical files")
    func outputsMatchGolden() async throws {
        let root = try CLIRunner.scratch("golden")
        defer { try? FileManager.default.removeItem(at: root) }
        let writing = ProcessInfo.processInfo.environment["STIPPLE_WRITE_GOLDEN"] == "1"
        let golden = writing ? nil : try Self.read()
        let exact = golden?.environment == RenderingLibraries.current.description
        // The travelling records (pictures decoded, pages stripped of their pictures) are only
        // needed to write the list or to compare across library versions: skipped otherwise.
        let travellers = !exact
        let jobs = try Self.jobs()
        let hashes = try await withThrowingTaskGroup(of: [String: Record].self) { group in
            for job in jobs {
                group.addTask {
                    let dir = root.appendingPathComponent(job.prefix)
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    let (outcome, written) = try job.run(dir)
                    #expect(outcome.status == 0, "\(job.prefix): \(outcome.stderr)")
                    return try Self.hashes(under: written, prefix: job.prefix, travellers: travellers)
                }
            }
            return try await group.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
        }
        #expect(hashes.count > 100, "only \(hashes.count) output files")
        guard let golden else {
            try Self.write(hashes)
            return
        }
        if !exact {
            print("golden outputs: rendering libraries differ from the recorded ones (recorded: \(golden.environment); here: \(RenderingLibraries.current)); pictures compared within \(Self.pictureTolerance)/255 per 8 × 8 cell, HTML without its pictures")
        }
        for (path, record) in hashes.sorted(by: { $0.key < $1.key }) {
            guard let old = golden.records[path] else {
                Issue.record("\(path) is a new output file, not in the golden list")
                continue
            }
            if exact || old.traveller == nil {
                #expect(old.hash == record.hash, "\(path) differs from the golden output")
            } else if let difference = Self.differs(old.traveller!, record.traveller!) {
                Issue.record("\(path) differs from the golden output beyond the tolerance for other library versions: \(difference)")
            }
        }
        for path in golden.records.keys.sorted() where hashes[path] == nil {
            Issue.record("\(path) is in the golden list but was not written")
        }
    }

    @Test("the travelling comparison ignores how a picture is compressed (PNG or WebP) and which pictures a page embeds, and catches a changed picture")
    func travellingComparison() throws {
        var image = RGBImage(width: 320, height: 200, fill: RGB(240, 230, 220))
        for y in 40..<160 { for x in 40..<280 where (x / 8 + y / 8) % 2 == 0 { image.bytes.replaceSubrange(((y * 320 + x) * 3)..<((y * 320 + x) * 3 + 3), with: [30, 30, 30]) } }
        let fast = try PNGCodec.encode(image), small = try PNGCodec.encode(image, options: PNGOptions(zlibLevel: 9, filter: .adaptive))
        #expect(fast != small)
        #expect(Self.differs(Self.pictureSignature(fast), Self.pictureSignature(small)) == nil)
        // A few pixels of anti-aliasing more or less: within the tolerance.
        var aliased = image
        for x in 41..<60 { aliased.bytes[(39 * 320 + x) * 3] = 128 }
        #expect(Self.differs(Self.pictureSignature(fast), Self.pictureSignature(try PNGCodec.encode(aliased))) == nil)
        // A block of another colour, or another size: not.
        var changed = image
        for y in 0..<25 { for x in 0..<40 { changed.bytes.replaceSubrange(((y * 320 + x) * 3)..<((y * 320 + x) * 3 + 3), with: [200, 20, 20]) } }
        #expect(Self.differs(Self.pictureSignature(fast), Self.pictureSignature(try PNGCodec.encode(changed))) != nil)
        #expect(Self.differs(Self.pictureSignature(fast), Self.pictureSignature(try PNGCodec.encode(RGBImage(width: 321, height: 200)))) != nil)
        // A batch's WebP sheets: another quality (another libwebp's choices) is within the tolerance, a changed picture is not.
        let lossy = try WebPCodec.encode(image), finer = try WebPCodec.encode(image, options: WebPOptions(quality: 95))
        #expect(lossy != finer)
        #expect(Self.differs(Self.pictureSignature(webp: lossy), Self.pictureSignature(webp: finer)) == nil)
        #expect(Self.differs(Self.pictureSignature(webp: lossy), Self.pictureSignature(webp: try WebPCodec.encode(changed))) != nil)
        #expect(Self.differs(Self.pictureSignature(webp: lossy), Self.pictureSignature(fast)) != nil, "a sheet that changed type is a change")
        let page = { (png: [UInt8]) in Data("<p>plan</p><img src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">".utf8) }
        #expect(Self.textSignature(page(fast)) == Self.textSignature(page(small)))
        #expect(Self.textSignature(page(fast)) != Self.textSignature(Data("<p>plan 2</p>".utf8)))
    }

    /// One output's record: its hash, and for pictures and pages what is compared when the
    /// rendering libraries differ (`png:WxH:<64 cells hex>`, `webp:…` the same, or `text:<hash without pictures>`).
    struct Record: Equatable {
        var hash: String
        var traveller: String?
    }

    /// Why `new` is not `old` within the tolerance, or nil when it is.
    static func differs(_ old: String, _ new: String) -> String? {
        let picture = { (record: String) in record.hasPrefix("png:") || record.hasPrefix("webp:") }
        guard picture(old), picture(new), old.prefix(4) == new.prefix(4) else { return old == new ? nil : "its text changed" }
        let a = old.split(separator: ":"), b = new.split(separator: ":")
        guard a.count == 3, b.count == 3, a[1] == b[1] else { return "size \(a.count > 1 ? a[1] : "?") became \(b.count > 1 ? b[1] : "?")" }
        let x = Array(a[2].utf8), y = Array(b[2].utf8)
        guard x.count == y.count else { return "malformed record" }
        var worst = 0
        for k in stride(from: 0, to: x.count, by: 2) {
            let u = Int(String(decoding: x[k..<(k + 2)], as: UTF8.self), radix: 16) ?? 0
            let v = Int(String(decoding: y[k..<(k + 2)], as: UTF8.self), radix: 16) ?? 0
            worst = max(worst, abs(u - v))
        }
        return worst <= pictureTolerance ? nil : "a cell's mean luminance moved by \(worst)/255"
    }

    /// The same record of a WebP picture (a batch's sheets), decoded by libwebp.
    static func pictureSignature(webp: [UInt8]) -> String {
        guard let image = try? WebPCodec.decode(webp) else { return "webp:undecodable:" }
        var rgba = [UInt8](repeating: 255, count: image.width * image.height * 4)
        for k in 0..<(image.width * image.height) { for c in 0..<3 { rgba[4 * k + c] = image.bytes[3 * k + c] } }
        return "webp" + pictureSignature(width: image.width, height: image.height, rgba: rgba).dropFirst(3)
    }

    /// The size and 8 × 8 grid of mean luminance (Rec. 709 weights on the 8-bit values) of a PNG.
    static func pictureSignature(_ png: [UInt8]) -> String {
        guard let image = try? PNGCodec.decodeRGBA(png), image.width > 0, image.height > 0 else { return "png:undecodable:" }
        return pictureSignature(width: image.width, height: image.height, rgba: image.rgba)
    }

    static func pictureSignature(width: Int, height: Int, rgba: [UInt8]) -> String {
        let image = (width: width, height: height, rgba: rgba)
        var sums = [Double](repeating: 0, count: 64), counts = [Double](repeating: 0, count: 64)
        for y in 0..<image.height {
            let row = y * 8 / image.height
            for x in 0..<image.width {
                let i = (y * image.width + x) * 4
                let luminance = 0.2126 * Double(image.rgba[i]) + 0.7152 * Double(image.rgba[i + 1]) + 0.0722 * Double(image.rgba[i + 2])
                let cell = row * 8 + x * 8 / image.width
                sums[cell] += luminance
                counts[cell] += 1
            }
        }
        let cells = zip(sums, counts).map { sum, count in
            let value = count > 0 ? Int((sum / count).rounded()) : 0
            return String(format: "%02x", min(255, max(0, value)))
        }
        return "png:\(image.width)x\(image.height):" + cells.joined()
    }

    /// An HTML page's hash with its embedded pictures (`data:` URIs) cut out.
    static func textSignature(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        let stripped = text.replacing(#/data:image/[a-z+]+;base64,[A-Za-z0-9+/=]*/#, with: "data:")
        return "text:" + fnv1a(Data(stripped.utf8))
    }

    /// Relative path (under `prefix`) → the record of every regular file below `dir`; without
    /// `travellers`, the hashes alone.
    static func hashes(under dir: URL, prefix: String, travellers: Bool) throws -> [String: Record] {
        var out: [String: Record] = [:]
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))
            let data = ProvenanceNormaliser.normalised(try Data(contentsOf: url))
            let traveller: String? = switch (travellers, url.pathExtension) {
            case (false, _): nil
            case (true, "png"): pictureSignature([UInt8](data))
            case (true, "webp"): pictureSignature(webp: [UInt8](data))
            case (true, "html"): textSignature(data)
            default: nil
            }
            out[prefix + "/" + relative] = Record(hash: fnv1a(data), traveller: traveller)
        }
        return out
    }

    static func fnv1a(_ data: Data) -> String { FNV1a.hex(data) }

    static let header = """
        # Hashes (64-bit FNV-1a) of every output of the shipped plans, templates and sweeps.
        # Checked by Tests/StippleCLITests/GoldenOutputTests.swift. Regenerate after a deliberate
        # output change with: STIPPLE_WRITE_GOLDEN=1 swift test --disable-xctest --filter Golden
        # Pictures and pages also carry what is compared where the libraries below differ.

        """
    static let environmentPrefix = "# rendering libraries: "

    static func write(_ hashes: [String: Record]) throws {
        let lines = hashes.sorted { $0.key < $1.key }.map { "\($0.value.hash) \($0.key)" + ($0.value.traveller.map { " " + $0 } ?? "") }
        try FileManager.default.createDirectory(at: goldenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = header + environmentPrefix + RenderingLibraries.current.description + "\n" + lines.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: goldenFile, options: .atomic)
    }

    static func read() throws -> (environment: String, records: [String: Record]) {
        let text = try String(contentsOf: goldenFile, encoding: .utf8)
        var environment = "", out: [String: Record] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix(environmentPrefix) { environment = String(line.dropFirst(environmentPrefix.count)) }
            if line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            out[String(parts[1])] = Record(hash: String(parts[0]), traveller: parts.count > 2 ? String(parts[2]) : nil)
        }
        return (environment, out)
    }
}
