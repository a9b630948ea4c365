/// Errors from the LAPACK layer, with LAPACK's `info` code turned into words.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The arguments do not describe a valid problem (shape mismatch, empty system).
    case invalidShape(String)
    /// LAPACK rejected argument number `argument` (a programming error on our side).
    case illegalArgument(routine: String, argument: Int)
    /// The matrix is rank deficient: least squares has no unique solution.
    case rankDeficient(routine: String, info: Int)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(routine: String, info: Int)
    /// A square system is singular (pivot `info` of the LU factor is zero or negligible).
    case singular(routine: String, info: Int)
    /// An eigenvalue the caller needs real came out complex (1-based index).
    case complexEigenvalues(routine: String, index: Int)

    public var description: String {
        switch self {
        case .invalidShape(let why): return "invalid linear-algebra problem: \(why)"
        case .illegalArgument(let routine, let argument):
            return "\(routine): argument \(argument) had an illegal value"
        case .rankDeficient(let routine, let info):
            return "\(routine): matrix is rank deficient (diagonal element \(info) of the triangular factor is zero)"
        case .noConvergence(let routine, let info):
            return "\(routine): failed to converge (info \(info))"
        case .singular(let routine, let info):
            return "\(routine): matrix is singular (pivot \(info) of the LU factor is zero)"
        case .complexEigenvalues(let routine, let index):
            return "\(routine): eigenvalue \(index) is complex; a real spectrum was expected"
        }
    }
}
