import CLapacke

/// Eigen-decomposition of a real general (non-symmetric) square matrix with LAPACK `dgeev`,
/// for matrices known to have real eigenvalues (e.g. rate matrices of linear compartment
/// models). A complex pair is reported as `complexEigenvalues` rather than silently dropped.
public struct GeneralEigendecomposition: Sendable {
    /// Eigenvalues in LAPACK's order (not sorted).
    public let values: [Double]
    /// Right eigenvectors as the columns of a matrix (each of unit 2-norm), in the order of `values`.
    public let vectors: Matrix

    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let n = try matrix.squareOrder(for: "eigen-decomposition")
        var a = matrix.storage
        var wr = [Double](repeating: 0, count: n), wi = wr
        var vr = [Double](repeating: 0, count: n * n)
        var vlDummy = 0.0
        let info = a.withUnsafeMutableBufferPointer { ap in
            wr.withUnsafeMutableBufferPointer { wrp in
                wi.withUnsafeMutableBufferPointer { wip in
                    vr.withUnsafeMutableBufferPointer { vrp in
                        LAPACKE_dgeev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")),
                                      clapack_int(n), ap.baseAddress, clapack_int(n), wrp.baseAddress, wip.baseAddress,
                                      &vlDummy, 1, vrp.baseAddress, clapack_int(n))
                    }
                }
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgeev", argument: Int(-info)) }
        if info > 0 { throw .noConvergence(routine: "dgeev", info: Int(info)) }
        var largest = 0.0
        for k in 0..<n { largest = max(largest, abs(wr[k]), abs(wi[k])) }
        for k in 0..<n where abs(wi[k]) > 1e-12 * max(largest, 1e-300) {
            throw .complexEigenvalues(routine: "dgeev", index: k + 1)
        }
        var vectors = Matrix(rows: n, columns: n)
        vectors.storage = vr
        self.values = wr
        self.vectors = vectors
    }
}

/// Solves square linear systems A X = B with LAPACK `dgesv` (LU with partial pivoting).
/// The pivot and matrix buffers are kept, so repeated solves of one order allocate nothing.
public struct LinearSystemSolver: Sendable {
    public let order: Int
    private var a: [Double]
    private var pivots: [clapack_int]

    public init(order: Int) throws(LinearAlgebraError) {
        guard order >= 1 else { throw .invalidShape("linear solve needs order ≥ 1, got \(order)") }
        self.order = order
        a = [Double](repeating: 0, count: order * order)
        pivots = [clapack_int](repeating: 0, count: order)
    }

    /// Solves A X = B in place: `matrix` is n×n column-major (left untouched), `rhs` holds
    /// `rightHandSides` columns of length n and is overwritten with X.
    public mutating func solve(matrix: UnsafeBufferPointer<Double>, rhs: UnsafeMutableBufferPointer<Double>,
                               rightHandSides: Int = 1) throws(LinearAlgebraError) {
        let n = order
        guard matrix.count >= n * n, rightHandSides >= 1, rhs.count >= n * rightHandSides else {
            throw .invalidShape("expected a \(n)×\(n) matrix and \(rightHandSides) right-hand sides of length \(n)")
        }
        a.withUnsafeMutableBufferPointer { dst in dst.baseAddress!.update(from: matrix.baseAddress!, count: n * n) }
        var largest = 0.0
        for v in a { largest = max(largest, abs(v)) }
        let info = a.withUnsafeMutableBufferPointer { ap in
            pivots.withUnsafeMutableBufferPointer { pp in
                LAPACKE_dgesv(LAPACK_COL_MAJOR, clapack_int(n), clapack_int(rightHandSides), ap.baseAddress, clapack_int(n),
                              pp.baseAddress, rhs.baseAddress, clapack_int(n))
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgesv", argument: Int(-info)) }
        if info > 0 { throw .singular(routine: "dgesv", info: Int(info)) }
        // dgesv reports only an exactly zero pivot; treat a pivot lost in rounding as singular too.
        for k in 0..<n where abs(a[k * n + k]) <= largest * 1e-13 { throw .singular(routine: "dgesv", info: k + 1) }
    }

    /// Convenience: X solving A X = B for a `Matrix` A and B.
    public mutating func solve(_ matrix: Matrix, _ rhs: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard matrix.rows == order, matrix.columns == order, rhs.rows == order else {
            throw .invalidShape("expected \(order)×\(order) system, got \(matrix.rows)×\(matrix.columns) with \(rhs.rows)×\(rhs.columns) right-hand sides")
        }
        var x = rhs
        try matrix.storage.withUnsafeBufferPointer { (m) throws(LinearAlgebraError) in
            try x.storage.withUnsafeMutableBufferPointer { (b) throws(LinearAlgebraError) in
                try solve(matrix: m, rhs: b, rightHandSides: rhs.columns)
            }
        }
        return x
    }
}

/// e^A for a small square matrix by scaling and squaring with a diagonal [6/6] Padé approximant
/// (Higham 2005 scheme, degree 6 for simplicity): the denominator is solved with `dgesv`.
/// Exact up to rounding for any A, including defective matrices where eigenvectors fail.
public func matrixExponential(_ matrix: Matrix) throws(LinearAlgebraError) -> Matrix {
    guard matrix.rows == matrix.columns, matrix.rows > 0 else {
        throw .invalidShape("matrix exponential needs a non-empty square matrix, got \(matrix.rows)×\(matrix.columns)")
    }
    let n = matrix.rows
    // ∞-norm, then scale so that ‖A/2^s‖ ≤ 0.5.
    var norm = 0.0
    for r in 0..<n {
        var s = 0.0
        for c in 0..<n { s += abs(matrix[r, c]) }
        norm = max(norm, s)
    }
    guard norm.isFinite else { throw .invalidShape("matrix exponential of a matrix with non-finite entries") }
    var squarings = 0
    var scaled = norm
    while scaled > 0.5 && squarings < 60 { scaled /= 2; squarings += 1 }
    let scale = 1 / Double(1 << min(squarings, 62))
    var a = matrix
    for i in a.storage.indices { a.storage[i] *= scale }
    func multiply(_ x: Matrix, _ y: Matrix) -> Matrix {
        var z = Matrix(rows: n, columns: n)
        for c in 0..<n { for k in 0..<n { let v = y[k, c]; if v != 0 { for r in 0..<n { z.storage[c * n + r] += x.storage[k * n + r] * v } } } }
        return z
    }
    // Padé [6/6] coefficients c_k = (2q−k)! q! / ((2q)! k! (q−k)!), q = 6.
    let q = 6
    var coefficients = [1.0]
    for k in 1...q { coefficients.append(coefficients[k - 1] * Double(q - k + 1) / Double(k * (2 * q - k + 1))) }
    var numerator = Matrix(rows: n, columns: n), denominator = Matrix(rows: n, columns: n)
    var power = Matrix(rows: n, columns: n)
    for i in 0..<n { power[i, i] = 1 }
    for k in 0...q {
        if k > 0 { power = multiply(power, a) }
        let sign = k % 2 == 0 ? 1.0 : -1.0
        for i in 0..<(n * n) {
            numerator.storage[i] += coefficients[k] * power.storage[i]
            denominator.storage[i] += sign * coefficients[k] * power.storage[i]
        }
    }
    var solver = try LinearSystemSolver(order: n)
    var result = try solver.solve(denominator, numerator)
    for _ in 0..<squarings { result = multiply(result, result) }
    return result
}
