@testable import Figures
import Foundation
import Rendering
import Simulation
import SimulationFixtures
import Testing

@Suite("Head views: the fitted head from the front, the side and above")
struct HeadViewTests {
    static let looks = AppearanceRenderer(result: Fixtures.demo)
    static let views = HeadViewRenderer(result: Fixtures.demo, looks: looks)
    static let bare = looks.surfaceCells(after: 0)
    static let background = HeadViewRenderer.background

    static func luminance(_ image: RGBImage, x: Int, y: Int) -> Double {
        let k = 3 * (y * image.width + x)
        return 0.2126 * Double(image.bytes[k]) + 0.7152 * Double(image.bytes[k + 1]) + 0.0722 * Double(image.bytes[k + 2])
    }

    static func isBackground(_ image: RGBImage, x: Int, y: Int) -> Bool {
        let k = 3 * (y * image.width + x)
        return image.bytes[k] == background.r && image.bytes[k + 1] == background.g && image.bytes[k + 2] == background.b
    }

    /// Pixel (column, row) of head point (u, v) mm in a view's screen coordinates.
    static func pixel(_ view: HeadViewRenderer.View, u: Double, v: Double) -> (x: Int, y: Int) {
        let o = views.origin(view), s = HeadViewRenderer.pixelsPerMM
        return (Int((o.x + u * s).rounded(.down)), Int((o.y - v * s).rounded(.down)))
    }

    @Test("SMP darkens the treated scalp seen from above, and leaves the forehead below the hairline untouched")
    func treatedZoneDarkens() {
        let done = Self.looks.surfaceCells(after: 3)
        let top0 = Self.views.image(.top, cells: Self.bare), top3 = Self.views.image(.top, cells: done)
        // The vertex lies in the Norwood V crown/mid-scalp, treated by the plan.
        let vertex = Self.pixel(.top, u: 0, v: 0)
        #expect(Self.luminance(top3, x: vertex.x, y: vertex.y) < Self.luminance(top0, x: vertex.x, y: vertex.y) - 5)
        // Front view, the forehead 8 mm above the brow plane: skin in both.
        let f0 = Self.views.image(.front, cells: Self.bare), f3 = Self.views.image(.front, cells: done)
        let forehead = Self.pixel(.front, u: 0, v: 8)
        #expect(Self.luminance(f0, x: forehead.x, y: forehead.y) == Self.luminance(f3, x: forehead.x, y: forehead.y))
        // The background stays the page colour outside the head.
        #expect(Self.isBackground(top3, x: 1, y: 1) && Self.isBackground(top0, x: 1, y: 1))
    }

    @Test("the front view runs below the eyes and shows them: dark pupils and light sclera at the eye's height")
    func frontViewShowsTheEyes() {
        let front = Self.views.image(.front, cells: Self.bare)
        let shape = Self.views.shape
        // The image reaches at least 10 mm below the pupils.
        #expect(Self.pixel(.front, u: 0, v: shape.eyeZ - 10).y < front.height)
        for side in [-1.0, 1.0] {
            // Screen u = −x: the client's right eye is on the viewer's left.
            let pupil = Self.pixel(.front, u: -side * shape.eyeX, v: shape.eyeZ)
            let sclera = Self.pixel(.front, u: -side * (shape.eyeX + 10 * shape.sx), v: shape.eyeZ)
            let cheek = Self.pixel(.front, u: -side * shape.eyeX, v: shape.eyeZ - 12 * shape.sz)
            let (p, s, c) = (Self.luminance(front, x: pupil.x, y: pupil.y), Self.luminance(front, x: sclera.x, y: sclera.y),
                             Self.luminance(front, x: cheek.x, y: cheek.y))
            #expect(p < 60 && s > c && s > p + 80, "eye \(side): pupil \(p), sclera \(s), cheek \(c)")
        }
    }

