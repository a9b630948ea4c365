import Foundation

/// A hairline on a particular chart: chart y as a function of chart x.
///
/// The geometric profile is built in reference-head millimetres (570 mm circumference) and
/// scaled by `HeadChart.referenceScale`. Across the forehead (|x| < W, the frontotemporal
/// points) the shape decides the curve; beyond W the line climbs back along the temples at a
/// fixed slope until it leaves the chart in front of the ears, joined C¹ to the frontal part.
/// Profile numbers are design **assumptions** chosen to look like standard hairline drawings
/// (and to give a ≈ 500 cm² Norwood I scalp with a 70 mm native line); see Data/norwood/README.md.
/// Irregularity adds two octaves of seeded smooth noise (≈ 14 mm and ≈ 4 mm wavelength).
public struct HairlineCurve: Sendable {
    public let design: HairlineDesign
    /// Chart y of the (noise-free) midline point.
    public let midlineY: Double
    let scale: Double
    let coarse: SmoothNoise1D
    let fine: SmoothNoise1D

    // Reference-head profile constants, mm (assumptions, see type doc).
    static let frontalHalfWidth = 58.0
    static let roundedRise = 8.0
    static let templeSlope = 0.35
    static let templeBlend = 12.0
    static let matureSetback = 14.0
    static let widowsPeakDepth = 8.0
    static let widowsPeakWidth = 10.0
    static let coarseAmplitude = 2.5, coarseWavelength = 14.0
    static let fineAmplitude = 0.8, fineWavelength = 4.0

    public init(design: HairlineDesign, chart: HeadChart) {
        self.design = design
        scale = chart.referenceScale
        midlineY = chart.chartY(heightAboveBrowMM: design.heightAboveBrowMM)
        let b = chart.bounds
        coarse = SmoothNoise1D(seed: design.seed, wavelength: Self.coarseWavelength * scale, from: b.minX, to: b.maxX)
        fine = SmoothNoise1D(seed: design.seed ^ 0xA5A5_5A5A_DEAD_BEEF, wavelength: Self.fineWavelength * scale,
                             from: b.minX, to: b.maxX)
    }

    /// Chart y of the hairline at chart x (mm).
    public func y(atX x: Double) -> Double {
        let u = abs(x) / scale  // reference-head mm from the midline
        let w = Self.frontalHalfWidth
        var f = 0.0
        let arch = Self.roundedRise * min(u / w, 1) * min(u / w, 1)
        switch design.shape {
        case .straight: break
        case .rounded: f = arch
        case .widowsPeak: f = arch - Self.widowsPeakDepth * exp(-(u * u) / (Self.widowsPeakWidth * Self.widowsPeakWidth))
        case .mature:
            let t = min(max((u - 0.4 * w) / (0.6 * w), 0), 1)
            f = arch + Self.matureSetback * t * t * (3 - 2 * t)
        }
        // Temples: slope ramps up over `templeBlend` past the frontotemporal point (C¹ join).
        let d = u - w
        if d > 0 {
            let e = Self.templeBlend
            f += Self.templeSlope * (d < e ? d * d / (2 * e) : d - e / 2)
        }
        let noise = design.irregularity
            * (Self.coarseAmplitude * coarse.value(at: x) + Self.fineAmplitude * fine.value(at: x))
        return midlineY + scale * (f + noise)
    }

    /// dy/dx of the hairline (central difference; the curve is C¹).
    public func slope(atX x: Double) -> Double {
        let h = 0.05
        return (y(atX: x + h) - y(atX: x - h)) / (2 * h)
    }

    /// Signed distance (mm) from the hairline, positive behind it (towards the nape), using the
    /// first-order normal distance of a graph, (y − h(x)) / √(1 + h′²); exact for straight
    /// pieces and within a few per cent over the transition zone for this curvature.
    public func signedDistance(x: Double, y: Double) -> Double {
        (y - self.y(atX: x)) / (1 + slope(atX: x) * slope(atX: x)).squareRoot()
    }

    /// The part of the curve on the chart, ordered left → right (x increasing), one point per
    /// `step` mm of x: the contiguous run through the midline.
    public func points(on chart: HeadChart, step: Double = 1) -> [ChartPoint] {
        var right: [ChartPoint] = []
        var x = 0.0
        while chart.contains(x: x, y: y(atX: x)) { right.append(ChartPoint(x: x, y: y(atX: x))); x += step }
        var left: [ChartPoint] = []
        x = -step
        while chart.contains(x: x, y: y(atX: x)) { left.append(ChartPoint(x: x, y: y(atX: x))); x -= step }
        return left.reversed() + right
    }
}
