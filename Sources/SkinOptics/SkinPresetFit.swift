import Foundation
import LinearAlgebra

/// Fits `SkinParameters` so the modelled skin's CIELAB matches a target colour.
///
/// Unknowns u = (u_mel, u_blood, u_scat), unconstrained; each parameter is
/// p = exp(ln lo + (ln hi − ln lo)·σ(u)) with σ the logistic function, so every trial point lies
/// inside its bounds (a smooth bound transform; clamping would stall the descent at a bound)
/// and multiplicative changes are equally easy at any scale. Residuals r(θ) are the three CIELAB differences
/// (model − target) plus one weak prior row w·ln(scattering scale) that keeps the scattering
/// near the literature value when colour alone cannot decide (weight `priorWeight`, in L*a*b*
/// units per e-fold). Levenberg–Marquardt: each step solves the damped linear least-squares
/// problem [J; √λ·I] δ ≈ [−r; 0] with `LinearAlgebra.LeastSquaresSolver` (LAPACK dgels, QR),
/// J by central differences (h = 1e-5 in θ). A step is accepted if it lowers ‖r‖², then
/// λ ← λ/3; otherwise λ ← 4λ. Stops when the relative cost decrease of an accepted step is
/// below 1e-12, no step is accepted, or after 200 iterations.
public struct SkinPresetFitter: Sendable {
    public let basis: SkinOpticalBasis
    /// Weight of the ln(scattering scale) prior row.
    public var priorWeight: Double = 0.5
    /// Bounds used by the fit (ln space); a subset of the model's accepted ranges.
    public var melaninBounds: ClosedRange<Double> = 0.001...0.45
    public var bloodBounds: ClosedRange<Double> = 0.001...0.05
    /// Scattering scale bounds around the in-vivo dermal μs′ of `Data/skin/model.json`
    /// (29.5 cm⁻¹ at 500 nm, a 3,809-person cohort): ±1/3 (**assumption**: between-person
    /// spread), i.e. μs′(550 nm) ≈ 19–33 cm⁻¹.
    public static let literatureScatteringBounds: ClosedRange<Double> = 0.75...(4.0 / 3.0)
    public var scatteringBounds: ClosedRange<Double> = SkinPresetFitter.literatureScatteringBounds
    public var pheomelaninBounds: ClosedRange<Double> = 0.05...0.6
    /// Pheomelanin share the prior pulls towards: about 26 % of epidermal melanin whatever the
    /// degree of pigmentation (Del Bino et al. 2015, Pigment Cell Melanoma Res. 28:707).
    public static let typicalPheomelaninShare = 0.26

    public init(basis: SkinOpticalBasis) { self.basis = basis }

    public struct Result: Sendable {
        public let parameters: SkinParameters
        public let modelLab: Lab
        /// ΔE00 between the fitted model and the target.
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
        (try? SkinModel(parameters: parameters(u), basis: basis))?.lab ?? Lab(L: .nan, a: .nan, b: .nan)
    }

    func residuals(_ u: [Double], target: Lab) -> [Double] {
        let m = lab(u)
        let p = parameters(u)
        return [m.L - target.L, m.a - target.a, m.b - target.b,
                priorWeight * Foundation.log(p.scatteringScale), priorWeight * Foundation.log(p.pheomelaninShare / Self.typicalPheomelaninShare)]
    }

    /// Fits one target. The start point is chosen from a coarse melanin scan so the descent
    /// starts in the right basin (melanin dominates lightness).
    public func fit(target: Lab, name: String) throws(SkinOpticsError) -> Result {
        func cost(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        var theta = [0.0, 0.0, 0.0, 0.0]
        var best = Double.infinity
        for k in 1...23 {
            let mel = melaninBounds.lowerBound * Foundation.pow(melaninBounds.upperBound / melaninBounds.lowerBound, Double(k) / 24)
            for s in [0.8, 0.9, 1.0, 1.1, 1.25] where scatteringBounds.contains(s) {
                let t = [unconstrained(mel, melaninBounds), unconstrained(0.005, bloodBounds), unconstrained(s, scatteringBounds),
                         unconstrained(Self.typicalPheomelaninShare, pheomelaninBounds)]
                let c = cost(residuals(t, target: target))
                if c < best { best = c; theta = t }
            }
        }
        var solver: LeastSquaresSolver
        do { solver = try LeastSquaresSolver(rows: 9, columns: 4) } catch { throw .fitFailed(preset: name, reason: "\(error)") }
        var r = residuals(theta, target: target)
        var lambda = 1e-3
        var iterations = 0
        let h = 1e-5
        while iterations < 200 {
            iterations += 1
            var jac = Matrix(rows: 9, columns: 4)
            for j in 0..<4 {
                var tp = theta, tm = theta
                tp[j] += h; tm[j] -= h
                let rp = residuals(tp, target: target), rm = residuals(tm, target: target)
                for i in 0..<5 { jac[i, j] = (rp[i] - rm[i]) / (2 * h) }
            }
            var accepted = false
            var stepSize = 0.0
            for _ in 0..<30 {
                for j in 0..<4 { for k in 0..<4 { jac[5 + k, j] = k == j ? lambda.squareRoot() : 0 } }
                let rhs = r.map { -$0 } + [0, 0, 0, 0]
                let delta: [Double]
                do { delta = try solver.solve(jac, rhs) } catch { throw .fitFailed(preset: name, reason: "\(error)") }
                let candidate = (0..<4).map { theta[$0] + delta[$0] }
                let rc = residuals(candidate, target: target)
                if cost(rc) < cost(r) {
                    stepSize = (cost(r) - cost(rc)) / max(cost(r), 1e-300)
                    theta = candidate; r = rc; lambda = max(lambda / 3, 1e-12); accepted = true
                    break
                }
                lambda *= 4
            }
            if !accepted || stepSize < 1e-12 { break }
        }
        let p = parameters(theta)
        let m = lab(theta)
        guard m.L.isFinite else { throw .fitFailed(preset: name, reason: "model evaluation failed at \(p)") }
        return Result(parameters: p, modelLab: m, residualDeltaE00: deltaE2000(m, target), iterations: iterations)
    }
}
