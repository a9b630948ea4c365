import Foundation

extension AddingDoubling {
    /// A small dense square matrix (row-major), the quadrature-by-quadrature operators of the
    /// adding–doubling method. Plain loops over row pointers: the matrices are 8–32 wide, where a
    /// call into LAPACK costs about as much as the arithmetic, and the solver is for tests and
    /// offline tables, not the run-time path.
    public struct Matrix: Equatable, Sendable {
        public let n: Int
        public var values: [Double]

        public init(n: Int, values: [Double]) {
            precondition(values.count == n * n)
            self.n = n
            self.values = values
        }

        public static func zero(_ n: Int) -> Matrix { Matrix(n: n, values: [Double](repeating: 0, count: n * n)) }

        public static func identity(_ n: Int) -> Matrix { diagonal((0..<n).map { _ in 1 }) }

        public static func diagonal(_ d: [Double]) -> Matrix {
            var m = zero(d.count)
            for i in d.indices { m.values[i * d.count + i] = d[i] }
            return m
        }

        public subscript(i: Int, j: Int) -> Double {
            get { values[i * n + j] }
            set { values[i * n + j] = newValue }
        }

        public static func + (a: Matrix, b: Matrix) -> Matrix {
            Matrix(n: a.n, values: zip(a.values, b.values).map { $0 + $1 })
        }

        public static func - (a: Matrix, b: Matrix) -> Matrix {
            Matrix(n: a.n, values: zip(a.values, b.values).map { $0 - $1 })
        }

        public static func * (a: Matrix, b: Matrix) -> Matrix {
            let n = a.n
            var c = [Double](repeating: 0, count: n * n)
            a.values.withUnsafeBufferPointer { pa in
                b.values.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        // Row pointers, so the innermost loop is a plain axpy the compiler
                        // vectorises (no index arithmetic to check for overflow).
                        for i in 0..<n {
                            let rowC = pc.baseAddress! + i * n
                            for k in 0..<n {
                                let aik = pa[i * n + k]
                                if aik == 0 { continue }
                                let rowB = pb.baseAddress! + k * n
                                for j in 0..<n { rowC[j] += aik * rowB[j] }
                            }
                        }
                    }
                }
            }
            return Matrix(n: n, values: c)
        }

        /// Scales row i by `left[i]` and column j by `right[j]`: diag(left) · self · diag(right).
        public func scaled(rows left: [Double], columns right: [Double]) -> Matrix {
            var m = self
            for i in 0..<n { for j in 0..<n { m.values[i * n + j] *= left[i] * right[j] } }
            return m
        }

        /// Sum of column j over the rows in `rows`.
        public func columnSum(_ j: Int, rows: Range<Int>) -> Double {
            rows.reduce(0) { $0 + self[$1, j] }
        }

        /// self⁻¹ · b by Gaussian elimination with partial pivoting. The matrices solved here
        /// are I − ρρ̃ with ρ a reflection operator (spectral radius < 1), so they are well
        /// conditioned whenever any light is absorbed or escapes.
        public func solve(_ b: Matrix) -> Matrix {
            let n = self.n
            var a = values, x = b.values
            a.withUnsafeMutableBufferPointer { pa in
                x.withUnsafeMutableBufferPointer { px in
                    let a = pa.baseAddress!, x = px.baseAddress!
                    for col in 0..<n {
                        var p = col
                        var best = abs(a[col * n + col])
                        for r in (col + 1)..<max(col + 1, n) where abs(a[r * n + col]) > best { best = abs(a[r * n + col]); p = r }
                        if p != col {
                            for j in 0..<n { swap(&a[col * n + j], &a[p * n + j]); swap(&x[col * n + j], &x[p * n + j]) }
                        }
                        let inv = 1 / a[col * n + col]
                        let pivotA = a + col * n, pivotX = x + col * n
                        for r in (col + 1)..<max(col + 1, n) {
                            let rowA = a + r * n, rowX = x + r * n
                            let f = rowA[col] * inv
                            if f == 0 { continue }
                            for j in col..<n { rowA[j] -= f * pivotA[j] }
                            for j in 0..<n { rowX[j] -= f * pivotX[j] }
                        }
                    }
                    for col in stride(from: n - 1, through: 0, by: -1) {
                        let inv = 1 / a[col * n + col]
                        let pivotX = x + col * n
                        for j in 0..<n { pivotX[j] *= inv }
                        for r in 0..<col {
                            let f = a[r * n + col]
                            if f == 0 { continue }
                            let rowX = x + r * n
                            for j in 0..<n { rowX[j] -= f * pivotX[j] }
                        }
                    }
                }
            }
            return Matrix(n: n, values: x)
        }
    }
}
