import Foundation

/// Round numbers for axes, colour bars and legend maxima: one home for Stipple's tick rules.
///
/// The three rules differ on purpose, and each picture keeps the one it was drawn with (their
/// outputs are part of the golden files):
/// - `ticks(_:target:)`: positions on a line chart's axis, steps of 1, 2 or 5 × 10ᵏ;
/// - `tickStep(_:)`: the step of a colour bar, 1, 2, 2.5 or 5 × 10ᵏ (quarters of 100 land on 25);
/// - `ceiling(_:)`: a colour scale's maximum, from a finer ladder (1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
///   6, 8 × 10ᵏ) so the scale is not stretched much beyond the data.
public enum NiceNumbers {
    /// Tick positions covering `range` with about `target` steps of 1, 2 or 5 × 10ᵏ.
    public static func ticks(_ range: ClosedRange<Double>, target: Int = 6) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var v = ceil(range.lowerBound / step - 1e-9) * step
        while v <= range.upperBound + 1e-9 * step { ticks.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
        return ticks
    }

    /// 1, 2, 2.5 or 5 × a power of ten, at least `rough` (1 for non-positive input).
    public static func tickStep(_ rough: Double) -> Double {
        guard rough > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * power >= rough { return m * power }
        return 10 * power
    }

    /// 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten at or above `value` (1 for
    /// non-positive input). The power is built by repeated multiplication, exact for the
    /// magnitudes of densities and lengths.
    public static func ceiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let e = Int((log10(value)).rounded(.down))
        var power = 1.0
        if e >= 0 { for _ in 0..<e { power *= 10 } } else { for _ in 0..<(-e) { power /= 10 } }
        for step in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * power >= value { return step * power }
        return 10 * power
    }
}
