/// A planned frontal hairline: where it sits, its shape, how soft it is and how irregular.
///
/// Heights are measured on the skin along the midline from the glabella (as with a tape
/// measure); natural adult hairlines sit 68–80 mm up (Garg & Garg 2018, Data/SOURCES.md). Values outside
/// `heightRange` are rejected as implausible rather than clamped.
public struct HairlineDesign: Hashable, Sendable, Codable {
    public enum Shape: String, CaseIterable, Sendable, Codable {
        /// Flat across the front (only with zero irregularity does it look ruled).
        case straight
        /// Gently arched, the lateral ends a little higher than the midline.
        case rounded
        /// Rounded with a forward point on the midline.
        case widowsPeak = "widows-peak"
        /// Rounded with the frontotemporal corners set back (a mature, slightly receded line).
        case mature
    }

    /// Midline height above the glabella along the skin, mm (for `widowsPeak`, of the line the
    /// peak projects forward from).
    public var heightAboveBrowMM: Double
    public var shape: Shape
    /// Width of the soft zone over which treatment fades in, mm (5–10 looks natural).
    public var transitionMM: Double
    /// 0 = smooth geometric line, 1 = strongly irregular micro-shape.
    public var irregularity: Double
    /// Seed of the irregularity noise: same seed, same line.
    public var seed: UInt64

    public static let heightRange: ClosedRange<Double> = 50...110
    public static let transitionRange: ClosedRange<Double> = 0.5...30

    public init(heightAboveBrowMM: Double = 75, shape: Shape = .rounded, transitionMM: Double = 8,
                irregularity: Double = 0.4, seed: UInt64 = 0) throws(ScalpModelError) {
        self.heightAboveBrowMM = heightAboveBrowMM
        self.shape = shape
        self.transitionMM = transitionMM
        self.irregularity = irregularity
        self.seed = seed
        try validate()
    }

    /// Checks the fields (useful after decoding, which bypasses `init`).
    public func validate() throws(ScalpModelError) {
        guard heightAboveBrowMM.isFinite, Self.heightRange.contains(heightAboveBrowMM) else {
            throw .outOfRange(field: "hairline height_above_brow_mm", value: heightAboveBrowMM,
                              expected: "50–110 mm (natural hairlines are 68–80 mm above the glabella)")
        }
        guard transitionMM.isFinite, transitionMM > 0 else {
            throw .outOfRange(field: "hairline transition_mm", value: transitionMM, expected: "a width > 0 mm (5–10 mm looks natural)")
        }
        guard Self.transitionRange.contains(transitionMM) else {
            throw .outOfRange(field: "hairline transition_mm", value: transitionMM, expected: "0.5–30 mm (5–10 mm looks natural)")
        }
        guard irregularity.isFinite, (0...1).contains(irregularity) else {
            throw .outOfRange(field: "hairline irregularity", value: irregularity, expected: "a number in 0…1")
        }
    }
}
