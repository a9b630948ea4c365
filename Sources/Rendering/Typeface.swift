import CFreeType
import Foundation

/// Anti-aliased text from a real font (DejaVu Sans through FreeType), so labels on maps, charts
/// and previews read cleanly on a slide. The only place Stipple touches `CFreeType`.
///
/// Sizes follow the drawing code's whole-pixel `scale` (the unit of the 5 × 7 bitmap font it
/// replaces): the font is set so its capital letters are 7 × scale pixels tall with the
/// baseline 7 × scale below the text's top, so layouts computed with `Canvas.textHeight`
/// place the new text where the old text was; descenders fall into the line gap.
///
/// When the font file is missing, `shared` is nil and text falls back to `BitmapFont`
/// (`fallbackNotice` says so, for the command line to print).
public final class Typeface: @unchecked Sendable {
    /// One rendered glyph: 8-bit coverage, placed relative to the pen on the baseline.
    struct Glyph: Sendable {
        let width: Int
        let rows: Int
        /// Pixels from the pen to the bitmap's left edge, and from the baseline up to its top.
        let left: Int
        let top: Int
        let advance: Int
        let coverage: [UInt8]
    }

    private struct Key: Hashable {
        let scalar: UInt32
        let scale: Int
    }

    public let path: String
    // FreeType objects are not thread-safe; every use is under `lock`. Pictures are rendered on
    // all cores, so glyphs are cached: each (character, size) is rasterised once per process.
    private let lock = NSLock()
    private var library: FT_Library?
    private var face: FT_Face?
    private var cache: [Key: Glyph] = [:]
    /// Em size in pixels that gives capitals of 7 px at scale 1 (DejaVu Sans: cap height 0.729 em).
    private let emPerScale: Double

    /// The font every picture uses, or nil when it cannot be found or opened.
    public static let shared: Typeface? = located.flatMap { Typeface(path: $0) }

    private static let located = locate()

    /// Set when pictures use the bitmap fallback: why, and how to get the real font.
    public static var fallbackNotice: String? {
        guard shared == nil else { return nil }
        let why = located.map { "FreeType cannot open \($0)" } ?? "DejaVu Sans was not found"
        return "PNG text uses the built-in bitmap font: \(why) (install fonts-dejavu-core, or set STIPPLE_FONT to a .ttf file)"
    }

    /// `STIPPLE_FONT`, else `fonts/truetype/dejavu/DejaVuSans.ttf` under the XDG data folders
    /// (`XDG_DATA_DIRS`, by default /usr/local/share and /usr/share, where Debian puts it).
    static func locate() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["STIPPLE_FONT"], !explicit.isEmpty { return explicit }
        let dirs = (env["XDG_DATA_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share").split(separator: ":")
        return dirs.map { "\($0)/fonts/truetype/dejavu/DejaVuSans.ttf" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    init?(path: String) {
        self.path = path
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else {
            FT_Done_FreeType(library)
            return nil
        }
        self.library = library
        self.face = face
        let units = Double(face.pointee.units_per_EM)
        // The capital H's height in font units, measured rather than assumed.
        var capHeight = 0.729 * units
        if FT_Load_Char(face, FT_ULong(UInt8(ascii: "H")), FT_Int32(FT_LOAD_NO_SCALE)) == 0 {
            capHeight = Double(face.pointee.glyph.pointee.metrics.height)
        }
        emPerScale = 7 * units / max(1, capHeight)
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// The glyph of `scalar` at `scale` (rasterised on first use).
    func glyph(_ scalar: Unicode.Scalar, scale: Int) -> Glyph {
        let key = Key(scalar: scalar.value, scale: scale)
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        var glyph = Glyph(width: 0, rows: 0, left: 0, top: 0, advance: 7 * scale, coverage: [])
        if let face {
            FT_Set_Pixel_Sizes(face, 0, FT_UInt((emPerScale * Double(scale)).rounded()))
            if FT_Load_Char(face, FT_ULong(scalar.value), stipple_ft_load_render_light) == 0 {
                let slot = face.pointee.glyph.pointee
                let bitmap = slot.bitmap
                let width = Int(bitmap.width), rows = Int(bitmap.rows), pitch = Int(bitmap.pitch)
                var coverage = [UInt8](repeating: 0, count: width * rows)
                if let buffer = bitmap.buffer, width > 0 {
                    for r in 0..<rows {
                        let row = pitch >= 0 ? r : rows - 1 - r
                        for c in 0..<width { coverage[r * width + c] = buffer[row * abs(pitch) + c] }
                    }
                }
                glyph = Glyph(width: width, rows: rows, left: Int(slot.bitmap_left), top: Int(slot.bitmap_top),
                              advance: Int((slot.advance.x + 32) >> 6), coverage: coverage)
            }
        }
        cache[key] = glyph
        return glyph
    }

    /// Pixel width of `text` at `scale` (sum of advances).
    func width(_ text: String, scale: Int) -> Int {
        text.unicodeScalars.reduce(0) { $0 + glyph($1, scale: scale).advance }
    }

    /// Calls `plot(x, y, coverage)` for every covered pixel of `text` with its top-left at (x, y).
    func draw(_ text: String, x: Int, y: Int, scale: Int, _ plot: (Int, Int, UInt8) -> Void) {
        let baseline = y + 7 * scale
        var pen = x
        for scalar in text.unicodeScalars {
            let g = glyph(scalar, scale: scale)
            for r in 0..<g.rows {
                for c in 0..<g.width {
                    let a = g.coverage[r * g.width + c]
                    if a > 0 { plot(pen + g.left + c, baseline - g.top + r, a) }
                }
            }
            pen += g.advance
        }
    }
}
