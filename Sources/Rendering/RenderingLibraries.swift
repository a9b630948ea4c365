import CFreeType
import CLibPNG
import Foundation

/// The C libraries and the font that decide a picture's exact bytes: FreeType and the font file
/// shape the text's pixels, libpng and zlib compress the same pixels differently from one version
/// to the next, and libwebp encodes a batch's sheets (`WebPCodec`) differently from one version to
/// the next. The golden-output test compares pictures byte for byte only where all five match
/// the versions it recorded, and within a tolerance elsewhere, so the test travels between
/// distributions.
public struct RenderingLibraries: Sendable, Equatable, CustomStringConvertible {
    public let freetype: String
    public let libpng: String
    /// The zlib libpng was built against.
    public let zlib: String
    /// libwebp's encoder version (a batch's sheets, `WebPCodec`).
    public let libwebp: String
    /// The font file's name and size in bytes, or "bitmap" when the built-in font is used.
    public let font: String

    /// What this process links and finds.
    public static let current = RenderingLibraries(
        freetype: freetypeVersion(),
        libpng: png_get_libpng_ver(nil).map { String(cString: $0) } ?? "unknown",
        zlib: zlibVersion(stipple_png_zlib_vernum),
        libwebp: WebPCodec.libraryVersion,
        font: Typeface.shared.map { typeface in
            let size = (try? FileManager.default.attributesOfItem(atPath: typeface.path)[.size] as? Int) ?? nil
            return "\((typeface.path as NSString).lastPathComponent) \(size.map(String.init) ?? "?") bytes"
        } ?? "bitmap")

    public var description: String { "freetype \(freetype); libpng \(libpng); zlib \(zlib); libwebp \(libwebp); font \(font)" }

    static func freetypeVersion() -> String {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return "unknown" }
        defer { FT_Done_FreeType(library) }
        var major: FT_Int = 0, minor: FT_Int = 0, patch: FT_Int = 0
        FT_Library_Version(library, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// zlib's ZLIB_VERNUM (0x12d0) as its version string (1.2.13).
    static func zlibVersion(_ vernum: UInt32) -> String {
        "\(vernum >> 12 & 0xf).\(vernum >> 8 & 0xf).\(vernum >> 4 & 0xf)"
    }
}
