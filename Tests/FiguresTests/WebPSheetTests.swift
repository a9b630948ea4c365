@testable import Figures
import Foundation
import Rendering
import Simulation
import SimulationFixtures
import Testing

/// A batch's projector sheets are lossy WebP and its maps lossless WebP (`SheetEncoding`, issue 27
/// item 6): the lesson must survive the compression (the pixels and the swatches' colours), the
/// maps' colours must not move at all, and the bytes must be the same every time (golden outputs,
/// content-addressed `pictures/`).
@Suite("batch sheets as WebP")
struct WebPSheetTests {
    /// The demo's close-up sheet as a batch with `--images summary` draws it, in true colour.
    static let appearance: RGBImage = {
        var looks = AppearanceRenderer(result: Fixtures.demo)
        looks.closeUpOnly = true
        return looks.appearanceSheet(after: 3)
    }()

    /// The demo's head views in true colour (the lossless PNG `simulate` writes, decoded).
    static func headViews() throws -> RGBImage {
        let png = try HeadViewRenderer(result: Fixtures.demo, looks: AppearanceRenderer(result: Fixtures.demo)).png(after: 3)
        let decoded = try PNGCodec.decodeRGBA(png)
        var image = RGBImage(width: decoded.width, height: decoded.height)
        for k in 0..<(decoded.width * decoded.height) { for c in 0..<3 { image.bytes[3 * k + c] = decoded.rgba[4 * k + c] } }
        return image
    }

    /// Mean and 99th percentile of the per-channel absolute differences.
    static func errors(_ a: RGBImage, _ b: RGBImage) -> (mean: Double, p99: Int) {
        var histogram = [Int](repeating: 0, count: 256), sum = 0
        for k in a.bytes.indices {
            let d = abs(Int(a.bytes[k]) - Int(b.bytes[k]))
            histogram[d] += 1
            sum += d
        }
        var seen = 0, p99 = 0
        for (d, n) in histogram.enumerated() {
            seen += n
            if Double(seen) >= 0.99 * Double(a.bytes.count) { p99 = d; break }
        }
        return (Double(sum) / Double(a.bytes.count), p99)
    }

    /// Centres of flat areas: pixels (on a 4-px lattice) whose 31 × 31 neighbourhood is one
    /// colour in `image` (the middle of the swatches' 72-px squares, bare skin, the background),
    /// with that colour. Nearer an edge, WebP's ringing moves a pixel by a level or two more.
    static func flatCentres(_ image: RGBImage) -> [(x: Int, y: Int, colour: RGB)] {
        func colour(_ x: Int, _ y: Int) -> RGB {
            let i = 3 * (y * image.width + x)
            return RGB(image.bytes[i], image.bytes[i + 1], image.bytes[i + 2])
        }
        var out: [(x: Int, y: Int, colour: RGB)] = []
        for y in stride(from: 15, to: image.height - 15, by: 4) {
            for x in stride(from: 15, to: image.width - 15, by: 4) {
                let c = colour(x, y)
                var flat = true
                square: for dy in -15...15 { for dx in -15...15 where colour(x + dx, y + dy) != c { flat = false; break square } }
                if flat { out.append((x, y, c)) }
            }
        }
        return out
    }

    @Test("round trip: the close-up and head-view sheets decode close to their pixels, swatch colours within 2 levels")
    func roundTrip() throws {
        let swatches = [AppearanceRenderer.asSeen(Fixtures.demo.colours.skinLab)]
            + Fixtures.demo.colours.sessions.map { AppearanceRenderer.asSeen($0.lab) }
        for (name, sheet) in [("appearance", Self.appearance), ("head views", try Self.headViews())] {
            let bytes = try WebPCodec.encode(sheet)
            let decoded = try WebPCodec.decode(bytes)
            #expect(decoded.width == sheet.width && decoded.height == sheet.height)
            // Measured on the demo at quality 90: mean 0.4–0.5, 99th percentile 4 levels (the
            // large differences are single pixels at text edges, from WebP's half-size chroma).
            let e = Self.errors(sheet, decoded)
            #expect(e.mean < 1.0 && e.p99 <= 8, "\(name): mean \(e.mean), 99th percentile \(e.p99) levels")
            // Well under half the palette PNG batches wrote before (measured: a quarter for the
            // close-up, 38 % for the head views).
            let palette = try PNGCodec.encode(PaletteQuantizer.quantize(sheet), options: PNGOptions(zlibLevel: 9))
            #expect(bytes.count * 2 < palette.count, "\(name): WebP \(bytes.count) bytes, palette PNG \(palette.count)")
            // The lesson's colours: every flat area (swatches, skin) keeps its colour.
            let flat = Self.flatCentres(sheet)
            for swatch in swatches {
                #expect(flat.contains { $0.colour == swatch }, "\(name): no flat area of swatch \(swatch.hexString)")
            }
            var worst = 0
            for p in flat {
                let i = 3 * (p.y * sheet.width + p.x)
                worst = max(worst, abs(Int(decoded.bytes[i]) - Int(p.colour.r)), abs(Int(decoded.bytes[i + 1]) - Int(p.colour.g)),
                            abs(Int(decoded.bytes[i + 2]) - Int(p.colour.b)))
            }
            #expect(worst <= 2, "\(name): a flat area's centre moved by \(worst) levels")
        }
    }

