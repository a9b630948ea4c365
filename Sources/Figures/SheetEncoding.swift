import Rendering
import Simulation

/// How the projector sheets (appearance, macro, head views) become PNG bytes.
///
/// `stipple simulate` writes them in true colour with fast compression, as it always has. A batch
/// with pictures writes them `compact`: as 256-colour palette images (`PaletteQuantizer`, the
/// same median cut the maps use) at zlib level 9. The sheets hold a few thousand colours at most
/// (skin, dots, shading, anti-aliased text), so the palette keeps them within a level or two per
/// channel, and the files are 2–3× smaller (the demo plan's appearance sheet: 404 kB → about
/// 200 kB; its head views: 244 kB → about 85 kB), which is what makes a batch of many plans
/// affordable on disk (issue 27, item 6).
struct SheetEncoding {
    var compact = false

    func png(_ image: RGBImage) throws(SimulationError) -> [UInt8] {
        do {
            return compact ? try PNGCodec.encode(PaletteQuantizer.quantize(image), options: PNGOptions(zlibLevel: 9))
                : try PNGCodec.encode(image)
        } catch { throw .rendering(error.description) }
    }
}
