import Foundation
import Testing
@testable import LinearAlgebra

/// The rank test judges each column against its own norm, so rescaling a column never changes
/// whether the system is full rank (issue 22: a damped Levenberg–Marquardt system whose columns
/// differed by 12 orders of magnitude was refused as rank deficient).
@Suite("Least squares: rank judged on the column-scaled matrix")
struct ScaledRankTests {
    /// Column-major 6 × 2 [x, exp(−x)] with the second column multiplied by `scale`, plus the
    /// damping rows √λ·diag(‖column‖) that Levenberg–Marquardt stacks under J.
    static func damped(scale: Double, lambda: Double, dependent: Bool = false) -> (a: [Double], rows: Int) {
        let x: [Double] = [0.5, 1, 1.5, 2, 3, 4]
        let c0 = x, c1 = x.map { (dependent ? 2 * $0 : Foundation.exp(-$0)) * scale }
        func norm(_ c: [Double]) -> Double { c.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let rows = x.count + 2
        var a = [Double](repeating: 0, count: rows * 2)
        for i in 0..<x.count { a[i] = c0[i]; a[rows + i] = c1[i] }
        a[x.count] = lambda.squareRoot() * norm(c0)
        a[rows + x.count + 1] = lambda.squareRoot() * norm(c1)
        return (a, rows)
    }

    static func solve(_ a: [Double], rows: Int, rhs: [Double], lapack: Bool) throws -> [Double] {
        var solver = try LeastSquaresSolver(rows: rows, columns: 2)
        solver.forceLAPACK = lapack
        var x = [Double](repeating: 0, count: 2)
        try a.withUnsafeBufferPointer { ap in
            try rhs.withUnsafeBufferPointer { bp in
                try x.withUnsafeMutableBufferPointer { xp in try solver.solve(matrix: ap, rhs: bp, solution: xp) }
            }
        }
        return x
    }

    @Test("columns 1e12 apart in scale are full rank; the solution scales back exactly",
          arguments: [false, true], [1e-12, 1e12, 1e-14, 1e14])
    func badlyScaled(_ lapack: Bool, _ scale: Double) throws {
        let rhs: [Double] = [1, 0.8, 0.7, 0.5, 0.4, 0.3, 0, 0]
        for lambda in [0.0, 1e-16, 1e-3] {
            let unit = Self.damped(scale: 1, lambda: lambda), scaled = Self.damped(scale: scale, lambda: lambda)
            let x1 = try Self.solve(unit.a, rows: unit.rows, rhs: rhs, lapack: lapack)
            let x2 = try Self.solve(scaled.a, rows: scaled.rows, rhs: rhs, lapack: lapack)
            // Column 2 multiplied by s: its coefficient divided by s, the other unchanged.
            #expect(abs(x2[0] - x1[0]) <= 1e-12 * abs(x1[0]), "λ \(lambda): \(x1) vs \(x2)")
            #expect(abs(x2[1] * scale - x1[1]) <= 1e-10 * abs(x1[1]), "λ \(lambda): \(x1) vs \(x2)")
        }
    }

    @Test("a truly dependent pair stays rank deficient at any scale; damping makes it full rank",
          arguments: [false, true], [1e-12, 1.0, 1e12])
    func dependent(_ lapack: Bool, _ scale: Double) throws {
        let rhs: [Double] = [1, 0.8, 0.7, 0.5, 0.4, 0.3, 0, 0]
        let undamped = Self.damped(scale: scale, lambda: 0, dependent: true)
        #expect(throws: LinearAlgebraError.self) { try Self.solve(undamped.a, rows: undamped.rows, rhs: rhs, lapack: lapack) }
        let damped = Self.damped(scale: scale, lambda: 1e-16, dependent: true)
        let x = try Self.solve(damped.a, rows: damped.rows, rhs: rhs, lapack: lapack)
        #expect(x.allSatisfy { $0.isFinite })
    }

    @Test("column-scaled condition number: invariant to column scale, ∞ for dependent columns")
    func condition() throws {
        let a = Self.damped(scale: 1, lambda: 0), b = Self.damped(scale: 1e12, lambda: 0)
        let ka = try a.a.withUnsafeBufferPointer { try SingularValues.columnScaledCondition($0, rows: a.rows, columns: 2) }
        let kb = try b.a.withUnsafeBufferPointer { try SingularValues.columnScaledCondition($0, rows: b.rows, columns: 2) }
        #expect(ka > 1 && ka < 100 && abs(ka - kb) <= 1e-9 * ka, "\(ka) vs \(kb)")
        let d = Self.damped(scale: 3, lambda: 0, dependent: true)
        let kd = try d.a.withUnsafeBufferPointer { try SingularValues.columnScaledCondition($0, rows: d.rows, columns: 2) }
        #expect(kd > 1e15, "\(kd)")
        // 2 × 2 diagonal [1, 0; 0, 1e-6] scaled to unit columns is the identity: κ = 1.
        let diag: [Double] = [1, 0, 0, 1e-6]
        let k1 = try diag.withUnsafeBufferPointer { try SingularValues.columnScaledCondition($0, rows: 2, columns: 2) }
        #expect(abs(k1 - 1) < 1e-12)
    }
}
