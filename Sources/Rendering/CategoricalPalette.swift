import Foundation

/// The one categorical palette of every Stipple figure: session k, or fade model m, is drawn in
/// the same colour in the dot map, the fade curves, report.html's keys, the appearance and
/// head-view swatch keys and the fade benchmark charts.
///
/// The colours are Okabe & Ito's "Color Universal Design" set (2008; also Wong, Nature Methods
/// 8:441, 2011): distinguishable with the common colour-vision deficiencies (protan, deutan,
/// tritan). They are ordered by what a projected chart needs: the five with at least 3:1
/// contrast against white (WCAG 2.1 SC 1.4.11, non-text contrast) come first — every shipped
/// plan has five sessions or fewer — then orange and sky blue (about 2.3:1). Okabe–Ito's yellow
/// (#F0E442, 1.3:1 on white, 1.07:1 on the dot map's bare scalp) is left out: it disappears on
/// a projector. After seven categories the colours repeat. Source and numbers: Data/SOURCES.md,
/// "Figure colours".
///
/// Categorical keys only: the appearance previews and head views draw dots in their modelled
/// physical colour; the palette marks which session a swatch, a line or a dot-map marker is.
public enum CategoricalPalette {
    /// In order of use; `colour(_:)` cycles through them.
    public static let colours: [RGB] = [
        RGB(hex: 0x0072B2),  // blue            5.19:1 on white
        RGB(hex: 0xD55E00),  // vermillion      3.87:1
        RGB(hex: 0x009E73),  // bluish green    3.42:1
        RGB(hex: 0xCC79A7),  // reddish purple  3.06:1
        RGB(hex: 0x000000),  // black          21.00:1
        RGB(hex: 0xE69F00),  // orange          2.25:1
        RGB(hex: 0x56B4E9),  // sky blue        2.31:1
    ]

    /// How many leading colours meet 3:1 against white.
    public static let highContrastCount = 5

    /// Colour of category `index` (0-based), repeating after `colours.count`.
    public static func colour(_ index: Int) -> RGB {
        let n = colours.count
        return colours[((index % n) + n) % n]
    }

    /// A colour per name, stable whatever subset or order is shown: names in `order` take their
    /// position there (a fade model's place in the library's built-in order); any other name
    /// follows, in the order first met in `names`.
    public static func keyed(_ names: [String], order: [String]) -> [String: RGB] {
        var out: [String: RGB] = [:]
        for (i, name) in order.enumerated() { out[name] = colour(i) }
        var next = order.count
        for name in names where out[name] == nil {
            out[name] = colour(next)
            next += 1
        }
        return out
    }
}

/// Session colours: session k (1-based) in `CategoricalPalette.colour(k - 1)`, in every figure.
public enum SessionPalette {
    /// Colour of session `number` (1-based, as printed).
    public static func colour(session number: Int) -> RGB { CategoricalPalette.colour(number - 1) }

    /// "#rrggbb" of session `number`, for HTML keys.
    public static func hex(session number: Int) -> String { colour(session: number).hexString }
}

extension RGB {
    /// WCAG 2.1 relative luminance (sRGB decoded to linear light, Rec. 709 weights).
    public var relativeLuminance: Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 (same) to 21 (black on white).
    public func contrastRatio(against other: RGB) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
