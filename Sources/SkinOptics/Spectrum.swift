/// The fixed wavelength grid of SkinOptics: 380–780 nm at 5 nm, 81 samples.
///
/// 5 nm is the interval of the CIE's own D65 table and the spacing recommended for
/// colorimetric summation (CIE 015:2018 §7.2); the haemoglobin table (2 nm) is resampled onto it.
public enum WavelengthGrid {
    public static let start = 380.0
    public static let step = 5.0
    public static let count = 81
    /// Wavelength in nm of sample `i`.
    @inlinable public static func wavelength(_ i: Int) -> Double { start + step * Double(i) }
    /// All 81 wavelengths, nm.
    public static let wavelengths: [Double] = (0..<count).map { wavelength($0) }
}

/// A spectral quantity (reflectance, absorption coefficient, …) sampled on `WavelengthGrid`.
public struct Spectrum: Equatable, Sendable {
    public private(set) var values: [Double]

    /// Wraps 81 samples; throws if the count is wrong.
    public init(_ values: [Double]) throws(SkinOpticsError) {
        guard values.count == WavelengthGrid.count else {
            throw .wrongSampleCount(got: values.count, expected: WavelengthGrid.count)
        }
        self.values = values
    }

    /// Samples `f(λ)` at the 81 grid wavelengths (nm).
    public init(_ f: (Double) -> Double) {
        values = WavelengthGrid.wavelengths.map(f)
    }

    /// A flat spectrum.
    public init(constant: Double) {
        values = Array(repeating: constant, count: WavelengthGrid.count)
    }

    public subscript(i: Int) -> Double { values[i] }

    /// Linear interpolation of a tabulated (x ascending) function onto the grid; values outside
    /// the table are held at the end values.
    public static func resampled(wavelengths xs: [Double], values ys: [Double]) -> Spectrum {
        precondition(xs.count == ys.count && xs.count >= 2)
        return Spectrum { w in
            if w <= xs[0] { return ys[0] }
            if w >= xs[xs.count - 1] { return ys[ys.count - 1] }
            var lo = 0, hi = xs.count - 1
            while hi - lo > 1 { let mid = (lo + hi) / 2; if xs[mid] <= w { lo = mid } else { hi = mid } }
            let t = (w - xs[lo]) / (xs[hi] - xs[lo])
            return ys[lo] + t * (ys[hi] - ys[lo])
        }
    }
}
