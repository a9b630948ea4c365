import CLapacke

/// Solves overdetermined linear least-squares problems min ‖A x − b‖₂ with LAPACK's QR-based
/// `dgels`. The workspace is queried once per problem shape and kept, because for the small
/// systems Stipple solves in loops (Gauss–Newton steps, fits) LAPACK's per-call allocation
/// would otherwise dominate the cost.
public struct LeastSquaresSolver: Sendable {
    public let rows: Int
    public let columns: Int
    /// A diagonal element of R counts as zero when it is below this fraction of the norm of its
    /// own column of A. |R_kk|/‖A_k‖ is the sine of the angle between column k and the span of
    /// the columns before it, so the test does not change when a column is rescaled: columns whose
    /// scales differ by 12 orders of magnitude are full rank if they point in different
    /// directions (a test against the largest |R_ii| would call the small one zero). Householder
    /// QR is backward stable column by column, so the computed sine is accurate to about ε.
    static let rankTolerance = 1e-12
    private var work: [Double]
    private var a: [Double]
    private var b: [Double]

    /// Prepares a solver for `rows × columns` systems (rows ≥ columns ≥ 1).
    public init(rows: Int, columns: Int) throws(LinearAlgebraError) {
        guard columns >= 1, rows >= columns else {
            throw .invalidShape("least squares needs rows ≥ columns ≥ 1, got \(rows)×\(columns)")
        }
        self.rows = rows
        self.columns = columns
        var a = [Double](repeating: 0, count: rows * columns)
        var b = [Double](repeating: 0, count: rows)
        var query = 0.0
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dgels_work(
                    LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), clapack_int(rows), clapack_int(columns), 1,
                    ap.baseAddress, clapack_int(rows), bp.baseAddress, clapack_int(rows), &query, -1)
            }
        }
        guard info == 0 else { throw .illegalArgument(routine: "dgels", argument: Int(-info)) }
        self.a = a
        self.b = b
        self.work = [Double](repeating: 0, count: max(1, Int(query)))
    }

    /// Returns x minimising ‖A x − b‖₂. `matrix` must match the solver's shape.
    public mutating func solve(_ matrix: Matrix, _ rhs: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard matrix.rows == rows, matrix.columns == columns, rhs.count == rows else {
            throw .invalidShape("expected \(rows)×\(columns) system, got \(matrix.rows)×\(matrix.columns) with \(rhs.count) right-hand sides")
        }
        var x = [Double](repeating: 0, count: columns)
        try matrix.storage.withUnsafeBufferPointer { (ap) throws(LinearAlgebraError) in
            try rhs.withUnsafeBufferPointer { (bp) throws(LinearAlgebraError) in
                try x.withUnsafeMutableBufferPointer { (xp) throws(LinearAlgebraError) in
                    try solve(matrix: ap, rhs: bp, solution: xp)
                }
            }
        }
        return x
    }

    /// Allocation-free form for solver loops: `matrix` is `rows × columns` column-major, `rhs`
    /// has `rows` entries, and the first `columns` entries of `solution` receive x. After the
    /// call, `upperTriangle(row:column:)` reads R of A = QR (useful for (AᵀA)⁻¹ = R⁻¹R⁻ᵀ).
    public mutating func solve(matrix: UnsafeBufferPointer<Double>, rhs: UnsafeBufferPointer<Double>,
                               solution: UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) {
        guard matrix.count >= rows * columns, rhs.count >= rows, solution.count >= columns else {
            throw .invalidShape("expected a \(rows)×\(columns) system, got buffers of \(matrix.count), \(rhs.count) and \(solution.count)")
        }
        if columns <= Self.householderMaxColumns && !forceLAPACK {
            try solveSmall(matrix: matrix, rhs: rhs, solution: solution)
            return
        }
        let (m, n, lwork) = (clapack_int(rows), clapack_int(columns), clapack_int(work.count))
        let count = rows * columns, rowCount = rows
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                work.withUnsafeMutableBufferPointer { wp in
                    ap.baseAddress!.update(from: matrix.baseAddress!, count: count)
                    bp.baseAddress!.update(from: rhs.baseAddress!, count: rowCount)
                    return LAPACKE_dgels_work(
                        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), m, n, 1,
                        ap.baseAddress, m, bp.baseAddress, m, wp.baseAddress, lwork)
                }
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgels", argument: Int(-info)) }
        if info > 0 { throw .rankDeficient(routine: "dgels", info: Int(info)) }
        // dgels only reports an exactly zero pivot; a pivot lost in rounding would give a
        // huge, meaningless solution instead. `a` now holds R of A = QR: check its diagonal
        // against each column's own norm (scale-free, see `rankTolerance`).
        if let k = Self.rankDeficientColumn(a, rows: rows, columns: columns) { throw .rankDeficient(routine: "dgels", info: k + 1) }
        for k in 0..<columns { solution[k] = b[k] }
    }

    /// Up to this many columns the solve is a Householder QR written here; above it, LAPACK
    /// `dgels`. For the tall, narrow systems of the fade fits (60 × 3 plus damping rows) LAPACK's
    /// fixed cost per call was about 40 % of a whole fit; the arithmetic is the same Householder
    /// reflections dgels applies (Golub & Van Loan, Matrix Computations, 5.2), and the tests
    /// check the two paths agree.
    public static let householderMaxColumns = 8
    /// Tests set this to compare the hand-written path with LAPACK's.
    var forceLAPACK = false

    /// Householder QR of the copied matrix, the reflections applied to the right-hand side as
    /// they are formed, then back substitution with R (left in `a`, as dgels leaves it).
    private mutating func solveSmall(matrix: UnsafeBufferPointer<Double>, rhs: UnsafeBufferPointer<Double>,
                                     solution: UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) {
        let m = rows, n = columns
        try a.withUnsafeMutableBufferPointer { (ap) throws(LinearAlgebraError) in
            try b.withUnsafeMutableBufferPointer { (bp) throws(LinearAlgebraError) in
                let a = ap.baseAddress!, b = bp.baseAddress!
                a.update(from: matrix.baseAddress!, count: m * n)
                b.update(from: rhs.baseAddress!, count: m)
                for k in 0..<n {
                    let col = a + k * m
                    // Norm of the column below the diagonal; rescaled only when the plain sum of
                    // squares over- or underflows.
                    var sum2 = 0.0
                    for i in k..<m { sum2 += col[i] * col[i] }
                    var norm = sum2.squareRoot()
                    if !(sum2.isNormal) {
                        var scale = 0.0
                        for i in k..<m { scale = max(scale, abs(col[i])) }
                        if scale == 0 { continue }
                        var norm2 = 0.0
                        for i in k..<m { let v = col[i] / scale; norm2 += v * v }
                        norm = scale * norm2.squareRoot()
                    }
                    let alpha = col[k] > 0 ? -norm : norm
                    // v = x − αe₁ stored in place; vᵀv = 2(‖x‖² − αx₀) = 2α(α − x₀).
                    col[k] -= alpha
                    let vtv = -2 * alpha * col[k]
                    let inv = 2 / vtv
                    for j in (k + 1)..<n {
                        let cj = a + j * m
                        var dot = 0.0
                        for i in k..<m { dot += col[i] * cj[i] }
                        let f = dot * inv
                        for i in k..<m { cj[i] -= f * col[i] }
                    }
                    var dot = 0.0
                    for i in k..<m { dot += col[i] * b[i] }
                    let f = dot * inv
                    for i in k..<m { b[i] -= f * col[i] }
                    col[k] = alpha
                }
                if let k = Self.rankDeficientColumn(UnsafeBufferPointer(ap), rows: m, columns: n) {
                    throw .rankDeficient(routine: "householder", info: k + 1)
                }
                for k in stride(from: n - 1, through: 0, by: -1) {
                    var x = b[k]
                    for j in (k + 1)..<n { x -= a[j * m + k] * solution[j] }
                    solution[k] = x / a[k * m + k]
                }
            }
        }
    }

    /// The first column k whose R_kk is negligible against the column's norm. Q is orthogonal,
    /// so ‖A_k‖² = Σ_{i ≤ k} R_ik²: the norm comes from R's own column (k + 1 values) without
    /// another pass over A.
    static func rankDeficientColumn<C: Collection<Double>>(_ r: C, rows: Int, columns: Int) -> Int? where C.Index == Int {
        for k in 0..<columns {
            var largest = 0.0
            for i in 0...k { largest = max(largest, abs(r[k * rows + i])) }
            var sum = 0.0
            if largest > 0 { for i in 0...k { let v = r[k * rows + i] / largest; sum += v * v } }
            let norm = largest * sum.squareRoot()
            if !(abs(r[k * rows + k]) > norm * rankTolerance) { return k }
        }
        return nil
    }

    /// ‖column‖₂, rescaled by its largest entry only when the plain sum of squares is not a
    /// normal number (so tiny and huge columns keep their true norm).
    public static func columnNorm(_ column: UnsafePointer<Double>, count: Int) -> Double {
        var sum2 = 0.0
        for i in 0..<count { sum2 += column[i] * column[i] }
        if sum2.isNormal || sum2 == 0 && !(0..<count).contains(where: { column[$0] != 0 }) { return sum2.squareRoot() }
        var scale = 0.0
        for i in 0..<count { scale = max(scale, abs(column[i])) }
        guard scale > 0, scale.isFinite else { return scale }
        var norm2 = 0.0
        for i in 0..<count { let v = column[i] / scale; norm2 += v * v }
        return scale * norm2.squareRoot()
    }

    /// Element (row, column) of the triangular factor R left by the last solve (row ≤ column).
    public func upperTriangle(row: Int, column: Int) -> Double {
        precondition(row <= column && column < columns)
        return a[column * rows + row]
    }
}

/// One-shot convenience: least-squares solution of A x ≈ b.
public func leastSquares(_ matrix: Matrix, _ rhs: [Double]) throws(LinearAlgebraError) -> [Double] {
    var solver = try LeastSquaresSolver(rows: matrix.rows, columns: matrix.columns)
    return try solver.solve(matrix, rhs)
}
