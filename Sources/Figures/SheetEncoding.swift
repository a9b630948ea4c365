import Rendering
import Simulation

/// How a batch writes the projector sheets (appearance close-up, macro, head views):
/// `stipple batch --sheet-format webp|png`. `stipple simulate` always writes true-colour PNGs.
public enum SheetFormat: String, Sendable, CaseIterable {
    /// Lossy WebP at quality 90 (`WebPOptions.sheets`): a quarter to a half of the palette PNG's bytes.
    case webp
    /// 256-colour palette PNG (lossless after the palette): the batch sheets before WebP.
    case png
}

/// How the projector sheets (appearance, macro, head views) become file bytes, and the file
/// name's extension that goes with them.
///
/// `stipple simulate` writes them as true-colour PNGs with fast compression, as it always has.
/// A batch with pictures writes them small, because they are most of a plan's bytes (issue 27,
/// item 6: ≤ 300 kB a plan with `--images summary`):
/// - `webp` (the default): lossy WebP at quality 90. On depth-by-skin a plan's close-up sheet is
///   22 kB instead of 85 kB as a palette PNG and its head views 30 kB instead of 74 kB; at 1× the
///   dots and swatches look the same, and swatch centres stay within 2 levels (`WebPSheetTests`). BENCHMARKS.md, "Batch
///   sheets as WebP", has the measured trade-off.
/// - `palettePNG` (`--sheet-format png`): 256-colour palette images (`PaletteQuantizer`, the
///   same median cut the maps use) at zlib level 9, for whoever needs lossless files; the sheets
///   hold a few thousand colours at most, so the palette keeps them within a level or two.
struct SheetEncoding: Sendable {
    enum Kind: Sendable { case trueColourPNG, palettePNG, webp }
    var kind = Kind.trueColourPNG

    /// The encoding of a batch's sheets in `format`.
    init(batch format: SheetFormat) { kind = format == .webp ? .webp : .palettePNG }
    init() {}

    /// "png" or "webp", for the file names of the sheets and the maps.
    var fileExtension: String { kind == .webp ? "webp" : "png" }

    /// The maps' bytes. Maps are data charts, so they stay lossless whatever the sheets do: a
    /// 256-colour palette (`PaletteQuantizer`, the median cut) as PNG, or in a WebP batch the
    /// same palette pixels as lossless WebP, which is about 40 % smaller than the PNG on the
    /// stage-series density maps (BENCHMARKS.md, "Batch maps as lossless WebP").
    func encodeMap(_ image: RGBImage) throws(SimulationError) -> [UInt8] {
        let palette = PaletteQuantizer.quantize(image)
        do {
            switch kind {
            case .trueColourPNG, .palettePNG: return try PNGCodec.encode(palette)
            case .webp:
                var pixels = RGBImage(width: palette.width, height: palette.height)
                pixels.bytes = palette.rgbBytes()
                return try WebPCodec.encode(pixels, options: .maps)
            }
        } catch { throw .rendering("\(error)") }
    }

    func encode(_ image: RGBImage) throws(SimulationError) -> [UInt8] {
        do {
            switch kind {
            case .trueColourPNG: return try PNGCodec.encode(image)
            case .palettePNG: return try PNGCodec.encode(PaletteQuantizer.quantize(image), options: PNGOptions(zlibLevel: 9))
            case .webp: return try WebPCodec.encode(image, options: .sheets)
            }
        } catch { throw .rendering("\(error)") }
    }
}
