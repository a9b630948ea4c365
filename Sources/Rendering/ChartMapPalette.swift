/// Palette layout shared by every chart map: a few fixed indices for paper, ink and overlays,
/// then a block of ramp colours (viridis for heatmaps, session colours for dot maps).
enum ChartPalette {
    static let paper: UInt8 = 0
    static let ink: UInt8 = 1
    static let offScalp: UInt8 = 2
    static let outline: UInt8 = 3
    static let regionBoundary: UInt8 = 4
    static let hairline: UInt8 = 5
    static let halo: UInt8 = 6
    static let skin: UInt8 = 7
    static let mutedInk: UInt8 = 8
    /// First index of the ramp block.
    static let rampStart: UInt8 = 9

    static let fixed: [RGB] = [
        RGB(255, 255, 255),          // paper
        RGB(20, 20, 24),             // ink
        RGB(236, 236, 236),          // off scalp
        RGB(40, 40, 44),             // head outline
        RGB(255, 255, 255),          // region boundary (white reads on viridis and on skin)
        RGB(230, 60, 40),            // hairline (warm red, distinct from viridis)
        RGB(255, 255, 255),          // text halo
        RGB(243, 229, 216),          // bare scalp, a light neutral skin tone
        RGB(110, 110, 118),          // secondary text
    ]

    /// Anti-aliasing shades of the text colours (ink, secondary text, hairline red) over paper:
    /// 7 steps each, appended after a map's ramp so `Canvas.text` finds a close colour for
    /// every edge pixel (21 entries; the largest palette, the heatmap, stays under 256).
    static let textShades: [RGB] = [fixed[Int(ink)], fixed[Int(mutedInk)], fixed[Int(hairline)]].flatMap { c in
        (1...7).map { k -> RGB in
            let t = Double(k) / 8
            func m(_ x: UInt8) -> UInt8 { UInt8((255 * (1 - t) + Double(x) * t).rounded()) }
            return RGB(m(c.r), m(c.g), m(c.b))
        }
    }

    /// Viridis sampled at `levels` evenly spaced points.
    static func viridis(levels: Int) -> [RGB] {
        (0..<levels).map { i in
            let t = levels == 1 ? 0 : Double(i) / Double(levels - 1)
            return RGB(hex: ViridisTable.rgb[Int((t * 255).rounded())])
        }
    }

    /// Session colours of the dot map: the figures' one session palette (`SessionPalette`), so
    /// session k's dots match its line in fade_curves.png and its key in report.html.
    static let sessions: [RGB] = CategoricalPalette.colours
}
