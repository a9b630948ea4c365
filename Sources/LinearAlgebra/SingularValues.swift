import CLapacke

/// Singular values with LAPACK `dgesvd` (no singular vectors), for condition numbers.
///
/// A fit's standard errors come from (JᵀJ)⁻¹; whether they mean anything depends on the
/// condition number of J with its columns scaled to unit norm, κ = σ_max/σ_min, which is what
/// Levenberg–Marquardt's scaling sees (a parameter in days and one in 1/day are not compared by
/// their units). Computed from J itself rather than from JᵀJ, whose condition is κ², so values
/// up to about 1/ε are resolved.
public enum SingularValues {
    /// The singular values, largest first, of the `rows × columns` column-major `matrix`.
    public static func of(_ matrix: UnsafeBufferPointer<Double>, rows: Int, columns: Int) throws(LinearAlgebraError) -> [Double] {
        guard rows >= 1, columns >= 1, matrix.count >= rows * columns else {
            throw .invalidShape("singular values need a non-empty matrix, got \(rows)×\(columns) from \(matrix.count) values")
        }
        var a = Array(matrix.prefix(rows * columns))
        let k = min(rows, columns)
        var s = [Double](repeating: 0, count: k)
        var superb = [Double](repeating: 0, count: max(1, k - 1))
        var u = 0.0, vt = 0.0   // not referenced with jobu = jobvt = 'N'
        let info = a.withUnsafeMutableBufferPointer { ap in
            s.withUnsafeMutableBufferPointer { sp in
                superb.withUnsafeMutableBufferPointer { wp in
                    LAPACKE_dgesvd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "N")),
                                   clapack_int(rows), clapack_int(columns), ap.baseAddress, clapack_int(rows),
                                   sp.baseAddress, &u, 1, &vt, 1, wp.baseAddress)
                }
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgesvd", argument: Int(-info)) }
        if info > 0 { throw .noConvergence(routine: "dgesvd", info: Int(info)) }
        return s
    }

    /// κ₂ of the matrix with every column scaled to unit norm (∞ when a column is zero or the
    /// columns are dependent to working precision).
    public static func columnScaledCondition(_ matrix: UnsafeBufferPointer<Double>, rows: Int, columns: Int) throws(LinearAlgebraError) -> Double {
        var scaled = Array(matrix.prefix(rows * columns))
        for j in 0..<columns {
            let norm = scaled.withUnsafeBufferPointer { LeastSquaresSolver.columnNorm($0.baseAddress! + j * rows, count: rows) }
            guard norm > 0, norm.isFinite else { return .infinity }
            for i in 0..<rows { scaled[j * rows + i] /= norm }
        }
        let s = try scaled.withUnsafeBufferPointer { (p) throws(LinearAlgebraError) in try of(p, rows: rows, columns: columns) }
        guard let largest = s.first, let smallest = s.last, smallest > 0 else { return .infinity }
        return largest / smallest
    }
}
