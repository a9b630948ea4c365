/// Head measurements the ellipsoid is fitted to, all in millimetres.
///
/// Only the circumference is normally known for a client; the other four are population
/// figures scaled by the circumference ratio (`scaled(circumferenceMM:)`). The arcs are taken
/// *between points on the circumference plane* (glabella → opisthocranion over the vertex,
/// and side to side over the vertex), which is what the ellipsoid model can represent.
/// See `Data/norwood/README.md`, "Sources and assumptions".
public struct HeadMeasurements: Hashable, Sendable, Codable {
    /// Horizontal circumference through the glabella and the back of the head.
    public var circumference: Double
    /// Glabella to opisthocranion (maximum head length).
    public var length: Double
    /// Maximum head breadth above the ears.
    public var breadth: Double
    /// Midline arc over the vertex between the front and back points of the circumference plane.
    public var sagittalArc: Double
    /// Transverse arc over the vertex between the side points of the circumference plane.
    public var coronalArc: Double

    public init(circumference: Double, length: Double, breadth: Double, sagittalArc: Double, coronalArc: Double) {
        self.circumference = circumference
        self.length = length
        self.breadth = breadth
        self.sagittalArc = sagittalArc
        self.coronalArc = coronalArc
    }

    /// The reference adult male head (circumference 570 mm, Pheasant; Data/SOURCES.md).
    /// Length 195 mm and breadth 155 mm: 50th-percentile British men, Pheasant's *Bodyspace*
    /// tables. The arcs 310 / 282 mm are an **assumption**: they put the vertex ≈ 100 mm above
    /// the brow plane (survey arcs, ≈ 350 mm, end at the inion and tragia, well below this plane).
    public static let reference = HeadMeasurements(
        circumference: 570, length: 195, breadth: 155, sagittalArc: 310, coronalArc: 282)

    /// Plausible head circumferences (mm); outside this range inputs are rejected.
    public static let circumferenceRange: ClosedRange<Double> = 400...700

    /// Reference measurements scaled by `circumferenceMM / 570` (heads assumed geometrically similar).
    public static func scaled(circumferenceMM: Double) throws(ScalpModelError) -> HeadMeasurements {
        guard circumferenceMM.isFinite, circumferenceRange.contains(circumferenceMM) else {
            throw .outOfRange(field: "head circumference (mm)", value: circumferenceMM,
                              expected: "\(Int(circumferenceRange.lowerBound))–\(Int(circumferenceRange.upperBound)) mm")
        }
        let k = circumferenceMM / reference.circumference
        let r = reference
        return HeadMeasurements(circumference: circumferenceMM, length: r.length * k, breadth: r.breadth * k,
                                sagittalArc: r.sagittalArc * k, coronalArc: r.coronalArc * k)
    }
}
