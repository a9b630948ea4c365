/// An 8-bit RGB colour.
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// From 0xRRGGBB.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xff), UInt8((hex >> 8) & 0xff), UInt8(hex & 0xff))
    }

    /// "#rrggbb", lower case.
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [r, g, b] { s.append(digits[Int(v >> 4)]); s.append(digits[Int(v & 15)]) }
        return s
    }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
}

/// A palette image: one byte per pixel indexing into at most 256 colours.
///
/// Stipple's maps are written as palette images: they are drawn in true colour and quantized
/// (`PaletteQuantizer`), and a one-byte-per-pixel PNG is 2–3× smaller and faster to compress.
public struct IndexedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    public var palette: [RGB]

    public init(width: Int, height: Int, palette: [RGB], fill: UInt8 = 0) {
        precondition(width > 0 && height > 0 && !palette.isEmpty && palette.count <= 256)
        self.width = width
        self.height = height
        self.palette = palette
        self.pixels = [UInt8](repeating: fill, count: width * height)
    }

    /// Expands to RGB bytes (for tests and compositing).
    public func rgbBytes() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for (i, p) in pixels.enumerated() {
            let c = palette[Int(p)]
            out[3 * i] = c.r
            out[3 * i + 1] = c.g
            out[3 * i + 2] = c.b
        }
        return out
    }
}

/// A true-colour image, 3 bytes per pixel, row-major.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, fill: RGB = .white) {
        precondition(width > 0 && height > 0)
        self.width = width
        self.height = height
        if fill.r == fill.g && fill.g == fill.b {
            bytes = [UInt8](repeating: fill.r, count: width * height * 3)
        } else {
            bytes = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, count in
                for i in 0..<(width * height) {
                    buffer[3 * i] = fill.r
                    buffer[3 * i + 1] = fill.g
                    buffer[3 * i + 2] = fill.b
                }
                count = width * height * 3
            }
        }
    }
}
