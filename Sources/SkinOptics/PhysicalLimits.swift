/// A range a physical quantity must lie in, and the words every check uses to say so.
///
/// The plan reader, the optics, the fade code, the CLI options and the studio all ask a
/// `PhysicalRange` from `PhysicalLimits`, so a limit is declared once and every refusal of a
/// value states the same expectation.
public struct PhysicalRange: Sendable, Equatable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double
    /// The lower bound itself is refused (a needle depth must lie *below* the epidermis).
    public let lowerIsOpen: Bool
    /// Unit after the numbers in messages, with its leading space (" mm"), or empty.
    public let unit: String

    public init(_ range: ClosedRange<Double>, lowerIsOpen: Bool = false, unit: String = "") {
        lower = range.lowerBound
        upper = range.upperBound
        self.lowerIsOpen = lowerIsOpen
        self.unit = unit
    }

    /// Finite, within the bounds, and above an open lower bound.
    public func contains(_ value: Double) -> Bool {
        value.isFinite && value <= upper && (lowerIsOpen ? value > lower : value >= lower)
    }

    /// The smallest closed range holding every accepted value (for searches and sliders).
    public var closed: ClosedRange<Double> { (lowerIsOpen ? lower.nextUp : lower)...upper }

    /// "greater than 0.07 and at most 2 mm" or "from 0 to 100": what a message expects.
    public var expectation: String {
        (lowerIsOpen ? "greater than \(Self.text(lower)) and at most \(Self.text(upper))"
                     : "from \(Self.text(lower)) to \(Self.text(upper))") + unit
    }

    /// `(0.07, 2] mm` or `[0, 100]`: the interval in mathematical notation, for tables.
    public var description: String {
        "\(lowerIsOpen ? "(" : "[")\(Self.text(lower)), \(Self.text(upper))]\(unit)"
    }

    /// Whole numbers without a decimal point (2, not 2.0), others as Swift prints them.
    public static func text(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// Every physical limit a plan value, a CLI option or a studio request is checked against,
/// declared once. The needle depths come from the skin model's data (`Data/skin/model.json`:
/// below the sourced 0.07 mm epidermis, at most `maxPigmentDepthMM`); the rest are fixed by
/// what the quantity is.
public struct PhysicalLimits: Sendable, Equatable {
    /// Needle depth below the skin surface, mm: (epidermis thickness, `maxPigmentDepthMM`].
    public let needleDepthMM: PhysicalRange
    /// Scalp epidermis thickness, mm (`Data/skin/model.json`; 66–80 µm, Data/SOURCES.md).
    /// The optics' layer geometry and the fade model's shallow-depth response both use it.
    public let epidermisMM: Double

    public init(constants: SkinModelConstants) {
        needleDepthMM = PhysicalRange(constants.epidermisThicknessMM...constants.maxPigmentDepthMM, lowerIsOpen: true, unit: " mm")
        epidermisMM = constants.epidermisThicknessMM
    }

    /// Pigment fraction of the ink mixture: (0, 1] (1 = undiluted, 0.5 = 1:1 with diluent).
    public static let dilution = PhysicalRange(0...1, lowerIsOpen: true)
    /// CIELAB L* of a hair colour target.
    public static let hairL = PhysicalRange(0...100)
    /// CIELAB a* and b* of a hair colour target: the ±128 of 8-bit Lab encodings, far wider than
    /// any hair (the colours of `Data/hair/` lie within a* 0–14, b* 1.5–20).
    public static let hairAB = PhysicalRange(-128...128)
}
