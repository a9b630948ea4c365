import LinearAlgebra

/// Errors from the fading library. Each names what was wrong and what was expected; the CLI
/// prints them verbatim.
public enum FadeError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownModel(name: String, known: [String])
    case unknownParameter(model: String, name: String, known: [String])
    case parameterOutOfBounds(model: String, name: String, value: Double, lower: Double, upper: Double)
    case invalidDays(reason: String)
    case invalidInput(reason: String)
    /// A row of an observation file could not be read (1-based line).
    case malformedRow(path: String, line: Int, reason: String)
    case malformedData(path: String, reason: String)
    case tooFewPoints(series: String, model: String, points: Int, needed: Int)
    case numerical(String)
    /// A user-defined model (model file) is invalid: `field` is e.g. `expression` or `parameters.tau.start`.
    case modelDefinition(source: String, field: String, reason: String)

    public var description: String {
        switch self {
        case .unknownModel(let name, let known):
            return "unknown fade model '\(name)'; known models: \(known.joined(separator: ", "))"
        case .unknownParameter(let model, let name, let known):
            return "model \(model) has no parameter '\(name)'; its parameters: \(known.joined(separator: ", "))"
        case .parameterOutOfBounds(let model, let name, let value, let lower, let upper):
            return "model \(model): parameter \(name) = \(value) is outside its bounds [\(lower), \(upper)]"
        case .invalidDays(let reason): return "invalid days: \(reason)"
        case .invalidInput(let reason): return reason
        case .malformedRow(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .malformedData(let path, let reason): return "\(path): \(reason)"
        case .tooFewPoints(let series, let model, let points, let needed):
            return "series \(series): \(points) observations are too few for model \(model) (needs at least \(needed): one more than its fitted parameters)"
        case .numerical(let why): return "numerical failure: \(why)"
        case .modelDefinition(let source, let field, let reason): return "\(source): \(field): \(reason)"
        }
    }

    static func wrap(_ error: LinearAlgebraError) -> FadeError { .numerical(error.description) }
}
