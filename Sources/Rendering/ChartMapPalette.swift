/// The colours every chart map shares: paper, ink, overlays, the scalp, the viridis ramp of the
/// heatmaps and the session colours of the dot maps.
enum ChartPalette {
    static let paper = RGB(255, 255, 255)
    static let ink = RGB(20, 20, 24)
    static let offScalp = RGB(236, 236, 236)
    static let outline = RGB(40, 40, 44)
    /// White reads on viridis and on skin.
    static let regionBoundary = RGB(255, 255, 255)
    /// Warm red, distinct from viridis.
    static let hairline = RGB(230, 60, 40)
    static let halo = RGB(255, 255, 255)
    /// Bare scalp, a light neutral skin tone.
    static let skin = RGB(243, 229, 216)
    /// Secondary text.
    static let mutedInk = RGB(110, 110, 118)

    /// Viridis at t ∈ [0, 1], read linearly between the table's 256 entries (in sRGB bytes, as
    /// the table is), so a smooth field gives a smooth ramp with no banding.
    static func viridis(_ t: Float) -> RGB {
        let x = min(1, max(0, t.isNaN ? 0 : t)) * 255
        let i = min(254, Int(x)), f = x - Float(i)
        let a = RGB(hex: ViridisTable.rgb[i]), b = RGB(hex: ViridisTable.rgb[i + 1])
        func m(_ p: UInt8, _ q: UInt8) -> UInt8 { UInt8(Float(p) + (Float(q) - Float(p)) * f + 0.5) }
        return RGB(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
    }

    /// Session colours of the dot map: the figures' one session palette (`SessionPalette`), so
    /// session k's dots match its line in fade_curves.png and its key in report.html.
    static let sessions: [RGB] = CategoricalPalette.colours
}
