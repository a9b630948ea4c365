import Foundation
import LinearAlgebra

/// Fits `SkinParameters` so the modelled skin's CIELAB, as the target's instrument read it,
/// matches a measured target colour.
///
/// Unknowns u = (u_mel, u_blood, u_scat, u_pheo), unconstrained; each parameter is
/// p = exp(ln lo + (ln hi − ln lo)·σ(u)) with σ the logistic function, so every trial point lies
/// inside its hard bounds (a smooth bound transform; clamping would stall the descent at a bound)
/// and multiplicative changes are equally easy at any scale. Residuals r(θ) are the three CIELAB
/// differences (model as measured − target) plus three prior rows, in L*a*b* units per e-fold:
/// the scattering scale towards the in-vivo cohort value (`priorWeight`·ln s), the pheomelanin
/// share towards Del Bino's 26 % (`pheomelaninPriorWeight`), and the melanin fraction towards
/// its skin class's published range (`melaninPriorWeight` × the distance outside the range, zero
/// inside: a soft bound, so a skin the model can only reach outside its class shows up as a
/// finding instead of a fit pinned at a class edge). Levenberg–Marquardt: each step solves the damped linear least-squares
/// problem [J; √λ·I] δ ≈ [−r; 0] with `LinearAlgebra.LeastSquaresSolver` (LAPACK dgels, QR),
/// J by central differences (h = 1e-5 in θ). A step is accepted if it lowers ‖r‖², then
/// λ ← λ/3; otherwise λ ← 4λ. Stops when the relative cost decrease of an accepted step is
/// below 1e-12, no step is accepted, or after 200 iterations. Descents start from up to five
/// points of a coarse scan and the lowest cost wins (`fit(target:name:)`).
public struct SkinPresetFitter: Sendable {
    public let basis: SkinOpticalBasis
    /// Weight of the ln(scattering scale) prior row.
    public var priorWeight: Double = 1.5
    /// Hard melanin bounds: wide enough for any skin (**assumption**: 0.2–50 % melanosomes);
    /// the class ranges act through `melaninPriorRange`.
    public var melaninBounds: ClosedRange<Double> = 0.002...0.5
    /// Dermal blood volume fraction 0.2–2 % (Jacques 2013; `Data/SOURCES.md`).
    public static let literatureBloodBounds: ClosedRange<Double> = 0.002...0.02
    public var bloodBounds: ClosedRange<Double> = SkinPresetFitter.literatureBloodBounds
    /// Scattering scale bounds around the in-vivo dermal μs′ of `Data/skin/model.json`
    /// (29.5 cm⁻¹ at 500 nm, a 3,809-person cohort): ±1/3 (**assumption**: between-person
    /// spread), i.e. μs′(550 nm) ≈ 19–33 cm⁻¹.
    public static let literatureScatteringBounds: ClosedRange<Double> = 0.75...(4.0 / 3.0)
    public var scatteringBounds: ClosedRange<Double> = SkinPresetFitter.literatureScatteringBounds
    public var pheomelaninBounds: ClosedRange<Double> = 0.05...0.6
    /// Pheomelanin share the prior pulls towards: about 26 % of epidermal melanin whatever the
    /// degree of pigmentation (Del Bino et al. 2015, Pigment Cell Melanoma Res. 28:707).
    public static let typicalPheomelaninShare = 0.26
    public var pheomelaninPriorWeight: Double = 1.5
    /// The published melanosome range of the target's skin class (Jacques), as a soft prior;
    /// `nil` leaves melanin to the colour alone.
    public var melaninPriorRange: ClosedRange<Double>? = nil
    public var melaninPriorWeight: Double = 1
    /// Share of the light the skin's surface reflects into the instrument that measured the
    /// target (`SkinToneTargets.instrumentSurfaceShare`); 0 compares the diffuse colour alone.
    public var surfaceShare: Double = 0

