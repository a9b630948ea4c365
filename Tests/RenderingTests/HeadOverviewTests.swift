import Foundation
import Testing
@testable import Rendering

@Suite("Whole-head overview and anti-aliased lines")
struct HeadOverviewTests {
    static let paper = RGB(236, 236, 236)

    /// A disc of radius 40 mm on 1 mm cells, its field smooth across the edge (1 inside,
    /// falling linearly to 0 over 4 mm), all cells one colour.
    static func disc(edge: Float) -> RGBImage {
        let n = 100
        let values: [Float] = (0..<(n * n)).map { k in
            let x = Double(k % n) + 0.5 - 50, y = Double(k / n) + 0.5 - 50
            return Float(min(1, max(0, (42 - (x * x + y * y).squareRoot()) / 4)))
        }
        let raster = ChartRaster(minX: -50, minY: -50, cellSize: 1, width: n, height: n, values: values)
        let outline = (0..<4).map { k in (x: k % 3 == 0 ? -47.0 : 47.0, y: k < 2 ? -47.0 : 47.0) }
        return HeadOverview.render(cells: Array(repeating: RGB(120, 90, 70), count: n * n), grid: raster, edge: edge,
                                   outline: outline, pixelsPerMM: 2, highlight: nil)
    }

    @Test("the head's edge is the field's contour, anti-aliased: pixels along it are blends of page and head")
    func edgeIsBlended() {
        let image = Self.disc(edge: 0.5)
        // The contour at 0.5 is the circle of radius 40 mm = 80 px about the image centre.
        var blended = 0, crossings = 0
        let cx = Double(image.width) / 2, cy = Double(image.height) / 2
        for step in 0..<360 {
            let angle = Double(step) * Double.pi / 180
            // Walk outward across the contour and look at the pixels within a pixel of it.
            var seen = false
            for r in stride(from: 78.0, through: 82.0, by: 0.25) {
                let x = Int(cx + r * cos(angle)), y = Int(cy + r * sin(angle))
                let k = 3 * (y * image.width + x)
                let g = image.bytes[k + 1]
                if g > 92, g < 234 { seen = true }
            }
            crossings += 1
            if seen { blended += 1 }
        }
        // Where the contour runs half-way between two pixel centres both are (almost) pure, so
        // not every direction finds a blend; a hard edge finds none.
        #expect(blended > 270, "\(blended) of \(crossings) directions cross a blended pixel")
        // Well inside: the cell colour; well outside: the page.
        let centre = 3 * ((image.height / 2) * image.width + image.width / 2)
        #expect(Array(image.bytes[centre..<(centre + 3)]) == [120, 90, 70])
        let corner = 3 * (10 * image.width + 10)
        #expect(Array(image.bytes[corner..<(corner + 3)]) == [236, 236, 236])
    }

    @Test("an anti-aliased line covers its length × width in ink, with soft edge pixels")
    func strokeCoverage() {
        var canvas = RGBCanvas(width: 100, height: 100, background: .white)
        // A shallow diagonal: a hard line would stair-step every 5 pixels.
        canvas.strokePolyline([(x: 10.0, y: 20.0), (x: 90.0, y: 36.0)], width: 2, RGB(0, 0, 0))
        var ink = 0.0, partial = 0
        for k in stride(from: 0, to: canvas.image.bytes.count, by: 3) {
            let v = Double(canvas.image.bytes[k])
            // Coverage back from sRGB (black over white): linear 1 − c.
            let cover = 1 - Double(LinearRGB.decode(UInt8(v)))
            ink += cover
            if v > 10, v < 245 { partial += 1 }
        }
        let length = (80.0 * 80 + 16 * 16).squareRoot()
        // Length × width plus the two round caps' half-discs (π r² = π), within 5 %.
        #expect(abs(ink - (length * 2 + Double.pi)) < 0.05 * length * 2, "ink \(ink)")
        #expect(partial > 80, "\(partial) edge pixels blended")
    }
}
