import Testing
@testable import LinearAlgebra

@Suite("LAPACK least squares and eigen")
struct LeastSquaresTests {
    @Test("exact line fit recovers slope and intercept")
    func exactLine() throws {
        // y = 2 + 3x sampled at 5 points: the least-squares solution is exact.
        let xs: [Double] = [0, 1, 2, 3, 4]
        let a = Matrix(rowMajor: xs.map { [1, $0] })
        let b = xs.map { 2 + 3 * $0 }
        let x = try leastSquares(a, b)
        #expect(abs(x[0] - 2) < 1e-12)
        #expect(abs(x[1] - 3) < 1e-12)
    }

    @Test("noisy fit matches the closed-form normal-equation solution")
    func closedForm() throws {
        let xs: [Double] = [0, 1, 2, 3]
        let ys: [Double] = [1, 2, 2, 4]
        // Closed form for y = p + q x: q = Sxy/Sxx = 0.9, p = ȳ − q x̄ = 2.25 − 1.35 = 0.9
        let x = try leastSquares(Matrix(rowMajor: xs.map { [1, $0] }), ys)
        #expect(abs(x[0] - 0.9) < 1e-12)
        #expect(abs(x[1] - 0.9) < 1e-12)
    }

    @Test("solver is reusable and rejects wrong shapes")
    func reuse() throws {
        var solver = try LeastSquaresSolver(rows: 3, columns: 2)
        let a = Matrix(rowMajor: [[1, 0], [0, 1], [1, 1]])
        let first = try solver.solve(a, [1, 2, 3])
        let second = try solver.solve(a, [1, 2, 3])
        #expect(first == second)
        #expect(throws: LinearAlgebraError.self) { try solver.solve(Matrix(rows: 2, columns: 2), [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try LeastSquaresSolver(rows: 1, columns: 2) }
    }

    @Test("rank-deficient system is reported, not solved")
    func rankDeficient() {
        let a = Matrix(rowMajor: [[1, 2], [2, 4], [3, 6]])
        #expect(throws: LinearAlgebraError.self) { try leastSquares(a, [1, 2, 3]) }
    }

    @Test("symmetric eigenvalues of a known 2×2")
    func eigen() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3.
        let e = try SymmetricEigendecomposition(Matrix(rowMajor: [[2, 1], [1, 2]]))
        #expect(abs(e.values[0] - 1) < 1e-12)
        #expect(abs(e.values[1] - 3) < 1e-12)
        let v = (e.vectors[0, 1], e.vectors[1, 1])
        #expect(abs(abs(v.0) - 0.5.squareRoot()) < 1e-12 && abs(v.0 - v.1) < 1e-12)
    }
}

@Suite("Hand-written Householder path of the least-squares solver")
struct SmallLeastSquaresTests {
    @Test("agrees with LAPACK dgels on random tall systems up to 8 columns, including R's Gram matrix")
    func agreesWithLAPACK() throws {
        var state: UInt64 = 2026  // a 64-bit LCG (Knuth's MMIX constants): reproducible inputs
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53 * 2 - 1
        }
        for columns in 1...LeastSquaresSolver.householderMaxColumns {
            for rows in [columns, columns + 1, 63, 200] {
                var small = try LeastSquaresSolver(rows: rows, columns: columns)
                var lapack = try LeastSquaresSolver(rows: rows, columns: columns)
                lapack.forceLAPACK = true
                let a = (0..<(rows * columns)).map { _ in uniform() * 10 }
                let b = (0..<rows).map { _ in uniform() }
                var x1 = [Double](repeating: 0, count: columns), x2 = x1
                try a.withUnsafeBufferPointer { ap in try b.withUnsafeBufferPointer { bp in
                    try x1.withUnsafeMutableBufferPointer { try small.solve(matrix: ap, rhs: bp, solution: $0) }
                    try x2.withUnsafeMutableBufferPointer { try lapack.solve(matrix: ap, rhs: bp, solution: $0) }
                } }
                for k in 0..<columns { #expect(abs(x1[k] - x2[k]) <= 1e-9 * max(1, abs(x2[k])), "\(rows)×\(columns) x[\(k)]") }
                // RᵀR = AᵀA whatever the signs of R's rows: compare the Gram matrices.
                for i in 0..<columns { for j in i..<columns {
                    var g1 = 0.0, g2 = 0.0
                    for k in 0...min(i, j) {
                        g1 += small.upperTriangle(row: k, column: i) * small.upperTriangle(row: k, column: j)
                        g2 += lapack.upperTriangle(row: k, column: i) * lapack.upperTriangle(row: k, column: j)
                    }
                    #expect(abs(g1 - g2) <= 1e-9 * max(1, abs(g2)))
                } }
            }
        }
    }

    @Test("a rank-deficient system is refused, as dgels's path refuses it")
    func rankDeficient() throws {
        var solver = try LeastSquaresSolver(rows: 4, columns: 2)
        let a: [Double] = [1, 2, 3, 4, 2, 4, 6, 8]  // second column = 2 × first
        let b: [Double] = [1, 1, 1, 1]
        var x = [0.0, 0.0]
        #expect(throws: LinearAlgebraError.self) {
            try a.withUnsafeBufferPointer { ap in try b.withUnsafeBufferPointer { bp in
                try x.withUnsafeMutableBufferPointer { try solver.solve(matrix: ap, rhs: bp, solution: $0) }
            } }
        }
    }
}