    /// The fitted parameters' names, in `SkinParameters` JSON spelling, with their hard bounds.
    public var bounds: [(name: String, range: ClosedRange<Double>)] {
        [("melanin_fraction", melaninBounds), ("blood_fraction", bloodBounds),
         ("scattering_scale", scatteringBounds), ("pheomelanin_share", pheomelaninBounds)]
    }

    /// Names of the parameters of `p` within 1 % (in ratio) of a hard bound.
    public func parametersAtBound(_ p: SkinParameters) -> [String] {
        let values = [p.melaninFraction, p.bloodFraction, p.scatteringScale, p.pheomelaninShare]
        return zip(bounds, values).compactMap { bound, v in
            abs(Foundation.log(v / bound.range.lowerBound)) < 0.01 || abs(Foundation.log(bound.range.upperBound / v)) < 0.01 ? bound.name : nil
        }
    }

    public init(basis: SkinOpticalBasis) { self.basis = basis }

    public struct Result: Sendable {
        public let parameters: SkinParameters
        /// The fitted skin's diffuse colour (specular excluded): what the rest of Stipple uses.
        public let modelLab: Lab
        /// The same skin as the target's instrument reads it (`surfaceShare` added).
        public let measuredLab: Lab
        /// ΔE00 between `measuredLab` and the target.
        public let residualDeltaE00: Double
        public let iterations: Int
    }

    /// Maps unconstrained u to parameters inside the bounds.
    func parameters(_ u: [Double]) -> SkinParameters {
        let bounds = [melaninBounds, bloodBounds, scatteringBounds, pheomelaninBounds]
        let v = (0..<4).map { k -> Double in
            let lo = Foundation.log(bounds[k].lowerBound), hi = Foundation.log(bounds[k].upperBound)
            return Foundation.exp(lo + (hi - lo) / (1 + Foundation.exp(-u[k])))
        }
        return SkinParameters(melaninFraction: v[0], bloodFraction: v[1], scatteringScale: v[2], pheomelaninShare: v[3])
    }

    /// Inverse of `parameters` for a value strictly inside the bounds.
    func unconstrained(_ value: Double, _ bounds: ClosedRange<Double>) -> Double {
        let lo = Foundation.log(bounds.lowerBound), hi = Foundation.log(bounds.upperBound)
        let t = min(max((Foundation.log(value) - lo) / (hi - lo), 1e-6), 1 - 1e-6)
        return Foundation.log(t / (1 - t))
    }

    func lab(_ u: [Double]) -> Lab {
        guard let diffuse = (try? SkinModel(parameters: parameters(u), basis: basis))?.lab else { return Lab(L: .nan, a: .nan, b: .nan) }
        return SurfaceReflection.adding(share: surfaceShare, to: diffuse)
    }

    func residuals(_ u: [Double], target: Lab) -> [Double] {
        let m = lab(u)
        let p = parameters(u)
        var outside = 0.0
        if let range = melaninPriorRange {
            if p.melaninFraction < range.lowerBound { outside = Foundation.log(range.lowerBound / p.melaninFraction) }
            if p.melaninFraction > range.upperBound { outside = Foundation.log(p.melaninFraction / range.upperBound) }
        }
        return [m.L - target.L, m.a - target.a, m.b - target.b,
                priorWeight * Foundation.log(p.scatteringScale),
                pheomelaninPriorWeight * Foundation.log(p.pheomelaninShare / Self.typicalPheomelaninShare),
                melaninPriorWeight * outside]
    }

