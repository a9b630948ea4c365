import SkinOptics
import Testing

@Suite("RGB8.hex: #rrggbb written byte by byte")
struct HexTests {
    /// The text `hex` always produced: each channel in base 16, padded to two lowercase digits.
    static func plain(_ c: RGB8) -> String {
        func h(_ x: UInt8) -> String { let s = String(x, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + h(c.r) + h(c.g) + h(c.b)
    }

    @Test("every value of every channel, and it parses back")
    func everyValue() {
        for v in 0...255 {
            let x = UInt8(v)
            for c in [RGB8(r: x, g: 0, b: 0), RGB8(r: 0, g: x, b: 255), RGB8(r: 255 - x, g: x, b: x / 3)] {
                #expect(c.hex == Self.plain(c))
                #expect(RGB8(hex: c.hex) == c)
                #expect(c.hex.utf8.count == 7)
            }
        }
        #expect(RGB8(r: 10, g: 171, b: 255).hex == "#0aabff")
    }
}
