import CLapacke

/// Solves overdetermined linear least-squares problems min ‖A x − b‖₂ with LAPACK's QR-based
/// `dgels`. The workspace is queried once per problem shape and kept, because for the small
/// systems Stipple solves in loops (Gauss–Newton steps, fits) LAPACK's per-call allocation
/// would otherwise dominate the cost.
public struct LeastSquaresSolver: Sendable {
    public let rows: Int
    public let columns: Int
    /// Relative size below which a diagonal element of R counts as zero.
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
        a.withUnsafeMutableBufferPointer { dst in
            matrix.storage.withUnsafeBufferPointer { src in
                dst.baseAddress!.update(from: src.baseAddress!, count: rows * columns)
            }
        }
        for i in 0..<rows { b[i] = rhs[i] }
        let (m, n, lwork) = (clapack_int(rows), clapack_int(columns), clapack_int(work.count))
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                work.withUnsafeMutableBufferPointer { wp in
                    LAPACKE_dgels_work(
                        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), m, n, 1,
                        ap.baseAddress, m, bp.baseAddress, m, wp.baseAddress, lwork)
                }
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgels", argument: Int(-info)) }
        if info > 0 { throw .rankDeficient(routine: "dgels", info: Int(info)) }
        // dgels only reports an exactly zero pivot; a pivot lost in rounding would give a
        // huge, meaningless solution instead. `a` now holds R of A = QR: check its diagonal.
        var largest = 0.0
        for k in 0..<columns { largest = max(largest, abs(a[k * rows + k])) }
        for k in 0..<columns where abs(a[k * rows + k]) <= largest * Self.rankTolerance {
            throw .rankDeficient(routine: "dgels", info: k + 1)
        }
        return Array(b[0..<columns])
    }
}

/// One-shot convenience: least-squares solution of A x ≈ b.
public func leastSquares(_ matrix: Matrix, _ rhs: [Double]) throws(LinearAlgebraError) -> [Double] {
    var solver = try LeastSquaresSolver(rows: matrix.rows, columns: matrix.columns)
    return try solver.solve(matrix, rhs)
}