    /// Fits one target. Starts come from a coarse scan (23 melanin fractions × 5 scattering
    /// scales, blood 0.5 %, pheomelanin at its prior): the best point of each scattering scale
    /// starts a descent, and the descent with the lowest cost wins (ties: the earlier start).
    /// One start is not enough: on a skin the model cannot reach (monk-8) the cost has two basins,
    /// scattering at either bound, and which one a single descent ends in flipped with changes of
    /// a few hundredths of ΔE00 in the model (found regenerating the transport correction).
    public func fit(target: Lab, name: String) throws(SkinOpticsError) -> Result {
        let starts = starts(for: target)
        var solver: LeastSquaresSolver
        do { solver = try LeastSquaresSolver(rows: 10, columns: 4) } catch { throw .fitFailed(preset: name, reason: "\(error)") }
        var winner: (theta: [Double], cost: Double, iterations: Int)? = nil
        for start in starts {
            let d = try descend(from: start, target: target, name: name, solver: &solver)
            if d.cost < winner?.cost ?? .infinity { winner = d }
        }
        guard let (theta, _, iterations) = winner else { throw .fitFailed(preset: name, reason: "no start inside the bounds") }
        let p = parameters(theta)
        let m = lab(theta)
        guard m.L.isFinite, let diffuse = try? SkinModel(parameters: p, basis: basis).lab else {
            throw .fitFailed(preset: name, reason: "model evaluation failed at \(p)")
        }
        return Result(parameters: p, modelLab: diffuse, measuredLab: m, residualDeltaE00: deltaE2000(m, target), iterations: iterations)
    }

    static func cost(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }

    /// The descents' starts, unconstrained: for each scattering scale of the scan, its best
    /// point over 23 melanin fractions (blood 0.5 %, pheomelanin at its prior).
    func starts(for target: Lab) -> [[Double]] {
        var out: [[Double]] = []
        for s in [0.8, 0.9, 1.0, 1.1, 1.25] where scatteringBounds.contains(s) {
            var best: (cost: Double, theta: [Double])? = nil
            for k in 1...23 {
                let mel = melaninBounds.lowerBound * Foundation.pow(melaninBounds.upperBound / melaninBounds.lowerBound, Double(k) / 24)
                let t = [unconstrained(mel, melaninBounds), unconstrained(0.005, bloodBounds), unconstrained(s, scatteringBounds),
                         unconstrained(Self.typicalPheomelaninShare, pheomelaninBounds)]
                let c = Self.cost(residuals(t, target: target))
                if c < best?.cost ?? .infinity { best = (c, t) }
            }
            if let best { out.append(best.theta) }
        }
        return out
    }

    /// One Levenberg–Marquardt descent from `theta` (see the type's comment).
    func descend(from start: [Double], target: Lab, name: String,
                 solver: inout LeastSquaresSolver) throws(SkinOpticsError) -> (theta: [Double], cost: Double, iterations: Int) {
        var theta = start
        var r = residuals(theta, target: target)
        var lambda = 1e-3
        var iterations = 0
        let h = 1e-5
        while iterations < 200 {
            iterations += 1
            var jac = Matrix(rows: 10, columns: 4)
            for j in 0..<4 {
                var tp = theta, tm = theta
                tp[j] += h; tm[j] -= h
                let rp = residuals(tp, target: target), rm = residuals(tm, target: target)
                for i in 0..<6 { jac[i, j] = (rp[i] - rm[i]) / (2 * h) }
            }
            var accepted = false
            var stepSize = 0.0
            for _ in 0..<30 {
                for j in 0..<4 { for k in 0..<4 { jac[6 + k, j] = k == j ? lambda.squareRoot() : 0 } }
                let rhs = r.map { -$0 } + [0, 0, 0, 0]
                let delta: [Double]
                do { delta = try solver.solve(jac, rhs) } catch { throw .fitFailed(preset: name, reason: "\(error)") }
                let candidate = (0..<4).map { theta[$0] + delta[$0] }
                let rc = residuals(candidate, target: target)
                if Self.cost(rc) < Self.cost(r) {
                    stepSize = (Self.cost(r) - Self.cost(rc)) / max(Self.cost(r), 1e-300)
                    theta = candidate; r = rc; lambda = max(lambda / 3, 1e-12); accepted = true
                    break
                }
                lambda *= 4
            }
            if !accepted || stepSize < 1e-12 { break }
        }
        return (theta, Self.cost(r), iterations)
    }
}
