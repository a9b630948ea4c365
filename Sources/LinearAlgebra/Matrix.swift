/// A dense matrix of `Double` in column-major order, the layout LAPACK works in natively,
/// so no transposition is needed on the way in or out.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Column-major storage: element (r, c) is at `c * rows + r`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0)
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// Builds a matrix from rows given in reading order (row-major), converting to column-major.
    public init(rowMajor values: [[Double]]) {
        let rows = values.count
        let columns = values.first?.count ?? 0
        self.init(rows: rows, columns: columns)
        for (r, row) in values.enumerated() {
            precondition(row.count == columns, "ragged matrix literal")
            for (c, v) in row.enumerated() { self[r, c] = v }
        }
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[column * rows + row] }
        set { storage[column * rows + row] = newValue }
    }

    /// The order n of a non-empty square matrix; the eigen-decompositions need one.
    func squareOrder(for purpose: String) throws(LinearAlgebraError) -> Int {
        guard rows == columns, rows > 0 else {
            throw .invalidShape("\(purpose) needs a non-empty square matrix, got \(rows)×\(columns)")
        }
        return rows
    }

    /// Matrix–vector product.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns)
        var result = [Double](repeating: 0, count: rows)
        for c in 0..<columns {
            let v = vector[c]
            for r in 0..<rows { result[r] += storage[c * rows + r] * v }
        }
        return result
    }
}
