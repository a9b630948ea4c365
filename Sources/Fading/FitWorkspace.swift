import Foundation
import LinearAlgebra

/// Options of a fit. Tolerances are MINPACK's (√ε ≈ 1.49e-8, the defaults of SciPy's `leastsq`
/// and `curve_fit`); each stopping test is described in `StoppingRules`.
public struct FitOptions: Sendable, Equatable {
    /// Stop when a step changes the SSR by ≤ ftol relatively and the linear model predicts no more.
    public var ftol = FitOptions.defaultTolerance
    /// Stop when the scaled step is ≤ xtol relative to the scaled parameter vector.
    public var xtol = FitOptions.defaultTolerance
    /// Stop when the residuals are within gtol (cosine) of orthogonal to every Jacobian column.
    public var gtol = FitOptions.defaultTolerance
    /// Jacobian evaluations allowed before reporting "not converged" with the best estimate.
    /// MINPACK's lmder allows 100·(q + 1) function evaluations; 1000 covers q ≤ 9 and lets the
    /// hard NIST starts (MGH09 from Start 1 needs about 370) finish.
    public var maxIterations = FitOptions.defaultMaxIterations
    public static let defaultTolerance = 1.49012e-8
    public static let defaultMaxIterations = 1000
    /// k of k-fold cross-validation (0 or 1: none). Point i (by day) goes to fold i mod k.
    public var folds = 5
    /// Sun exposure used by the UV-scaled model while fitting.
    public var sunExposure = FadeConditions.referenceSunExposure
    /// Start values by parameter name (default: the model defaults).
    public var start: [String: Double] = [:]

    public init() {}
}

/// The raw buffers of one fit, carved out of a workspace arena (valid until the next `ensure`).
struct LMBuffers {
    var parameters: UnsafeMutablePointer<Double>       // P: full model parameter vector
    var trialParameters: UnsafeMutablePointer<Double>  // P
    var gradient: UnsafeMutablePointer<Double>         // P
    var theta: UnsafeMutablePointer<Double>            // q: free model parameters, then affine amplitudes
    var trialTheta: UnsafeMutablePointer<Double>
    var lower: UnsafeMutablePointer<Double>, upper: UnsafeMutablePointer<Double>
    var scale: UnsafeMutablePointer<Double>            // q: Marquardt scaling (running max of column norms)
    var step: UnsafeMutablePointer<Double>             // q
    var retained: UnsafeMutablePointer<Double>         // n
    var trialRetained: UnsafeMutablePointer<Double>    // n
    var modelJacobian: UnsafeMutablePointer<Double>    // n × P
    var trialModelJacobian: UnsafeMutablePointer<Double> // n × P
    var jacobian: UnsafeMutablePointer<Double>         // m × q
    var residual: UnsafeMutablePointer<Double>         // m
    var trialResidual: UnsafeMutablePointer<Double>    // m
    var augmented: UnsafeMutablePointer<Double>        // (m + q) × q
    var augmentedRHS: UnsafeMutablePointer<Double>     // m + q
    var inverseR: UnsafeMutablePointer<Double>         // q × q
    let n: Int, p: Int, m: Int, q: Int
}

/// Buffers one thread reuses across fits: one arena of doubles, grown only when a larger fit
/// comes along, plus LAPACK solvers per system shape. After the first fit of a given size a
/// fit allocates nothing in its iteration loop.
public final class FitWorkspace {
    private var arena: UnsafeMutablePointer<Double>
    private var capacity: Int
    var foldDays: [Double] = [], foldValues: [Double] = []
    var solvers: [Int: LeastSquaresSolver] = [:]
    var systemSolvers: [Int: LinearSystemSolver] = [:]
    var tQuantiles: [Int: Double] = [:]
    /// The buffers of the latest `ensure` (the estimate of the latest fit lives here).
    private(set) var buffers: LMBuffers?

    public init() {
        capacity = 1024
        arena = .allocate(capacity: capacity)
        arena.initialize(repeating: 0, count: capacity)
    }

    deinit { arena.deallocate() }

    func ensure(n: Int, parameters p: Int, m: Int, q: Int) -> LMBuffers {
        let sizes = [p, p, p, q, q, q, q, q, q, n, n, n * p, n * p, m * q, m, m, (m + q) * q, m + q, q * q]
        let total = sizes.reduce(0, +)
        if total > capacity {
            arena.deallocate()
            capacity = max(total, 2 * capacity)
            arena = .allocate(capacity: capacity)
            arena.initialize(repeating: 0, count: capacity)
        }
        var offset = 0
        var pointers: [UnsafeMutablePointer<Double>] = []
        pointers.reserveCapacity(sizes.count)
        for size in sizes { pointers.append(arena + offset); offset += size }
        let b = LMBuffers(parameters: pointers[0], trialParameters: pointers[1], gradient: pointers[2], theta: pointers[3],
                          trialTheta: pointers[4], lower: pointers[5], upper: pointers[6], scale: pointers[7], step: pointers[8],
                          retained: pointers[9], trialRetained: pointers[10], modelJacobian: pointers[11], trialModelJacobian: pointers[12],
                          jacobian: pointers[13], residual: pointers[14], trialResidual: pointers[15], augmented: pointers[16],
                          augmentedRHS: pointers[17], inverseR: pointers[18], n: n, p: p, m: m, q: q)
        buffers = b
        return b
    }

    /// Takes the solver for a shape out of the cache (so it is uniquely referenced while used).
    func takeSolver(rows: Int, columns: Int) throws(LinearAlgebraError) -> LeastSquaresSolver {
        let key = rows &* 64 &+ columns
        if let solver = solvers.removeValue(forKey: key) { return solver }
        return try LeastSquaresSolver(rows: rows, columns: columns)
    }

    func returnSolver(_ solver: LeastSquaresSolver) {
        solvers[solver.rows &* 64 &+ solver.columns] = solver
    }

    func tQuantile(df: Int) -> Double {
        if let t = tQuantiles[df] { return t }
        let t = FitStatistics.studentTQuantile(0.975, df: Double(df))
        tQuantiles[df] = t
        return t
    }
}
