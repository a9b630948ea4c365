import CLibPNG

/// How hard zlib works and which row filter libpng uses.
///
/// Compression dominates PNG writing time. The default (`fast`) is zlib level 2 with no row
/// filter, chosen by measuring levels 1–3 × filters none/sub/up/adaptive (thread CPU time,
/// `Benchmarks/compare`, which regenerates the table in BENCHMARKS.md):
///
/// * 2048² palette heatmap: level 2/none ≈ 12 ms, 276 kB; the former default level 1/up
///   ≈ 18 ms, 349 kB; level 1/none 13.6 ms, 390 kB (zlib's level 2 finds longer matches, so it
///   emits fewer symbols and is faster *and* smaller here); adaptive costs 2–3× the time.
/// * Real outputs of the example plan: density map (palette) level 2/none 63 kB vs 1/up 59 kB;
///   dot map (palette) 75 kB vs 87 kB; appearance preview (RGB) 183 kB vs 188 kB, all faster.
///
/// Palette pixels of `IndexedImage` need no filter (indices are not numerically smooth); RGB
/// images with smooth gradients compress better with `.sub`/`.up` if size matters more than time.
public struct PNGOptions: Sendable, Hashable {
    public enum Filter: Sendable, Hashable { case none, sub, up, adaptive }
    public var zlibLevel: Int
    public var filter: Filter

    public init(zlibLevel: Int = 2, filter: Filter = .none) {
        self.zlibLevel = min(9, max(0, zlibLevel))
        self.filter = filter
    }

    public static let fast = PNGOptions()

    var filterMask: Int32 {
        switch filter {
        case .none: return stipple_png_filter_none
        case .sub: return stipple_png_filter_sub
        case .up: return stipple_png_filter_up
        case .adaptive: return stipple_png_filter_all
        }
    }
}

/// PNG encoding and decoding through libpng. The only place Stipple touches `CLibPNG`.
public enum PNGCodec {
    /// Encodes a palette image. Palettes of ≤ 16 colours are packed below 8 bits per pixel.
    public static func encode(_ image: IndexedImage, options: PNGOptions = .fast) throws(ImageCodecError) -> [UInt8] {
        let bitDepth: Int32 = image.palette.count <= 2 ? 1 : image.palette.count <= 4 ? 2 : image.palette.count <= 16 ? 4 : 8
        var paletteBytes = [UInt8]()
        paletteBytes.reserveCapacity(image.palette.count * 3)
        for c in image.palette { paletteBytes += [c.r, c.g, c.b] }
        return try encode(pixels: image.pixels, width: image.width, height: image.height,
                          colorType: 3, bitDepth: bitDepth, palette: paletteBytes,
                          paletteCount: image.palette.count, options: options)
    }

    /// Encodes a true-colour image.
    public static func encode(_ image: RGBImage, options: PNGOptions = .fast) throws(ImageCodecError) -> [UInt8] {
        try encode(pixels: image.bytes, width: image.width, height: image.height,
                   colorType: 2, bitDepth: 8, palette: [], paletteCount: 0, options: options)
    }

    private static func encode(
        pixels: [UInt8], width: Int, height: Int, colorType: Int32, bitDepth: Int32,
        palette: [UInt8], paletteCount: Int, options: PNGOptions
    ) throws(ImageCodecError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { px in
            palette.withUnsafeBufferPointer { pal in
                message.withUnsafeMutableBufferPointer { msg in
                    stipple_png_encode(
                        px.baseAddress, Int32(width), Int32(height), colorType, bitDepth,
                        pal.baseAddress, Int32(paletteCount), Int32(options.zlibLevel), options.filterMask,
                        &out, &size, msg.baseAddress)
                }
            }
        }
        guard status == 0, let out else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageCodecError(codec: .png, operation: .encoding, reason: reason)
        }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Decodes any PNG to 8-bit RGBA (used by tests and by compositing of saved images).
    public static func decodeRGBA(_ data: [UInt8]) throws(ImageCodecError) -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        stipple_png_image_init(&image)
        let begun = data.withUnsafeBufferPointer { buf in
            png_image_begin_read_from_memory(&image, buf.baseAddress, buf.count)
        }
        guard begun != 0 else { throw ImageCodecError(codec: .png, operation: .decoding, reason: imageMessage(&image)) }
        image.format = stipple_png_format_rgba
        let width = Int(image.width), height = Int(image.height)
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        let finished = rgba.withUnsafeMutableBytes { buf in
            png_image_finish_read(&image, nil, buf.baseAddress, Int32(width * 4), nil)
        }
        guard finished != 0 else { throw ImageCodecError(codec: .png, operation: .decoding, reason: imageMessage(&image)) }
        png_image_free(&image)
        return (width, height, rgba)
    }

    private static func imageMessage(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
