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
