import Foundation
import Testing
@testable import Figures
import Rendering
import Simulation

@Suite("Head views: the fitted head from the front, the side and above")
struct HeadViewTests {
    static let looks = AppearanceRenderer(result: Fixtures.demo)
    static let views = HeadViewRenderer(result: Fixtures.demo, looks: looks)

    static func luminance(_ image: RGBImage, x: Int, y: Int) -> Double {
        let k = 3 * (y * image.width + x)
        return 0.2126 * Double(image.bytes[k]) + 0.7152 * Double(image.bytes[k + 1]) + 0.0722 * Double(image.bytes[k + 2])
    }

    @Test("SMP darkens the treated scalp seen from above, and leaves the forehead below the hairline untouched")
    func treatedZoneDarkens() {
        let bare = Self.looks.surfaceCells(after: 0), done = Self.looks.surfaceCells(after: 3)
        let top0 = Self.views.image(.top, cells: bare), top3 = Self.views.image(.top, cells: done)
        // The vertex (image centre) lies in the Norwood V crown/mid-scalp, treated by the plan.
        let cx = top0.width / 2, cy = top0.height / 2
        #expect(Self.luminance(top3, x: cx, y: cy) < Self.luminance(top0, x: cx, y: cy) - 5)
        // Front view, just above the brows: skin in both.
        let f0 = Self.views.image(.front, cells: bare), f3 = Self.views.image(.front, cells: done)
        let fx = f0.width / 2, fy = Int(Double(f0.height) * 0.8)
        #expect(Self.luminance(f0, x: fx, y: fy) == Self.luminance(f3, x: fx, y: fy))
        // The background stays the page colour outside the head.
        #expect(Self.luminance(top3, x: 1, y: 1) == Self.luminance(top0, x: 1, y: 1))
    }

    @Test("every view is deterministic and the PNG decodes to the composed sheet")
    func deterministic() throws {
        let cells = Self.looks.surfaceCells(after: 2)
        for view in HeadViewRenderer.View.allCases {
            #expect(Self.views.image(view, cells: cells) == Self.views.image(view, cells: cells))
        }
        let png = try Self.views.png(after: 2)
        #expect(png.count > 10_000 && png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try Self.views.png(after: 2) == png)
    }
}
