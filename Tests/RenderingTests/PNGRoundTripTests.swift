import Testing
@testable import Rendering

@Suite("PNG encode/decode round trips through libpng")
struct PNGRoundTripTests {
    /// A deterministic test pattern touching every palette entry.
    func pattern(width: Int, height: Int, colours: Int) -> IndexedImage {
        let palette = (0..<colours).map { (i: Int) -> RGB in
            let r = UInt8(i * 7 % 256), g = UInt8(255 - i % 256), b = UInt8(i * 31 % 256)
            return RGB(r, g, b)
        }
        var image = IndexedImage(width: width, height: height, palette: palette)
        for y in 0..<height { for x in 0..<width { image.pixels[y * width + x] = UInt8((x * 3 + y * 5) % colours) } }
        return image
    }

    @Test("palette images decode to the same pixels", arguments: [2, 4, 16, 17, 209, 256])
    func palette(colours: Int) throws {
        let image = pattern(width: 37, height: 23, colours: colours)
        let png = try PNGCodec.encode(image)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        let decoded = try PNGCodec.decodeRGBA(png)
        #expect(decoded.width == 37 && decoded.height == 23)
        let rgb = image.rgbBytes()
        var mismatches = 0
        for i in 0..<(37 * 23) {
            if decoded.rgba[4 * i] != rgb[3 * i] || decoded.rgba[4 * i + 1] != rgb[3 * i + 1]
                || decoded.rgba[4 * i + 2] != rgb[3 * i + 2] || decoded.rgba[4 * i + 3] != 255 { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("every zlib level and filter gives the same pixels")
    func optionsDoNotChangePixels() throws {
        let image = pattern(width: 64, height: 40, colours: 100)
        var decodedSet: [[UInt8]] = []
        for level in [0, 1, 6, 9] {
            for filter in [PNGOptions.Filter.none, .sub, .up, .adaptive] {
                decodedSet.append(try PNGCodec.decodeRGBA(PNGCodec.encode(image, options: .init(zlibLevel: level, filter: filter))).rgba)
            }
        }
        #expect(Set(decodedSet).count == 1)
    }

    @Test("RGB images round trip")
    func rgb() throws {
        var image = RGBImage(width: 19, height: 11)
        for i in 0..<image.bytes.count { image.bytes[i] = UInt8(i * 13 % 256) }
        let decoded = try PNGCodec.decodeRGBA(PNGCodec.encode(image))
        var same = true
        for i in 0..<(19 * 11) { for c in 0..<3 where decoded.rgba[4 * i + c] != image.bytes[3 * i + c] { same = false } }
        #expect(same)
    }

    @Test("garbage is rejected with libpng's message")
    func garbage() {
        let error = #expect(throws: ImageCodecError.self) { try PNGCodec.decodeRGBA([1, 2, 3, 4, 5]) }
        #expect(error?.codec == .png && error?.operation == .decoding)
        // libpng's own words follow the prefix, not an empty reason.
        #expect(error.map { $0.description.hasPrefix("PNG decoding failed: ") && !$0.reason.isEmpty } == true)
    }
}