    @Test("deterministic: the same sheet gives the same bytes, also encoded on several threads at once")
    func deterministic() async throws {
        let sheet = Self.appearance
        let first = try WebPCodec.encode(sheet)
        #expect(try WebPCodec.encode(sheet) == first)
        let parallel = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<4 { group.addTask { try WebPCodec.encode(sheet) } }
            return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(parallel.allSatisfy { $0 == first })
        // Another quality is another file: the options are applied, not ignored.
        #expect(try WebPCodec.encode(sheet, options: WebPOptions(quality: 70)) != first)
    }

    @Test("batch selection: sheets named .webp by default, .png with --sheet-format png; simulate keeps true-colour PNGs")
    func namesFollowTheFormat() throws {
        func names(_ selection: PlanOutputs.Selection) throws -> [String] {
            try PlanOutputs.files(for: Fixtures.demo, selection: selection).map(\.name)
        }
        let webp = try names(.init(images: .summary, dots: false, sharedPictures: "../pictures"))
        let listing = webp.filter { $0.hasSuffix(".webp") }
        // The close-up, the head views and the density map, shared under ../pictures.
        #expect(listing.count == 3, "\(webp)")
        let png = try PlanOutputs.files(for: Fixtures.demo, selection: .init(images: .summary, dots: false, sharedPictures: "../pictures",
                                                                            sheetFormat: .png))
        #expect(!png.contains { $0.name.hasSuffix(".webp") })
        let csv = String(decoding: try #require(png.first { $0.name == PlanOutputs.picturesFileName }).bytes, as: UTF8.self)
        #expect(csv.contains("appearance_session3.png") && csv.contains("head_session3.png") && csv.contains("density_session3.png"), "\(csv)")
        let single = try names(.init(images: .summary, dots: false))
        #expect(single.contains("appearance_session3.png") && single.contains("head_session3.png") && single.contains("density_session3.png")
                    && !single.contains { $0.hasSuffix(".webp") })
    }

    @Test("maps in a WebP batch are lossless: the density map decodes to exactly the palette PNG's pixels, in fewer bytes")
    func mapsLossless() throws {
        let maps = ChartMapRenderer(result: Fixtures.demo)
        var webpMaps = maps
        webpMaps.encoding = SheetEncoding(batch: .webp)
        let session = Fixtures.demo.sessions[2]
        let png = try maps.densityPNG(after: session), webp = try webpMaps.densityPNG(after: session)
        #expect(webpMaps.encoding.fileExtension == "webp" && maps.encoding.fileExtension == "png")
        let fromPNG = try PNGCodec.decodeRGBA(png)
        let fromWebP = try WebPCodec.decode(webp)
        #expect(fromWebP.width == fromPNG.width && fromWebP.height == fromPNG.height)
        var differing = 0
        for k in 0..<(fromPNG.width * fromPNG.height) {
            for c in 0..<3 where fromPNG.rgba[4 * k + c] != fromWebP.bytes[3 * k + c] { differing += 1 }
        }
        #expect(differing == 0, "\(differing) channel values changed: the map's colours are its data")
        // Measured 40 % smaller on the stage-series maps; here the bound is only "smaller".
        #expect(webp.count < png.count, "lossless WebP \(webp.count) bytes, palette PNG \(png.count)")
        #expect(try webpMaps.densityPNG(after: session) == webp, "lossless encoding is not deterministic")
    }

    @Test("decoding bytes that are not WebP is a typed error")
    func notWebP() {
        let error = #expect(throws: ImageCodecError.self) { try WebPCodec.decode(Array("not a picture".utf8)) }
        #expect(error?.codec == .webp && error?.operation == .decoding)
        #expect(error?.description.hasPrefix("WebP decoding failed: not a WebP image") == true)
        #expect(WebPCodec.size([0, 1, 2]) == nil)
    }
}
