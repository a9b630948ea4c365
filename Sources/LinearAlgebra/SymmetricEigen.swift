import CLapacke

/// Eigen-decomposition of a real symmetric matrix with LAPACK `dsyev`.
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as the columns of a matrix, in the order of `values`.
    public let vectors: Matrix

    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let n = try matrix.squareOrder(for: "eigen-decomposition")
        var a = matrix.storage
        var w = [Double](repeating: 0, count: n)
        let info = a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                              clapack_int(n), ap.baseAddress, clapack_int(n), wp.baseAddress)
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dsyev", argument: Int(-info)) }
        if info > 0 { throw .noConvergence(routine: "dsyev", info: Int(info)) }
        var vectors = Matrix(rows: n, columns: n)
        vectors.storage = a
        self.values = w
        self.vectors = vectors
    }
}
