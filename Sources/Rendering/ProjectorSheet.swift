/// The sheet the report's timeline pictures are drawn on (appearance, macro and distance, head
/// views): panels side by side, one short line above each, and a row of colour swatches with a
/// one-word key each — all text at `textScale` 4 (capitals 28 px), so it is still ≥ 24 px tall
/// as a font when a 1280 × 800 projector shows the sheet at ~0.7 of its size.
///
/// Why a layout of its own: `AppearanceSheet.compose` sizes the page to its text (a follow-up's
/// longer title and four-line swatch labels made its sheets up to 1672 × 1114 where a session's
/// were 1480 × 948, so the close-up jumped when a trainer stepped from one to the other), and
/// its 14-px text shrank to ~7 px on a projector. Here the size depends only on the panels and
/// on `slots`, the swatch count of the plan's fullest sheet, so every step of a view has the same
/// pixels; the detail text (Lab values, ΔE, pigment left) is written as HTML beside the picture.
public enum ProjectorSheet {
    public static let textScale = 4

    /// The smallest text a sheet draws, as a font size in pixels (DejaVu Sans: capitals are
    /// 0.729 em, and `textScale` sets capitals of 7 × scale pixels).
    public static var fontPixels: Double { Double(7 * textScale) / 0.729 }

    public struct Swatch: Sendable {
        public var colour: RGB
        /// One short word or two ("skin", "S2", "hair"); empty: a place kept free (not drawn).
        public var key: String
        /// The category colour (`SessionPalette`) drawn as a bar under the square.
        public var category: RGB?
        public init(colour: RGB, key: String, category: RGB? = nil) {
            self.colour = colour; self.key = key; self.category = category
        }
    }

    static let ink = RGB(20, 20, 24)

    /// `title` over `panels` (each with one caption line, wrapped to its width) over `slots`
    /// swatch places, of which `swatches` fill the first ones.
    public static func compose(title: String, panels: [(image: RGBImage, caption: String)], swatches: [Swatch],
                               slots: Int) -> RGBImage {
        let s = textScale
        let margin = 24, gap = 28
        let lineH = Canvas.textHeight(scale: s) + 5 * s
        let panelsW = panels.map(\.image.width).reduce(0, +) + gap * max(0, panels.count - 1)
        let panelsH = panels.map(\.image.height).max() ?? 0
        let wrapped = panels.map { AppearanceSheet.wrap($0.caption, width: $0.image.width, scale: s) }
        let captionH = (wrapped.map(\.count).max() ?? 0) * lineH + 6
        let square = 72
        let slotW = max(square + 12 + Canvas.textWidth("hair", scale: s), 250)
        let perRow = max(1, (panelsW + 16) / slotW)
        let rows = slots == 0 ? 0 : (slots + perRow - 1) / perRow
        let swatchH = rows * (square + 18)
        let titleLines = AppearanceSheet.wrap(title, width: panelsW, scale: s)
        let titleH = 2 * lineH
        let width = panelsW + 2 * margin
        let height = margin + titleH + captionH + panelsH + (rows > 0 ? 22 + swatchH : 0) + margin
        var canvas = RGBCanvas(width: width, height: height)
        for (i, line) in titleLines.prefix(2).enumerated() {
            canvas.text(line, x: margin, y: margin + i * lineH, scale: s, ink)
        }
        var x = margin
        let top = margin + titleH
        for (panel, caption) in zip(panels, wrapped) {
            for (i, line) in caption.enumerated() {
                canvas.text(line, x: x, y: top + i * lineH, scale: s, ink)
            }
            canvas.blit(panel.image, x: x, y: top + captionH)
            canvas.strokeRect(x: x - 1, y: top + captionH - 1, width: panel.image.width + 2, height: panel.image.height + 2, ink)
            x += panel.image.width + gap
        }
        let swatchTop = top + captionH + panelsH + 22
        for (k, swatch) in swatches.prefix(slots).enumerated() where !swatch.key.isEmpty {
            let sx = margin + (k % perRow) * slotW, sy = swatchTop + (k / perRow) * (square + 18)
            canvas.fillRect(x: sx, y: sy, width: square, height: square, swatch.colour)
            canvas.strokeRect(x: sx, y: sy, width: square, height: square, RGB(100, 100, 108))
            if let category = swatch.category {
                canvas.fillRect(x: sx, y: sy + square + 4, width: square, height: 8, category)
            }
            canvas.text(swatch.key, x: sx + square + 12, y: sy + (square - Canvas.textHeight(scale: s)) / 2, scale: s, ink)
        }
        return canvas.image
    }
}
