import CWebP

/// The settings of a WebP encoding. Every one is pinned (nothing is left to libwebp's
/// defaults at run time), so the same pixels give the same bytes.
public struct WebPOptions: Sendable, Hashable {
    /// Lossless (VP8L): every pixel decodes exactly as given, for data charts whose colours are
    /// the data. Lossy (VP8) otherwise, for the projector sheets (skin, shading, dots).
    public var lossless: Bool
    /// libwebp's quality factor, 0…100; for lossless, the effort spent on compression.
    public var quality: Float
    /// libwebp's effort, 0 (fast) … 6 (smallest). 2 by default: half the CPU of 4 for 2–5 %
    /// more bytes (BENCHMARKS.md, "WebP at method 2").
    public var method: Int
    /// Sharp RGB→YUV conversion: keeps thin coloured edges (text, the session bars) sharper in
    /// the 4:2:0 chroma that lossy WebP always uses, at some encoding time.
    public var sharpYUV: Bool

    public init(quality: Float = 90, method: Int = 2, sharpYUV: Bool = false, lossless: Bool = false) {
        self.lossless = lossless
        self.quality = min(100, max(0, quality))
        self.method = min(6, max(0, method))
        self.sharpYUV = sharpYUV
    }

    /// The batch sheets' setting (BENCHMARKS.md, "Batch sheets as WebP").
    public static let sheets = WebPOptions()

    /// The batch maps' setting: lossless, so a density map's colours stay the numbers they
    /// encode (BENCHMARKS.md, "Batch maps as lossless WebP").
    public static let maps = WebPOptions(quality: 25, method: 2, lossless: true)
}

/// Lossy and lossless WebP through libwebp (the advanced `WebPConfig`/`WebPPicture` API). The only place
/// Stipple touches `CWebP`.
///
/// **Deterministic.** The encoder runs single-threaded (`thread_level` 0) with every setting
/// given in `WebPOptions`; neither of libwebp's encoders has randomness, so the same pixels and
/// options give byte-identical files with the same libwebp version (`RenderingLibraries`
/// records it for the golden outputs), whatever the number of cores or batch jobs.
public enum WebPCodec {
    /// Encodes a true-colour image as WebP (lossy or lossless, as `options` say).
    public static func encode(_ image: RGBImage, options: WebPOptions = .sheets) throws(ImageCodecError) -> [UInt8] {
        // WebP's largest side (VP8's 14-bit dimensions); libwebp would refuse it with a bare code.
        guard image.width <= 16383, image.height <= 16383 else {
            let reason = "\(image.width) × \(image.height) px is larger than WebP's 16383 px a side"
            throw ImageCodecError(codec: .webp, operation: .encoding, reason: reason)
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        let status = image.bytes.withUnsafeBufferPointer { pixels in
            stipple_webp_encode_rgb(pixels.baseAddress, Int32(image.width), Int32(image.height), options.quality,
                                    Int32(options.method), options.sharpYUV ? 1 : 0, options.lossless ? 1 : 0, &out, &size)
        }
        guard status == 0, let out else { throw ImageCodecError(codec: .webp, operation: .encoding, reason: reason(status)) }
        defer { WebPFree(out) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Decodes a WebP image to true colour (for tests and for comparing pictures).
    public static func decode(_ data: [UInt8]) throws(ImageCodecError) -> RGBImage {
        var width: Int32 = 0, height: Int32 = 0
        let decoded = data.withUnsafeBufferPointer { buffer in
            WebPDecodeRGB(buffer.baseAddress, buffer.count, &width, &height)
        }
        guard let decoded, width > 0, height > 0 else {
            throw ImageCodecError(codec: .webp, operation: .decoding, reason: "not a WebP image libwebp can read (\(data.count) bytes)")
        }
        defer { WebPFree(decoded) }
        var image = RGBImage(width: Int(width), height: Int(height))
        image.bytes = Array(UnsafeBufferPointer(start: decoded, count: Int(width) * Int(height) * 3))
        return image
    }

    /// The size stored in a WebP file's header, without decoding it (nil: not WebP).
    public static func size(_ data: [UInt8]) -> (width: Int, height: Int)? {
        var width: Int32 = 0, height: Int32 = 0
        let ok = data.withUnsafeBufferPointer { WebPGetInfo($0.baseAddress, $0.count, &width, &height) }
        return ok != 0 ? (Int(width), Int(height)) : nil
    }

    /// libwebp's encoder version, "1.2.4" (`WebPGetEncoderVersion` packs it as 0x010204).
    public static var libraryVersion: String {
        let v = WebPGetEncoderVersion()
        return "\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
    }

    /// libwebp's `WebPEncodingError` codes as words (encode.h).
    static func reason(_ code: Int32) -> String {
        switch code {
        case -2: return "libwebp's headers and library versions differ"
        case -1: return "the encoder settings were refused"
        case 1: return "out of memory"
        case 2: return "out of memory while writing"
        case 3: return "no picture"
        case 4: return "a picture dimension is out of range"
        case 5: return "partition 0 overflowed (too much picture data for one partition)"
        case 6: return "a partition is larger than 512 kB"
        case 7: return "the output could not be written"
        case 8: return "the file would be larger than 4 GiB"
        case 9: return "cancelled"
        default: return "libwebp error \(code)"
        }
    }
}