    @Test("the head's silhouette in every view is anti-aliased: many rows meet the background through a pixel nearer the page than the head")
    func silhouetteIsAntiAliased() {
        for view in HeadViewRenderer.View.allCases {
            let image = Self.views.image(view, cells: Self.bare)
            var rows = 0, soft = 0
            for y in 0..<image.height {
                // The first pixel from the left that is not the page: on the silhouette.
                guard let x = (0..<(image.width - 3)).first(where: { !Self.isBackground(image, x: $0, y: y) }), x > 0 else { continue }
                let edge = Self.luminance(image, x: x, y: y), page = Self.luminance(image, x: x - 1, y: y)
                let inside = Self.luminance(image, x: x + 2, y: y)
                guard abs(page - inside) > 10 else { continue }
                rows += 1
                // A pixel the outline crosses is covered anywhere from 0 to 1: about half of them
                // less than half, i.e. nearer the page. A hard edge has none (the first pixel
                // off the page is all head).
                if abs(edge - page) < abs(edge - inside) { soft += 1 }
            }
            #expect(rows > 100)
            #expect(Double(soft) > 0.25 * Double(rows), "\(view): \(soft) of \(rows) rows have an edge pixel nearer the page")
        }
    }

    @Test("the front view's outline is mirror-symmetric (only the light is not)")
    func frontIsSymmetric() {
        let front = Self.views.image(.front, cells: Self.bare)
        // The frame is centred on the head: mirror the column about the image's centre. Edge
        // pixels are averages of mirrored subsamples, so even their coverage matches.
        var mismatches = 0
        for y in 0..<front.height {
            for x in 0..<front.width where Self.isBackground(front, x: x, y: y) != Self.isBackground(front, x: front.width - 1 - x, y: y) {
                mismatches += 1
            }
        }
        #expect(mismatches < front.height / 20, "\(mismatches) pixels differ between the halves")
    }

    @Test("the side view shows the ear, the nose beyond the forehead and the neck below the occiput")
    func sideViewHasFaceEarAndNeck() {
        let side = Self.views.image(.side, cells: Self.bare)
        let shape = Self.views.shape, b = shape.b, c = shape.c
        // The ear's middle is lit skin, not the page; 5 mm behind its back edge is head again.
        let ear = Self.pixel(.side, u: shape.earY, v: shape.earZ)
        #expect(!Self.isBackground(side, x: ear.x, y: ear.y))
        // The nose tip stands in front of the glabella (the ellipsoid's front).
        let nose = Self.pixel(.side, u: -b - 8 * shape.sy, v: -50 * shape.sz)
        #expect(!Self.isBackground(side, x: nose.x, y: nose.y))
        // Below the occiput the ellipsoid would still reach 0.75 b back; the neck does not.
        let z = -0.65 * c
        let nape = Self.pixel(.side, u: shape.neckBack + 4, v: z)
        let neck = Self.pixel(.side, u: shape.neckBack - 4, v: z)
        #expect(Self.isBackground(side, x: nape.x, y: nape.y) && !Self.isBackground(side, x: neck.x, y: neck.y))
    }

    @Test("the displacement table reads the face formula to within 0.05 mm")
    func displacementTable() {
        let shape = Self.views.shape
        var worst = 0.0
        for i in 0..<2000 {
            // A deterministic scatter over the face: golden-ratio steps in x and z.
            let x = (Double(i) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1) * 140 - 70
            let z = (Double(i) * 0.754_877_666_2).truncatingRemainder(dividingBy: 1) * 110 - 80
            let exact = HeadShape.exactDisplacement(x: x, z: z, sx: shape.sx, sy: shape.sy, sz: shape.sz, b: shape.b, c: shape.c)
            worst = max(worst, abs(shape.displacement(x: x, z: z) - exact))
        }
        #expect(worst < 0.05, "largest error \(worst) mm")
    }

    @Test("every view is deterministic and the PNG decodes to the composed sheet")
    func deterministic() throws {
        let cells = Self.looks.surfaceCells(after: 2)
        let again = HeadViewRenderer(result: Fixtures.demo, looks: Self.looks)
        for view in HeadViewRenderer.View.allCases {
            #expect(Self.views.image(view, cells: cells) == again.image(view, cells: cells))
        }
        let png = try Self.views.png(after: 2)
        #expect(png.count > 10_000 && png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try again.png(after: 2) == png)
    }
}
