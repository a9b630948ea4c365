import Foundation

/// The residual-hair pattern of one Norwood stage, in reference-head chart millimetres
/// (570 mm head; scaled by `HeadChart.referenceScale`). Residual hair is a fraction of native
/// density, 1 = full, 0 = bald, built from soft-edged pieces:
///
///     residual = native × recession × max(Π patches, bridge) × fringe
///
/// * `recession`: the hairline moved back from the native line, by `midlineMM` on the midline
///   rising smoothly to `templeMM` at |x| = `templeXMM` (the "M" of temporal recession), then
///   fading out down the sides of the head.
/// * `patches`: soft superellipses that remove `loss` of the hair inside (crown, mid-scalp…).
/// * `bridge`: a band across the top that keeps at least `retained` of the hair, which is how
///   stage IV keeps frontal and crown loss apart and stage V thins that band.
/// * `fringe`: keeps hair only within a width of the chart's lower edge — the horseshoe of VI/VII.
/// All edges are smoothsteps `softnessMM` wide. Shapes are estimates (see Data/norwood/README.md).
public struct StagePattern: Sendable, Hashable {
    public struct Recession: Sendable, Hashable {
        public var midlineMM: Double
        public var templeMM: Double
        public var templeXMM: Double
        public var softnessMM: Double
        /// Beyond |x| = templeX + start the recession fades to zero over `width` (reference mm),
        /// so the temporal fringe above the ears survives (assumption).
        public static let sideFadeStartMM = 30.0
        public static let sideFadeWidthMM = 50.0
    }

    public struct Patch: Sendable, Hashable {
        public var centerX: Double
        public var centerY: Double
        public var radiusX: Double
        public var radiusY: Double
        /// Superellipse exponent: 2 = ellipse, larger = squarer.
        public var exponent: Double
        public var softnessMM: Double
        /// Fraction of hair lost at the patch centre, 0…1.
        public var loss: Double
        /// Also apply the patch mirrored to −x (for left/right pairs).
        public var mirrored: Bool
    }

    public struct Bridge: Sendable, Hashable {
        public var centerY: Double
        public var halfWidthMM: Double
        public var retained: Double
        public var softnessMM: Double
    }

    public struct Fringe: Sendable, Hashable {
        /// Width of kept hair from the chart edge, at the sides (|φ| ≤ 90°).
        public var sideWidthMM: Double
        /// Width at the back (φ = 180°); blends from the side width as −cos φ.
        public var backWidthMM: Double
        public var softnessMM: Double
    }

    public var stage: HairLossStage
    public var description: String
    public var recession: Recession
    public var patches: [Patch]
    public var bridge: Bridge?
    public var fringe: Fringe?
}

/// C¹ smoothstep of t clamped to [0, 1].
@inline(__always)
func smoothstep01(_ t: Double) -> Double {
    let u = min(max(t, 0), 1)
    return u * u * (3 - 2 * u)
}

extension StagePattern.Patch {
    /// Fraction of hair remaining due to this patch at reference-head point (x, y).
    @inline(__always)
    func remaining(_ x: Double, _ y: Double) -> Double {
        var w = weight(x - centerX, y - centerY)
        if mirrored { w = max(w, weight(x + centerX, y - centerY)) }
        return 1 - loss * w
    }

    /// How much of (x, y) lies in this patch (and its mirror): 1 inside, 0 outside, soft edge.
    /// The treated region of a diffuse-thinning stage is the union of its patches' coverage.
    @inline(__always)
    func coverage(_ x: Double, _ y: Double) -> Double {
        let w = weight(x - centerX, y - centerY)
        return mirrored ? max(w, weight(x + centerX, y - centerY)) : w
    }

    /// 1 inside, 0 outside, smooth over `softnessMM` centred on the superellipse boundary
    /// (distance approximated by (r − 1) × mean radius, r the superellipse "radius").
    @inline(__always)
    private func weight(_ dx: Double, _ dy: Double) -> Double {
        let u = abs(dx) / radiusX, v = abs(dy) / radiusY
        let r: Double
        if exponent == 2 { r = (u * u + v * v).squareRoot() } else {
            r = pow(pow(u, exponent) + pow(v, exponent), 1 / exponent)
        }
        let distance = (r - 1) * (radiusX + radiusY) / 2
        return 1 - smoothstep01(distance / softnessMM + 0.5)
    }
}
