/// Everything ScalpModel can reject, each case naming what was wrong and what was expected,
/// so the CLI can print the message as is.
public enum ScalpModelError: Error, Equatable, CustomStringConvertible {
    /// A numeric input outside its plausible range (e.g. head circumference 900 mm).
    case outOfRange(field: String, value: Double, expected: String)
    /// A stage name the lenient Norwood parser could not read.
    case unknownStage(String)
    /// A stage name that is not a stage of the named hair-loss scale (Ludwig, Savin…).
    case unknownScaleStage(scale: String, text: String)
    /// A data file could not be read or did not match its schema.
    /// `context` narrows the place (e.g. `stage "V"`), `field` is a path like `patches[0].radii_mm`.
    case malformedData(file: String, context: String?, field: String, expected: String)
    /// A data file is missing or unreadable.
    case unreadableFile(file: String, reason: String)
    /// The Gauss–Newton head fit failed (linear solve failure or no convergence).
    case fitFailed(String)

    public var description: String {
        switch self {
        case .outOfRange(let field, let value, let expected):
            return "\(field): got \(formatted(value)), expected \(expected)"
        case .unknownStage(let text):
            return "unknown Norwood stage \"\(text)\": expected one of "
                + NorwoodStage.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                + " (also accepted: arabic numerals like \"5a\", \"IIIv\", \"III-vertex\")"
        case .unknownScaleStage(let scale, let text):
            let names = HairLossScale(rawValue: scale)?.stageNames.map { "\"\($0)\"" }.joined(separator: ", ") ?? ""
            return "unknown \(HairLossScale(rawValue: scale)?.title ?? scale) stage \"\(text)\": expected one of \(names)"
        case .malformedData(let file, let context, let field, let expected):
            let place = context.map { "\($0): " } ?? ""
            return "\(file): \(place)field \"\(field)\" expected \(expected)"
        case .unreadableFile(let file, let reason):
            return "\(file): cannot read (\(reason))"
        case .fitFailed(let why):
            return "head ellipsoid fit failed: \(why)"
        }
    }

    private func formatted(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
    }
}
